"""Two Convene processes on one PostgreSQL database: a change made through one is
seen through the other, and clocks agree whichever answers."""
import os

import pytest
import requests
from conftest import api_as, postgres_database, sign_in, start_server, stop_server

ADMIN = os.environ.get("CONVENE_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not ADMIN, reason="scripts/test provides a PostgreSQL server")


@pytest.fixture
def shared_database():
    with postgres_database("convene_two") as url:
        yield url


def test_a_change_through_one_process_is_seen_through_the_other(shared_database):
    first = start_server(database_url=shared_database, demo=True)
    second = start_server(database_url=shared_database, demo=False)
    try:
        a, b = first["base"] + "/api/v1", second["base"] + "/api/v1"
        assert requests.get(second["base"] + "/ready", timeout=5).json()["ready"] is True
        admin, manager = api_as(first, "admin"), api_as(first, "martin.oduya")
        created = admin.post(a + "/agencies", json={"name": "Seen by both", "kind": "housing"}, timeout=5)
        assert created.status_code == 201
        seen = admin.get(f"{b}/agencies/{created.json()['id']}", timeout=5)
        assert seen.status_code == 200 and seen.json()["name"] == "Seen by both"
        # An action agreed through the second process stops a clock seen through the first.
        overdue = manager.get(a + "/clocks", params={"overdue": "true"}, timeout=5).json()
        action = next(c["clock"] for c in overdue if c["clock"]["kind"] == "action")
        version = manager.get(f"{a}/actions/{action['subjectId']}", timeout=5).headers["ETag"]
        done = manager.patch(f"{b}/actions/{action['subjectId']}", json={"status": "completed", "completionEvidence": "Done"},
                             headers={"If-Match": version}, timeout=5)
        assert done.status_code == 200
        ids_a = [c["clock"]["subjectId"] for c in manager.get(a + "/clocks", params={"overdue": "true"}, timeout=5).json()]
        ids_b = [c["clock"]["subjectId"] for c in manager.get(b + "/clocks", params={"overdue": "true"}, timeout=5).json()]
        assert action["subjectId"] not in ids_a
        assert ids_a == ids_b
        # A session made by one process works on the other (sessions live in the database), and
        # signing out through the second ends it for the first.
        cookie = sign_in(first["base"], "grace.achterberg")
        page = requests.get(second["base"] + "/my-work", headers={"Cookie": cookie}, allow_redirects=False, timeout=5)
        assert page.status_code == 200 and "My work" in page.text
        csrf = page.text.split('name="_csrf" value="', 1)[1].split('"', 1)[0]
        out = requests.post(second["base"] + "/sign-out", headers={"Cookie": cookie}, data={"_csrf": csrf}, allow_redirects=False, timeout=5)
        assert out.status_code == 303
        again = requests.get(first["base"] + "/my-work", headers={"Cookie": cookie}, allow_redirects=False, timeout=5)
        assert again.status_code == 303
    finally:
        stop_server(second)
        stop_server(first)
