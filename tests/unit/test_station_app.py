"""The review station through Starlette's test client: login, CSRF, traversal, audit,
office scopes and decisions, over real files, the real journal and the shipped rules."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reviewdocs import ROOT, put_in_review, station_config
from starlette.testclient import TestClient
from textpdf import wrapped_pdf

from semantha.config import AppConfig
from semantha.delivering import deliver
from semantha.fsutil import file_sha256
from semantha.records import Decision, Document, Page, Reading
from semantha.service.audit import audit_path
from semantha.service.journal import Journal, Result, State, journal_path
from semantha.service.worker import build_context
from semantha.station import users
from semantha.station.app import create_app
from semantha.station.users import UsersFile

PASSWORD = "Rathaus-Poststelle-7"
LETTER = "Stadt Musterstadt\nBaurechtsamt\nAntrag auf Baugenehmigung für eine Garage"


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap scrypt parameters: the hashing itself is tested in test_station_users."""
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)
    monkeypatch.setattr(users, "SCRYPT_P", 1)


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    config = station_config(tmp_path)
    users_file = UsersFile(config.users_file)
    users_file.add("mueller", PASSWORD, None)
    users_file.add("amt32", PASSWORD, "32")
    return config


@pytest.fixture
def app_client(config: AppConfig) -> Iterator[TestClient]:
    with TestClient(create_app(config, build_context(config)), follow_redirects=False) as client:
        yield client


def token(client: TestClient, path: str = "/anmelden") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, f"no token on {path}"
    return found.group(1)


def log_in(client: TestClient, name: str = "mueller", password: str = PASSWORD) -> int:
    form = {"name": name, "password": password, "csrf_token": token(client)}
    return client.post("/anmelden", data=form).status_code


@pytest.fixture
def client(app_client: TestClient) -> TestClient:
    assert log_in(app_client) == 303
    return app_client


def audit_lines(config: AppConfig) -> list[dict[str, object]]:
    path = audit_path(config.paths.work)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- login ---------------------------------------------------------------------------------


def test_a_stranger_is_sent_to_the_login_page(app_client: TestClient) -> None:
    for path in ("/pruefliste", "/status", "/dokument/0123456789ab"):
        answer = app_client.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/anmelden?weiter=%2F")
    page = app_client.get("/anmelden")
    assert page.status_code == 200 and "Passwort" in page.text


def test_a_wrong_password_is_401_and_a_right_one_logs_in(app_client: TestClient) -> None:
    assert log_in(app_client, password="falsch-falsch-falsch") == 401
    assert log_in(app_client, name="niemand") == 401
    assert app_client.get("/pruefliste").status_code == 303
    form = {"name": "mueller", "password": PASSWORD, "csrf_token": token(app_client)}
    answer = app_client.post("/anmelden", data={**form, "weiter": "/status"})
    assert answer.status_code == 303 and answer.headers["location"] == "/status"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert app_client.get("/pruefliste").status_code == 200


def test_the_login_never_sends_anybody_to_another_site(app_client: TestClient) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        form = {"name": "mueller", "password": PASSWORD, "csrf_token": token(app_client)}
        answer = app_client.post("/anmelden", data={**form, "weiter": target})
        assert answer.headers["location"] == "/pruefliste"


def test_logging_out_ends_the_session(client: TestClient, config: AppConfig) -> None:
    answer = client.post("/abmelden", data={"csrf_token": token(client, "/pruefliste")})
    assert answer.status_code == 303
    assert client.get("/pruefliste").status_code == 303
    assert [line["event"] for line in audit_lines(config)] == ["station.login", "station.logout"]


def test_a_user_removed_from_the_file_is_logged_out(client: TestClient, config: AppConfig) -> None:
    config.users_file.write_text('{"users": {}}', encoding="utf-8")
    assert client.get("/pruefliste").status_code == 303


# --- CSRF ----------------------------------------------------------------------------------


def test_a_post_without_the_token_is_refused(client: TestClient) -> None:
    assert client.post("/abmelden").status_code == 403
    assert client.post("/abmelden", data={"csrf_token": "geraten"}).status_code == 403
    assert client.post("/abmelden", headers={"X-CSRF-Token": "geraten"}).status_code == 403
    assert client.get("/pruefliste").status_code == 200  # still logged in


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver:8081"},  # another port of this host: another site
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_post_from_another_site_is_refused_even_with_the_token(
    client: TestClient, headers: dict[str, str]
) -> None:
    form = {"csrf_token": token(client, "/pruefliste")}
    assert client.post("/abmelden", data=form, headers=headers).status_code == 403
    assert client.get("/pruefliste").status_code == 200


def test_a_post_from_this_site_with_the_token_is_taken(client: TestClient) -> None:
    headers = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    form = {"csrf_token": token(client, "/pruefliste")}
    assert client.post("/abmelden", data=form, headers=headers).status_code == 303


def test_the_login_form_needs_its_token_too(app_client: TestClient) -> None:
    answer = app_client.post("/anmelden", data={"name": "mueller", "password": PASSWORD})
    assert answer.status_code == 403


# --- documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/dokument/..%2F..%2Fetc%2Fpasswd",
        "/dokument/..%252F..%252Fetc%252Fpasswd",
        "/dokument/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/dokument/..%5C..%5Cetc%5Cpasswd",
        "/dokument/%2Fetc%2Fpasswd",
        "/dokument/0123456789ab",  # a review id of nothing
        "/dokument/0123456789AB",
        "/dokument/0123456789abc",
        "/dokument/0123456789ab/seite/1",
    ],
)
def test_a_url_that_names_no_document_in_review_is_404(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404 and "Nicht gefunden" in answer.text


def test_pages_outside_the_document_are_404(client: TestClient, config: AppConfig) -> None:
    review_id = put_in_review(config, "035-none-private.jpg", text=LETTER)
    for page in ("0", "2", "-1", "..%2F..%2Fetc%2Fpasswd", "1.png"):
        assert client.get(f"/dokument/{review_id}/seite/{page}").status_code == 404


def test_the_queue_lists_documents_oldest_first_with_reason_and_suggestion(
    client: TestClient, config: AppConfig
) -> None:
    earlier = datetime.now(UTC) - timedelta(hours=2)
    first = put_in_review(config, "035-none-private.jpg", text=LETTER, queued_at=earlier)
    second = put_in_review(
        config, "005-21-antrag-named.jpg", text=LETTER, department="63", returned_by="32"
    )
    page = client.get("/pruefliste").text
    assert page.index(first) < page.index(second)
    assert "model confidence is low" in page
    assert "63 · Baurechtsamt / Antrag" in page
    assert "32 · Ordnungsamt" in page  # returned by


def test_a_document_shows_text_suggestions_and_fields_and_each_view_is_audited(
    client: TestClient, config: AppConfig
) -> None:
    review_id = put_in_review(config, "035-none-private.jpg", text=LETTER)
    page = client.get(f"/dokument/{review_id}")
    assert page.status_code == 200
    assert "Antrag auf Baugenehmigung für eine Garage" in page.text
    assert page.text.count('data-pick="department"') == 3
    assert 'value="63-2024/17"' in page.text and 'value="01.11.2024"' in page.text
    image = client.get(f"/dokument/{review_id}/seite/1")
    assert image.status_code == 200 and image.content[:3] == b"\xff\xd8\xff"  # JPEG
    assert image.headers["cache-control"] == "no-store"
    views = [line for line in audit_lines(config) if line["event"] == "station.view"]
    assert [(v["user"], v["part"]) for v in views] == [("mueller", "document"), ("mueller", "page")]
    assert {v["sha256"] for v in views} == {
        json.loads((config.paths.review / "035-none-private.jpg.json").read_text())["sha256"]
    }


# --- decisions -----------------------------------------------------------------------------


def decide(client: TestClient, review_id: str, **form: str) -> tuple[int, str]:
    data = {"csrf_token": token(client, "/pruefliste"), **form}
    answer = client.post(f"/dokument/{review_id}", data=data)
    return answer.status_code, answer.headers.get("location", answer.text)


def test_a_correction_is_delivered_with_its_fields_and_the_next_document_opens(
    client: TestClient, config: AppConfig
) -> None:
    first = put_in_review(config, "035-none-private.jpg", text=LETTER)
    second = put_in_review(config, "005-21-antrag-named.jpg", text=LETTER)
    form = {
        "aktion": "korrigieren",
        "department": "32",
        "doctype": "Beschwerde",
        "aktenzeichen": "32-2024/99",
        "date": "2.11.2024",
        "subject": "Lärm",
    }
    assert decide(client, first, **form) == (303, f"/dokument/{second}")
    assert "Zugestellt an 32 · Ordnungsamt." in client.get(f"/dokument/{second}").text
    (delivered,) = [p for p in config.paths.dms_root.rglob("*.jpg")]
    sidecar = json.loads(delivered.with_name(delivered.name + ".json").read_text())
    assert (sidecar["department"], sidecar["doctype"], sidecar["method"]) == (
        "32",
        "Beschwerde",
        "human",
    )
    assert sidecar["fields"]["aktenzeichen"] == "32-2024/99"
    assert sidecar["fields"]["date"] == "2024-11-02"
    journal = Journal(journal_path(config), readonly=True)
    (decision,) = journal.decisions()
    journal.close()
    assert (decision.user, decision.department, decision.proposed_department) == (
        "mueller",
        "32",
        None,
    )


def test_confirming_takes_semanthas_proposal_and_for_no_office_archives(
    client: TestClient, config: AppConfig
) -> None:
    proposed = put_in_review(config, "035-none-private.jpg", text=LETTER, department="63")
    private = put_in_review(config, "005-21-antrag-named.jpg", text=LETTER)
    # Edits in the form do not count with Bestätigen: it delivers what Semantha proposed.
    assert decide(client, proposed, aktion="bestaetigen", department="50")[0] == 303
    assert decide(client, private, aktion="keinamt", doctype="Sonstiges") == (303, "/pruefliste")
    journal = Journal(journal_path(config), readonly=True)
    decisions = [(d.department, d.doctype) for d in journal.decisions()]
    journal.close()
    assert decisions == [("63", "Antrag"), (None, "Sonstiges")]
    assert [p.parent.name for p in config.paths.archive.rglob("*.jpg")].count("kein-amt") == 1


def test_the_models_no_office_is_a_proposal_to_confirm(
    client: TestClient, config: AppConfig
) -> None:
    review_id = put_in_review(
        config, "035-none-private.jpg", text=LETTER, departments=(("", 0.99), ("63", 0.01))
    )
    page = client.get(f"/dokument/{review_id}").text
    assert re.search(r'<option value="none"\s+selected>für kein Amt</option>', page)
    assert decide(client, review_id, aktion="bestaetigen")[0] == 303
    assert list(config.paths.archive.rglob("kein-amt/*.jpg"))


def test_the_office_that_sent_a_letter_back_is_not_proposed_again(
    client: TestClient, config: AppConfig
) -> None:
    review_id = put_in_review(
        config, "035-none-private.jpg", text=LETTER, department="63", returned_by="63"
    )
    page = client.get(f"/dokument/{review_id}").text
    assert "Zurückgegeben von 63 · Baurechtsamt" in page
    assert re.search(r'<option value=""\s+selected>', page)  # no office chosen for the clerk
    status, page = decide(client, review_id, aktion="bestaetigen")
    assert status == 422 and "Semantha hat nichts vorgeschlagen" in page


def test_a_decision_that_cannot_be_carried_out_says_why_in_german(
    client: TestClient, config: AppConfig
) -> None:
    review_id = put_in_review(config, "035-none-private.jpg", text=LETTER)
    for form, message in (
        ({"aktion": "bestaetigen"}, "Semantha hat nichts vorgeschlagen"),
        ({"aktion": "korrigieren", "department": ""}, "Bitte ein Amt wählen."),
        ({"aktion": "korrigieren", "department": "../63"}, "Bitte ein Amt wählen."),
        ({"aktion": "korrigieren", "department": "63", "date": "1.11."}, "ist kein Datum"),
        ({"aktion": "korrigieren", "department": "63", "date": "31.02.2024"}, "ist kein Datum"),
        ({"aktion": "keinamt", "doctype": "Liebesbrief"}, "Dokumenttyp gibt es nicht"),
        ({"aktion": "löschen"}, "Bitte Bestätigen, Korrigieren"),
    ):
        status, page = decide(client, review_id, **form)
        assert (status, message in page) == (422, True), form
    assert not list(config.paths.dms_root.rglob("*.jpg"))


def test_a_decision_the_routes_send_back_to_review_stays_with_the_reason(
    tmp_path: Path,
) -> None:
    rules = Path(shutil.copytree(ROOT / "rules", tmp_path / "rules"))
    routes = rules / "routes.yaml"
    held = '  - id: hold-63\n    when: {department: "63"}\n    actions: [review: {reason: held}]\n'
    routes.write_text(routes.read_text().replace("routes:\n", "routes:\n" + held, 1))
    (tmp_path / "station").mkdir()
    config = station_config(tmp_path / "station", rules=rules)
    UsersFile(config.users_file).add("mueller", PASSWORD, None)
    review_id = put_in_review(config, "035-none-private.jpg", text=LETTER)
    with TestClient(create_app(config, build_context(config)), follow_redirects=False) as client:
        assert log_in(client) == 303
        status, page = decide(client, review_id, aktion="korrigieren", department="63")
        assert status == 422 and "Nicht zugestellt" in page
        assert decide(client, review_id, aktion="korrigieren", department="32")[0] == 303


def test_a_document_decided_already_answers_409_in_german(
    client: TestClient, config: AppConfig
) -> None:
    review_id = put_in_review(config, "035-none-private.jpg", text=LETTER, department="63")
    assert decide(client, review_id, aktion="bestaetigen")[0] == 303
    status, page = decide(client, review_id, aktion="korrigieren", department="32")
    assert status == 409 and "bereits entschieden" in page
    assert client.get(f"/dokument/{review_id}").status_code == 409
    assert len(list(config.paths.dms_root.rglob("*.jpg"))) == 1


def test_two_clerks_approving_at_once_deliver_once(config: AppConfig) -> None:
    review_id = put_in_review(config, "035-none-private.jpg", text=LETTER, department="63")
    app = create_app(config, build_context(config))
    start = threading.Barrier(2)
    answers: list[int] = []

    def clerk() -> None:
        with TestClient(app, follow_redirects=False) as browser:
            assert log_in(browser) == 303
            form = {"csrf_token": token(browser, "/pruefliste"), "aktion": "bestaetigen"}
            start.wait()
            answers.append(browser.post(f"/dokument/{review_id}", data=form).status_code)

    clerks = [threading.Thread(target=clerk) for _ in range(2)]
    for thread in clerks:
        thread.start()
    for thread in clerks:
        thread.join()
    assert sorted(answers) == [303, 409]
    assert len(list(config.paths.dms_root.rglob("*.jpg"))) == 1
    journal = Journal(journal_path(config), readonly=True)
    assert len(journal.decisions()) == 1
    journal.close()


# --- office scopes, proxy, status -----------------------------------------------------------


def test_an_office_sees_what_was_proposed_for_it_and_what_it_sent_back(
    app_client: TestClient, config: AppConfig
) -> None:
    for_32 = put_in_review(config, "035-none-private.jpg", text=LETTER, department="32")
    returned = put_in_review(
        config, "005-21-antrag-named.jpg", text=LETTER, department="63", returned_by="32"
    )
    other = put_in_review(config, "025-32-anhoerung-unnamed.jpg", text=LETTER, department="63")
    assert log_in(app_client, "amt32") == 303
    page = app_client.get("/pruefliste").text
    assert for_32 in page and returned in page and other not in page
    assert app_client.get(f"/dokument/{other}").status_code == 404
    assert app_client.get(f"/dokument/{other}/seite/1").status_code == 404
    status, _ = decide(app_client, other, aktion="bestaetigen")
    assert status == 404


def test_behind_a_proxy_its_header_names_the_user_only_from_this_machine(
    tmp_path: Path,
) -> None:
    config = station_config(tmp_path, "station:\n  auth: proxy\n  proxy_header: X-Forwarded-User\n")
    app = create_app(config, build_context(config))
    header = {"X-Forwarded-User": "schulz"}
    with TestClient(app, client=("127.0.0.1", 40000), follow_redirects=False) as local:
        page = local.get("/pruefliste", headers=header)
        assert page.status_code == 200 and "schulz" in page.text
        assert "Abmelden" not in page.text  # the proxy decides who is logged in
        assert local.get("/pruefliste").status_code == 401
    with TestClient(app, client=("10.0.0.7", 40000), follow_redirects=False) as remote:
        assert remote.get("/pruefliste", headers=header).status_code == 401


def test_metrics_are_served_for_prometheus_without_a_login(
    app_client: TestClient, config: AppConfig
) -> None:
    put_in_review(config, "035-none-private.jpg", text=LETTER)
    Journal(journal_path(config)).close()
    answer = app_client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert "semantha_queue_depth 0.0" in answer.text


def test_the_status_page_counts_from_the_journal(client: TestClient, config: AppConfig) -> None:
    put_in_review(config, "035-none-private.jpg", text=LETTER)
    Journal(journal_path(config)).close()
    page = client.get("/status").text
    assert "in der Prüfliste" in page and "zugestellt" in page and "Keine Fehler." in page


def _stack_in_review(config: AppConfig, pages: int = 3) -> str:
    """A scanned stack the service put into review whole, its cut uncertain."""
    stack = config.paths.work / "hauspost.pdf"
    stack.parent.mkdir(parents=True, exist_ok=True)
    stack.write_bytes(wrapped_pdf([LETTER] * pages))
    sha256 = file_sha256(stack)
    read = tuple(Page(i, None, 300, text=LETTER, reading=Reading.TEXT_LAYER) for i in range(pages))
    document = Document(sha256, stack, datetime.now(UTC), read)
    reason = "Stapel nicht sicher getrennt (unsicher bei Seite 2); vorgeschlagen: Seiten 1-2 | 3"
    deliver.to_review(document, Decision(None, None, 0.0, "none"), config.paths, reason)
    journal = Journal(journal_path(config))
    entry = journal.add(sha256, "hauspost/hauspost.pdf", "hauspost", config.paths.work, 100.0)
    journal.finish(entry.id, Result(State.REVIEW))
    journal.close()
    return sha256[:12]


def test_a_stack_in_review_is_cut_by_page_ranges(client: TestClient, config: AppConfig) -> None:
    review_id = _stack_in_review(config)
    page = client.get(f"/dokument/{review_id}").text
    assert 'name="seiten" value="1-2,3"' in page  # the proposal, ready to change

    wrong = client.post(
        f"/dokument/{review_id}/trennen",
        data={"seiten": "1-2", "csrf_token": token(client, f"/dokument/{review_id}")},
    )
    assert wrong.status_code == 422 and "Nicht getrennt" in wrong.text

    answer = client.post(
        f"/dokument/{review_id}/trennen",
        data={"seiten": "1,2-3", "csrf_token": token(client, f"/dokument/{review_id}")},
    )
    assert answer.status_code == 303
    journal = Journal(journal_path(config))
    rows = sorted(journal.documents(), key=lambda row: row.id)
    parts = [journal.stack_part(row.id) for row in rows]
    journal.close()
    assert [row.state for row in rows] == [State.SPLIT, State.RECEIVED, State.RECEIVED]
    assert [(p.first, p.last) for p in parts if p is not None] == [(1, 1), (2, 3)]
    assert not [p for p in config.paths.review.rglob("*") if p.is_file()]
    assert [p.name for p in config.paths.archive.rglob("*") if p.is_file()] == ["hauspost.pdf"]
    assert audit_lines(config)[-1]["event"] == "review.split"
