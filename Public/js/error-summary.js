// A refused form's error summary (GOV.UK's pattern): each link takes the keyboard to the refused
// field's own control, a closed part of the form around it opened, with its label or question in
// view (a field with no control takes the focus itself). Without this script the link still
// scrolls to the field and its message.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    var href = link ? link.getAttribute("href") : null;
    if (!href || href.charAt(0) !== "#") { return; }
    var field = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!field) { return; }
    var control = field.matches("input, select, textarea")
      ? field
      : field.querySelector("input:not([type=hidden]), select, textarea");
    event.preventDefault();
    if (!control) {
      // A field with nothing to type into (a slot chosen from the board): its message and hint.
      field.setAttribute("tabindex", "-1");
      field.scrollIntoView();
      field.focus({ preventScroll: true });
      return;
    }
    for (var part = control.closest("details"); part; part = part.parentElement && part.parentElement.closest("details")) {
      part.open = true;
    }
    var question = field.querySelector("legend") ||
      (control.id ? document.querySelector("label[for='" + CSS.escape(control.id) + "']") : null);
    (question || control).scrollIntoView();
    control.focus({ preventScroll: true });
  });
})();
