"""Real record ids for scripts/test's API fuzzing, read through the API as the fuzzer's own user.

Without them schemathesis only ever names records that do not exist, so every operation with an
id in its path answers 404 and its handler is never reached. This writes a copy of
e2e/schemathesis.toml with a dictionary of real ids for each path parameter, drawn most of the
time (made-up ids the rest), so the fuzzer reaches the records themselves.

    python3 e2e/schemathesis_ids.py BASE_URL TOKEN OUT_TOML
"""
import json
import sys
import urllib.request
from pathlib import Path

# Most of the time a real id; otherwise schemathesis makes one up, which must still be a clean 404.
PROBABILITY = 0.8
# How many of each kind of record to offer.
EACH = 6


def main():
    base, token, out = sys.argv[1].rstrip("/") + "/api/v1", sys.argv[2], Path(sys.argv[3])

    def get(path):
        request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    ids = {name: [] for name in (
        "organisationID", "teamID", "agencyID", "professionalID", "caseID", "personID", "requestID", "meetingID",
        "actionID", "decisionID", "dissentID", "escalationID", "changeID", "inviteeID", "shareID")}

    def keep(name, values):
        for value in values:
            if value and value not in ids[name] and len(ids[name]) < EACH:
                ids[name].append(value)

    keep("organisationID", [o["id"] for o in get("/organisations")])
    keep("teamID", [t["id"] for t in get("/teams")])
    keep("agencyID", [a["id"] for a in get("/agencies")])
    keep("professionalID", [p["id"] for p in get("/professionals")])
    cases = get("/cases")
    keep("caseID", [c["id"] for c in cases])
    for case in cases[:EACH]:
        keep("personID", [p["id"] for p in get(f"/cases/{case['id']}/people")])
    keep("requestID", [r["id"] for r in get("/requests")])
    keep("actionID", [a["id"] for a in get("/actions")])
    meetings = get("/meetings")
    keep("meetingID", [m["id"] for m in meetings])
    for meeting in meetings:
        record = get(f"/meetings/{meeting['id']}").get("record", {})
        keep("decisionID", [d["id"] for d in record.get("decisions", [])])
        keep("dissentID", [d["id"] for d in record.get("dissents", [])])
        keep("escalationID", [e["id"] for e in record.get("escalations", [])])
        keep("changeID", [c["id"] for c in record.get("changes", [])])
        keep("inviteeID", [i["professionalId"] for i in record.get("invitations", [])])
        keep("actionID", [a["id"] for a in record.get("actions", [])])
        try:
            keep("shareID", [s["id"] for s in get(f"/meetings/{meeting['id']}/minutes/shares")])
        except urllib.error.HTTPError:
            pass  # no minutes yet

    lines = [Path(__file__).with_name("schemathesis.toml").read_text(), "",
             "# Written by e2e/schemathesis_ids.py: real ids, read through the API for this run.", ""]
    for name, values in sorted(ids.items()):
        if values:
            lines += [f"[dictionaries.{name}]", "values = " + json.dumps(values), ""]
    lines.append("[parameters]")
    for name, values in sorted(ids.items()):
        if values:
            lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = {PROBABILITY} }}')
    out.write_text("\n".join(lines) + "\n")
    missing = sorted(name for name, values in ids.items() if not values)
    print(f"real ids for {len(ids) - len(missing)} path parameters" + (f" (none found for {', '.join(missing)})" if missing else ""))


if __name__ == "__main__":
    main()
