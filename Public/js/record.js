// The meeting page, enhanced: typed record text is never left behind unsaved. Without this
// script the page still works; the hint beside the record says to save it first.
(function () {
  "use strict";
  var record = document.getElementById("whole-record");
  if (!record) { return; }

  // Each control of the whole record as the page showed it, to tell what has been typed since.
  function state(control) {
    if (control.type === "checkbox" || control.type === "radio") { return String(control.checked); }
    return control.value;
  }
  var shown = [];
  for (var i = 0; i < record.elements.length; i++) { shown.push(state(record.elements[i])); }
  function unsaved() {
    for (var i = 0; i < record.elements.length; i++) {
      var control = record.elements[i];
      if (control.type !== "hidden" && !control.disabled && state(control) !== shown[i]) { return true; }
    }
    return false;
  }

  var leaving = false;
  // Another form sent while the record has unsaved text: save the record first, and say so.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form === record || form.method.toLowerCase() !== "post" || !unsaved()) { leaving = true; return; }
    event.preventDefault();
    var notice = document.getElementById("unsaved-record");
    if (notice) {
      notice.hidden = false;
      notice.focus();
    }
  }, true);
  // Leaving the page by a link, a reload or closing it: the browser asks first.
  window.addEventListener("beforeunload", function (event) {
    if (leaving || !unsaved()) { return; }
    event.preventDefault();
    event.returnValue = "";
  });
})();
