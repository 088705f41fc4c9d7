"""The review queue on real folders and a real journal: listing, finding, resolving.

Documents reach review through the real pipeline (born-digital letters with a text
layer, rules only, so no OCR is needed); resolving delivers through the real routes
of rules/. Two processes race to resolve the same document.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from queue import Empty

import pytest
from textpdf import text_pdf

from semantha.config import AppConfig, ClassifySettings, Paths
from semantha.delivering import kepttext
from semantha.errors import AlreadyResolved, DocumentError, InputError, ReviewNotFound
from semantha.pipeline import Context, process_file
from semantha.service import examples
from semantha.service.audit import FIRST_PREV, audit_path
from semantha.service.journal import DecisionEntry, Journal, Result, State, journal_path
from semantha.service.review import CLAIM_STALE_S, ReviewQueue, claim_key
from semantha.service.worker import build_context

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.now(UTC).date().isoformat()


def letter(path: Path, subject: str = "Frage zu meinem Garten") -> Path:
    """A letter that names no office: rules alone cannot decide it, so it goes to review."""
    return text_pdf(
        path,
        [
            "Erika Mustermann, Lindenweg 3, 71234 Musterstadt",
            "Musterstadt, den 12.03.2025",
            f"Betreff: {subject}",
            "Sehr geehrte Damen und Herren,",
            "ich habe eine Frage zu meinem Anliegen.",
            "Mit freundlichen Grüßen",
        ],
    )


def make_config(root: Path, rules: Path = ROOT / "rules") -> AppConfig:
    names = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    paths = Paths(**{name: root / name for name in names})
    paths.dms_root.mkdir(parents=True)
    return AppConfig(paths=paths, rules_dir=rules, classify=ClassifySettings(mode="rules-only"))


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    return make_config(tmp_path / "srv")


@pytest.fixture
def ctx(config: AppConfig) -> Context:
    return build_context(config)


def to_review(ctx: Context, path: Path) -> str:
    outcome = process_file(path, ctx)
    assert outcome.status == "review"
    return outcome.doc_id


def sidecar(path: Path) -> dict[str, object]:
    data = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_items_list_the_review_folder_oldest_first_with_the_contract_keys(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    first = to_review(ctx, letter(tmp_path / "erster.pdf", "Erste Frage"))
    second = to_review(ctx, letter(tmp_path / "zweiter.pdf", "Zweite Frage"))
    os.utime(config.paths.review / "erster.pdf.json", (1, 1))  # no effect: the sidecar decides
    items = ReviewQueue(config).items()
    assert [i.sha256 for i in items] == [first, second]
    row = items[0].as_json()
    assert set(row) == {
        "id",
        "file",
        "sha256",
        "department",
        "doctype",
        "confidence",
        "reason",
        "suggestions",
        "returned_by",
    }
    assert row["id"] == first[:12]
    assert row["file"] == str(config.paths.review.resolve() / "erster.pdf")
    assert (row["department"], row["returned_by"], row["reason"]) == (
        None,
        None,
        "no office decided",
    )
    assert set(row["suggestions"]) == {"department", "doctype"}
    assert items[0].pages == 1
    assert items[0].fields["subject"] == "Erste Frage"


def test_items_skip_copies_without_sidecar_hidden_files_and_symlinks(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    to_review(ctx, letter(tmp_path / "brief.pdf"))
    review = config.paths.review
    (review / "halb.pdf").write_bytes(b"%PDF being copied")
    (review / ".semantha-x.part").write_bytes(b"temp")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(review / "brief.pdf", outside / "fremd.pdf")
    shutil.copy(review / "brief.pdf.json", outside / "fremd.pdf.json")
    (review / "link").symlink_to(outside)
    assert [i.file.name for i in ReviewQueue(config).items()] == ["brief.pdf"]


def test_find_by_id_sha_prefix_or_path_and_never_outside_review(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    queue = ReviewQueue(config)
    review = config.paths.review.resolve()
    for key in (sha[:12], sha, sha[:20].upper(), "brief.pdf", str(review / "brief.pdf")):
        assert queue.find(key).sha256 == sha, key
    with pytest.raises(ReviewNotFound):
        queue.find(sha[:11])  # too short to be an id, and no such file
    with pytest.raises(ReviewNotFound):
        queue.find("0" * 12)
    with pytest.raises(InputError, match="leaves the review folder"):
        queue.find("../review/brief.pdf")
    with pytest.raises(InputError, match="not in the review folder"):
        queue.find(str(tmp_path / "brief.pdf"))
    (review / "link.pdf").symlink_to(tmp_path / "brief.pdf")
    with pytest.raises(InputError, match="not in the review folder"):
        queue.find("link.pdf")


def test_two_copies_of_the_same_bytes_are_ambiguous_by_id_but_not_by_path(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    original = letter(tmp_path / "brief.pdf")
    (tmp_path / "nochmal").mkdir()
    copy = shutil.copy(original, tmp_path / "nochmal" / "zweimal.pdf")
    sha = to_review(ctx, original)
    to_review(ctx, Path(copy))
    queue = ReviewQueue(config)
    with pytest.raises(InputError, match=r"names 2 documents in review: brief\.pdf, zweimal\.pdf"):
        queue.find(sha[:12])
    assert queue.find("zweimal.pdf").file.name == "zweimal.pdf"
    queue.resolve("zweimal.pdf", department="63", doctype=None, fields={}, user="u", ctx=ctx)
    (left,) = queue.items()
    assert left.file.name == "brief.pdf"
    assert queue.text(left) != ("",), "the text is kept while a copy still waits"


def test_text_is_what_was_read_when_the_document_went_into_review(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    to_review(ctx, letter(tmp_path / "brief.pdf", "Baum im Nachbargarten"))
    queue = ReviewQueue(config)
    item = queue.items()[0]
    (text,) = queue.text(item)
    assert "Betreff: Baum im Nachbargarten" in text
    kepttext.forget(config.paths.work, item.sha256)
    assert queue.text(item) == ("",)


def test_resolve_delivers_through_the_routes_with_the_corrected_fields(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    queue = ReviewQueue(config)
    resolution = queue.resolve(
        sha[:12],
        department="63",
        doctype="Antrag",
        fields={"aktenzeichen": "63-602/2025", "date": "2025-11-12"},
        user="m.muster",
        ctx=ctx,
    )
    delivered = config.paths.dms_root / "63-Baurechtsamt" / "Antrag" / "2025-11-12_63-602-2025.pdf"
    assert resolution.destinations == (delivered,)
    assert hashlib.sha256(delivered.read_bytes()).hexdigest() == sha
    index = sidecar(delivered)
    assert (index["department"], index["doctype"], index["method"]) == ("63", "Antrag", "human")
    assert (index["confidence"], index["decided_by"], index["route_id"]) == (
        1.0,
        "m.muster",
        "deliver",
    )
    assert index["fields"] == {
        "aktenzeichen": "63-602/2025",
        "date": "2025-11-12",
        "subject": "Frage zu meinem Garten",
    }
    assert "m.muster" in index["trace"]["reason"]  # type: ignore[index]
    # the review copy joined the archived originals; nothing is left in review
    assert not any(config.paths.review.iterdir())
    assert (config.paths.archive / TODAY / "brief.pdf").read_bytes() == delivered.read_bytes()
    assert queue.items() == []
    assert not kepttext.pending_path(config.paths.work, sha).exists()


def test_resolve_journals_the_decision_the_delivered_hash_and_a_labelled_example(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    journal = Journal(journal_path(config))
    row = journal.add(sha, "brief.pdf", "", config.paths.work / "inflight", 1.0)
    journal.finish(row.id, Result(State.REVIEW, None, None, 0.0, "none"))
    ReviewQueue(config).resolve(
        sha, department="30", doctype=None, fields={}, user="j.jurist", ctx=ctx
    )
    (decision,) = journal.decisions(sha)
    assert (decision.kind, decision.user, decision.doc) == ("review", "j.jurist", row.id)
    assert (decision.proposed_department, decision.department, decision.doctype) == (
        None,
        "30",
        None,
    )
    entry = journal.get(row.id)
    assert (entry.state, entry.department, entry.method, entry.confidence) == (
        State.DELIVERED,
        "30",
        "human",
        1.0,
    )
    assert (entry.original, entry.archive_path) == (
        "archived",
        str(config.paths.archive / TODAY / "brief.pdf"),
    )
    (delivery,) = journal.deliveries(sha)
    assert (delivery.doc, delivery.department, delivery.action) == (row.id, "30", "deliver")
    assert delivery.destination == entry.destinations[0]
    (example,) = examples.examples(config.paths.work)
    assert (example.sha256, example.department, example.kind, example.user) == (
        sha,
        "30",
        "review",
        "j.jurist",
    )
    assert "Frage zu meinem Garten" in example.text[0]
    assert example.proposed == {"department": None, "doctype": None, "confidence": 0.0}
    assert examples.example_path(config.paths.work, sha, decision.id).is_file()
    line, note = map(json.loads, audit_path(config.paths.work).read_text("utf-8").splitlines())
    assert (line["event"], line["user"], line["sha256"], line["prev"]) == (
        "review.resolve",
        "j.jurist",
        sha,
        FIRST_PREV,
    )
    # then the transfer note of what the decision delivered
    assert (note["event"], note["user"], note["sha256"]) == ("transfer", "j.jurist", sha)
    assert [f["sha256"] for f in note["delivered"]] == [delivery.sha256]


def test_for_no_office_the_document_is_archived_as_such(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "werbung.pdf", "Sonderangebot Gartenmöbel"))
    resolution = ReviewQueue(config).resolve(
        sha, department=None, doctype=None, fields={}, user="p.post", ctx=ctx
    )
    aside = config.paths.archive / TODAY / "kein-amt" / "werbung.pdf"
    assert resolution.destinations == (aside,)
    index = sidecar(aside)
    assert (index["department"], index["method"], index["decided_by"], index["action"]) == (
        None,
        "human",
        "p.post",
        "archive",
    )
    assert not list(config.paths.dms_root.rglob("*.pdf"))
    assert not any(config.paths.review.iterdir())
    journal = Journal(journal_path(config))
    assert journal.deliveries() == [], "no office can return what no office received"
    assert [d.department for d in journal.decisions(sha)] == [None]


def test_resolve_reads_the_copy_again_when_no_text_was_kept(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    kepttext.forget(config.paths.work, sha)
    (resolution,) = [
        ReviewQueue(config).resolve(
            sha, department="63", doctype="Antrag", fields={}, user="u", ctx=ctx
        )
    ]
    # the date was read from the letter again: it names the file
    assert resolution.destinations[0].name == f"2025-03-12_{sha[:12]}.pdf"
    (example,) = examples.examples(config.paths.work)
    assert "Frage zu meinem Garten" in example.text[0]


def test_unknown_office_or_type_and_bad_fields_name_what_is_valid(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    queue = ReviewQueue(config)
    with pytest.raises(InputError, match="unknown department '99'") as office:
        queue.resolve(sha, department="99", doctype=None, fields={}, user="u", ctx=ctx)
    assert "10, 11, 12" in office.value.hint
    with pytest.raises(InputError, match="unknown document type 'Brief'") as doctype:
        queue.resolve(sha, department="63", doctype="Brief", fields={}, user="u", ctx=ctx)
    assert "Rechnung" in doctype.value.hint
    with pytest.raises(InputError, match="not a date"):
        queue.resolve(
            sha, department="63", doctype=None, fields={"date": "12.11."}, user="u", ctx=ctx
        )
    with pytest.raises(InputError, match="not a plain name"):
        queue.resolve(sha, department="63", doctype=None, fields={"../x": "1"}, user="u", ctx=ctx)
    assert len(queue.items()) == 1, "nothing was delivered"


def test_a_route_sending_a_human_decision_back_to_review_is_an_error_not_a_loop(
    tmp_path: Path,
) -> None:
    config = with_route(
        tmp_path,
        "  - id: bauamt-prueft\n    when: {department: '63'}\n"
        "    actions:\n      - review: {reason: 'Bauamt prüft selbst'}\n",
    )
    ctx = build_context(config)  # this test's own rules
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    queue = ReviewQueue(config)
    with pytest.raises(DocumentError, match=r"back to review \(route bauamt-prueft\)") as error:
        queue.resolve(sha, department="63", doctype=None, fields={}, user="u", ctx=ctx)
    assert "choose another office" in error.value.hint
    # the claim was given up: another choice goes through
    resolution = queue.resolve(sha, department="30", doctype=None, fields={}, user="u", ctx=ctx)
    assert resolution.destinations[0].is_relative_to(config.paths.dms_root / "30-Rechtsamt")


def with_route(tmp_path: Path, route: str) -> AppConfig:
    """A config whose routes.yaml starts with ``route``."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    routes = rules / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(text.replace("routes:\n", f"routes:\n{route}", 1), encoding="utf-8")
    return make_config(tmp_path / "srv", rules)


def test_routes_can_match_a_persons_decision_and_deliver_it_searchable(tmp_path: Path) -> None:
    config = with_route(
        tmp_path,
        "  - id: entschieden\n    when: {method: human, department: '63'}\n"
        "    actions:\n"
        "      - deliver: {folder: Entschieden, name: '{sha}', searchable_pdf: true}\n",
    )
    ctx = build_context(config)
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    resolution = ReviewQueue(config).resolve(
        sha, department="63", doctype=None, fields={}, user="u", ctx=ctx
    )
    (pdf,) = resolution.destinations
    assert pdf == config.paths.dms_root / "Entschieden" / f"{sha[:12]}.pdf"
    (delivery,) = Journal(journal_path(config)).deliveries()
    assert delivery.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert delivery.document_sha256 == sha


def test_resolving_twice_says_who_resolved_it(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    queue = ReviewQueue(config)
    queue.resolve(sha[:12], department="63", doctype=None, fields={}, user="erste", ctx=ctx)
    for key in (sha[:12], "brief.pdf"):
        with pytest.raises(AlreadyResolved, match="already resolved by erste"):
            queue.resolve(key, department="30", doctype=None, fields={}, user="zweite", ctx=ctx)
    assert len(list(config.paths.dms_root.rglob("*.pdf"))) == 1


def test_a_claim_left_by_a_dead_process_is_taken_over(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    to_review(ctx, letter(tmp_path / "brief.pdf"))
    queue = ReviewQueue(config)
    item = queue.items()[0]
    journal = Journal(journal_path(config))
    now = datetime.now(UTC).timestamp()
    assert journal.claim(claim_key(item, queue.root), item.sha256, "tot", now, 60) is None
    with pytest.raises(AlreadyResolved, match="being resolved by tot"):
        queue.resolve(item.id, department="63", doctype=None, fields={}, user="u", ctx=ctx)
    journal.release(claim_key(item, queue.root), now)
    stale = now - CLAIM_STALE_S - 1
    assert journal.claim(claim_key(item, queue.root), item.sha256, "tot", stale, 60) is None
    queue.resolve(item.id, department="63", doctype=None, fields={}, user="u", ctx=ctx)
    assert queue.items() == []


def test_a_recorded_resolution_whose_copy_was_not_cleared_is_finished_later(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    """A crash between the journal's record and clearing review/: the copy is no longer
    listed at once, and is cleared once the resolving process must be gone."""
    to_review(ctx, letter(tmp_path / "neu.pdf", "Neue Frage"))
    to_review(ctx, letter(tmp_path / "alt.pdf", "Alte Frage"))
    queue = ReviewQueue(config)
    journal = Journal(journal_path(config))
    now = datetime.now(UTC).timestamp()
    for item in queue.items():
        at = now if item.file.name == "neu.pdf" else now - CLAIM_STALE_S - 1
        key = claim_key(item, queue.root)
        assert journal.claim(key, item.sha256, "u", at, CLAIM_STALE_S) is None
        entry = DecisionEntry(item.sha256, "review", "u", at, None, None, 0.0, "63", None, {})
        journal.resolve(key, entry, (), [], "")
    assert queue.items() == []
    review = config.paths.review
    assert sorted(p.name for p in review.iterdir()) == ["neu.pdf", "neu.pdf.json"]
    assert (config.paths.archive / TODAY / "alt.pdf").is_file()
    (example,) = examples.examples(config.paths.work)
    assert "Alte Frage" in example.text[0]


def _race(config: AppConfig, key: str, user: str, start: object, results: object) -> None:
    from semantha.service.review import ReviewQueue

    ctx = build_context(config)
    start.wait()  # type: ignore[attr-defined]
    try:
        resolution = ReviewQueue(config).resolve(
            key, department="63", doctype=None, fields={}, user=user, ctx=ctx
        )
        results.put(("delivered", user, str(resolution.destinations[0])))  # type: ignore[attr-defined]
    except AlreadyResolved as exc:
        results.put(("already", user, exc.message))  # type: ignore[attr-defined]


def test_two_processes_resolving_the_same_document_deliver_it_once(
    tmp_path: Path, config: AppConfig, ctx: Context
) -> None:
    sha = to_review(ctx, letter(tmp_path / "brief.pdf"))
    mp = multiprocessing.get_context("spawn")
    start, results = mp.Barrier(2), mp.Queue()
    racers = [
        mp.Process(target=_race, args=(config, sha[:12], user, start, results))
        for user in ("anna", "bernd")
    ]
    for racer in racers:
        racer.start()
    outcomes = []
    try:
        for _ in racers:
            outcomes.append(results.get(timeout=120))
    except Empty:
        pytest.fail(f"a racer died: {[r.exitcode for r in racers]}")
    for racer in racers:
        racer.join(30)
    kinds = sorted(kind for kind, _, _ in outcomes)
    assert kinds == ["already", "delivered"], outcomes
    winner = next(user for kind, user, _ in outcomes if kind == "delivered")
    assert len(list(config.paths.dms_root.rglob("*.pdf"))) == 1
    decisions = Journal(journal_path(config)).decisions(sha)
    assert [d.user for d in decisions] == [winner]
    assert len(list(examples.examples(config.paths.work))) == 1
    assert ReviewQueue(config).items() == []
