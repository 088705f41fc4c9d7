"""Delivery into real folders: DMS + sidecar, review, quarantine, notifications, GUI seam."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import img2pdf
import pytest
from PIL import Image, ImageDraw
from structlog.testing import capture_logs

from semantha import fsutil
from semantha.config import Paths
from semantha.delivering import deliver, kepttext
from semantha.delivering.gui import GuiResult
from semantha.errors import DeliveryError, GuiError, InputError
from semantha.records import (
    Action,
    Decision,
    Delivery,
    Document,
    Page,
    Plan,
    RuleHit,
    Score,
    Trace,
    frozen_map,
)

RECEIVED = datetime(2025, 11, 14, 8, 30, 5, tzinfo=UTC)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_pdf(path: Path, label: str) -> Path:
    image = Image.new("L", (620, 877), 255)
    ImageDraw.Draw(image).text((60, 80), label, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(img2pdf.convert(buffer.getvalue()))
    return path


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    root = tmp_path / "srv"
    result = Paths(
        inbox=root / "inbox",
        work=root / "work",
        dms_root=root / "dms",
        review=root / "review",
        quarantine=root / "quarantine",
        archive=root / "archive",
    )
    for folder in (result.inbox, result.work, result.dms_root):
        folder.mkdir(parents=True)
    return result


def make_document(paths: Paths, name: str = "scan_0001.pdf", label: str = "Bauantrag") -> Document:
    return make_document_in(paths.inbox, label, name)


def make_document_in(folder: Path, label: str, name: str = "scan_0001.pdf") -> Document:
    source = make_pdf(folder / name, label)
    pages = (
        Page(0, None, 300, (2480, 3508), text="Bauantrag", confidence=91.0),
        Page(1, None, 300, (2480, 3508), blank=True),
    )
    fields = frozen_map({"aktenzeichen": "63-602.14/2025", "subject": "Bauantrag Schulstraße 4"})
    return Document(file_sha256(source), source, RECEIVED, pages, fields, "scanner-1")


DECISION = Decision(
    department="63",
    doctype="Antrag",
    confidence=0.93,
    method="rule",
    trace=Trace(
        rule_hits=(RuleHit("bau.antrag", "department", "63", 2.0, "Wort 'Bauantrag'"),),
        department_scores=(
            Score("20", 0.02),
            Score("63", 0.93),
            Score("61", 0.04),
            Score("66", 0.01),
        ),
        doctype_scores=(Score("Antrag", 0.8), Score("Sonstiges", 0.2)),
        min_confidence=0.8,
        min_margin=0.2,
        reason="rule bau.antrag",
    ),
    doctype_confidence=0.8,
)

UNSURE = Decision(
    department=None,
    doctype=None,
    confidence=0.41,
    method="none",
    trace=Trace(
        department_scores=(Score("63", 0.41), Score("61", 0.38)),
        reason="best 63 at 0.41 is below 0.80",
    ),
)


def plan(*actions: Action) -> Plan:
    return Plan("bau-63", actions)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_deliver_writes_original_and_sidecar(paths: Paths) -> None:
    doc = make_document(paths)
    (result,) = deliver.execute(plan(Action("deliver", "63/2025")), doc, paths, None, DECISION)
    dest = paths.dms_root / "63" / "2025" / "scan_0001.pdf"
    assert result.ok and result.detail == "delivered" and result.destination == dest
    assert dest.read_bytes() == doc.source.read_bytes()
    assert result.sha256 == doc.id  # a plain copy: the scan's own bytes
    assert doc.source.exists()  # the service archives the original, not deliver
    sidecar = json.loads(deliver.sidecar_path(dest).read_text(encoding="utf-8"))
    assert sidecar["sha256"] == doc.id == file_sha256(dest)
    assert sidecar["department"] == "63" and sidecar["doctype"] == "Antrag"
    assert sidecar["fields"] == {
        "aktenzeichen": "63-602.14/2025",
        "subject": "Bauantrag Schulstraße 4",
    }
    assert sidecar["pages"] == 2 and sidecar["blank_pages"] == [1]
    assert sidecar["method"] == "rule" and sidecar["confidence"] == 0.93
    assert sidecar["route_id"] == "bau-63" and sidecar["source_file"] == "scan_0001.pdf"
    assert sidecar["trace_id"] == deliver.trace_id(doc)
    assert sidecar["trace_id"].startswith(doc.id[:12])
    assert sidecar["received_at"] == RECEIVED.isoformat()
    assert datetime.fromisoformat(sidecar["delivered_at"]) >= RECEIVED
    top3 = sidecar["trace"]["department_top3"]
    assert [s["label"] for s in top3] == ["63", "61", "20"]
    assert [h["rule_id"] for h in sidecar["trace"]["rule_hits"]] == ["bau.antrag"]
    assert files_under(paths.dms_root) == ["63/2025/scan_0001.pdf", "63/2025/scan_0001.pdf.json"]


def test_target_naming_a_file_renames_the_delivery(paths: Paths) -> None:
    doc = make_document(paths)
    action = Action("deliver", "63/2025-11-14_63-602.14-2025.PDF")
    (result,) = deliver.execute(plan(action), doc, paths, None, DECISION)
    assert result.destination == paths.dms_root / "63" / "2025-11-14_63-602.14-2025.PDF"
    assert result.destination.read_bytes() == doc.source.read_bytes()


def test_copy_action_delivers_a_second_copy(paths: Paths) -> None:
    doc = make_document(paths)
    actions = (Action("deliver", "63"), Action("copy", "20/Kopien"))
    results = deliver.execute(plan(*actions), doc, paths, None, DECISION)
    assert [r.ok for r in results] == [True, True]
    assert (paths.dms_root / "20" / "Kopien" / "scan_0001.pdf").is_file()
    assert deliver.status_of(results) == "delivered"


@pytest.mark.parametrize(
    "target", ["../../etc/x", "/etc/x", "63/../../outside", "..", "63\\..\\..\\x"]
)
def test_hostile_targets_are_refused_and_nothing_is_written(paths: Paths, target: str) -> None:
    doc = make_document(paths)
    root = paths.dms_root.parent.parent
    before = files_under(root)
    with pytest.raises(DeliveryError) as caught:
        deliver.execute(plan(Action("deliver", target)), doc, paths, None, DECISION)
    assert caught.value.hint
    assert files_under(root) == before


def test_symlink_out_of_the_dms_root_is_refused(paths: Paths, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (paths.dms_root / "63").symlink_to(outside)
    doc = make_document(paths)
    with pytest.raises(DeliveryError, match="outside"):
        deliver.execute(plan(Action("deliver", "63/2025")), doc, paths, None, DECISION)
    assert list(outside.iterdir()) == []


def test_empty_target_is_refused(paths: Paths) -> None:
    doc = make_document(paths)
    with pytest.raises(DeliveryError, match="without a target"):
        deliver.execute(plan(Action("deliver", " ")), doc, paths, None, DECISION)


def test_missing_dms_root_is_retryable_and_not_created(paths: Paths) -> None:
    paths.dms_root.rmdir()  # e.g. the share is not mounted
    doc = make_document(paths)
    with pytest.raises(DeliveryError) as caught:
        deliver.execute(plan(Action("deliver", "63")), doc, paths, None, DECISION)
    assert "mount" in caught.value.hint
    assert not paths.dms_root.exists()


def test_blocked_target_folder_raises_with_hint(paths: Paths) -> None:
    (paths.dms_root / "63").write_bytes(b"a file where a folder belongs")
    doc = make_document(paths)
    with pytest.raises(DeliveryError) as caught:
        deliver.execute(plan(Action("deliver", "63/2025")), doc, paths, None, DECISION)
    assert "file is in the way" in caught.value.hint
    assert files_under(paths.dms_root) == ["63"]


def test_name_clash_with_a_different_file_gets_a_suffix(paths: Paths) -> None:
    folder = paths.dms_root / "63"
    folder.mkdir()
    other = folder / "scan_0001.pdf"
    other.write_bytes(b"someone else's scan")
    doc = make_document(paths)
    (result,) = deliver.execute(plan(Action("deliver", "63")), doc, paths, None, DECISION)
    assert result.destination == folder / "scan_0001 (2).pdf"
    assert other.read_bytes() == b"someone else's scan"
    assert deliver.sidecar_path(folder / "scan_0001 (2).pdf").is_file()


def test_redelivery_of_the_same_file_is_detected(paths: Paths) -> None:
    doc = make_document(paths)
    first = deliver.execute(plan(Action("deliver", "63")), doc, paths, None, DECISION)
    second = deliver.execute(plan(Action("deliver", "63")), doc, paths, None, DECISION)
    assert first[0].detail == "delivered"
    assert second[0].ok and second[0].detail == "already delivered"
    assert second[0].destination == first[0].destination
    assert files_under(paths.dms_root) == ["63/scan_0001.pdf", "63/scan_0001.pdf.json"]


def test_redelivery_after_a_clash_finds_the_earlier_copy(paths: Paths) -> None:
    folder = paths.dms_root / "63"
    folder.mkdir()
    (folder / "scan_0001.pdf").write_bytes(b"other")
    doc = make_document(paths)
    deliver.execute(plan(Action("deliver", "63")), doc, paths, None, DECISION)
    (again,) = deliver.execute(plan(Action("deliver", "63")), doc, paths, None, DECISION)
    assert again.detail == "already delivered"
    assert again.destination == folder / "scan_0001 (2).pdf"
    assert not (folder / "scan_0001 (3).pdf").exists()


def test_no_temp_files_are_left_behind(paths: Paths) -> None:
    doc = make_document(paths)
    actions = (Action("deliver", "63"), Action("review", ""), Action("notify", "bauamt"))
    deliver.execute(plan(*actions), doc, paths, None, DECISION)
    every = [p.name for p in paths.dms_root.parent.rglob("*")]
    assert not [n for n in every if n.startswith(fsutil.TEMP_PREFIX)]


def test_review_action_copies_with_reason(paths: Paths) -> None:
    doc = make_document(paths)
    action = Action("review", "63", {"reason": "Bauantrag ohne Unterschrift"})
    results = deliver.execute(plan(action), doc, paths, None, DECISION)
    dest = paths.review / "63" / "scan_0001.pdf"
    assert results[0].destination == dest and dest.read_bytes() == doc.source.read_bytes()
    sidecar = json.loads(deliver.sidecar_path(dest).read_text(encoding="utf-8"))
    assert sidecar["review_reason"] == "Bauantrag ohne Unterschrift"
    assert deliver.status_of(results) == "review"


def test_to_review_records_why_and_the_scores(paths: Paths) -> None:
    doc = make_document(paths)
    (result,) = deliver.to_review(doc, UNSURE, paths, reason=UNSURE.trace.reason)
    assert result.action.kind == "review" and result.detail == UNSURE.trace.reason
    assert result.destination is not None
    sidecar = json.loads(deliver.sidecar_path(result.destination).read_text(encoding="utf-8"))
    assert sidecar["review_reason"] == "best 63 at 0.41 is below 0.80"
    assert sidecar["department"] is None and sidecar["method"] == "none"
    assert sidecar["trace"]["department_top3"] == [
        {"label": "63", "probability": 0.41},
        {"label": "61", "probability": 0.38},
    ]
    assert sidecar["returned_by"] is None
    assert "decided_by" not in sidecar, "only a person's decision names who decided"
    assert deliver.status_of((result,)) == "review"


def test_a_review_copy_keeps_its_text_for_the_person_who_decides(paths: Paths) -> None:
    doc = make_document(paths)
    (result,) = deliver.to_review(doc, UNSURE, paths, reason="zurückgegeben", returned_by="63")
    assert result.destination is not None
    sidecar = json.loads(deliver.sidecar_path(result.destination).read_text(encoding="utf-8"))
    assert sidecar["returned_by"] == "63"
    kept = kepttext.kept(paths.work, doc.id)
    assert kept is not None
    assert kept.text == ("Bauantrag", "")
    assert kept.fields == doc.fields
    assert kept.reading == ("unread", "unread")


def test_a_document_for_no_office_is_set_aside_with_who_decided(
    paths: Paths, tmp_path: Path
) -> None:
    doc = make_document(paths)
    human = Decision(None, None, 1.0, "human", Trace(reason="decided by p"), decided_by="p.post")
    aside = deliver.set_aside(doc, human, tmp_path / "archive" / "kein-amt")
    assert aside.destination == tmp_path / "archive" / "kein-amt" / "scan_0001.pdf"
    assert aside.destination.read_bytes() == doc.source.read_bytes()
    sidecar = json.loads(deliver.sidecar_path(aside.destination).read_text(encoding="utf-8"))
    assert (sidecar["department"], sidecar["method"], sidecar["decided_by"]) == (
        None,
        "human",
        "p.post",
    )
    assert sidecar["action"] == "archive" and sidecar["route_id"] == ""


def test_notify_appends_one_line_per_document_without_personal_data(paths: Paths) -> None:
    first = make_document(paths, "a.pdf", "eins")
    second = make_document(paths, "b.pdf", "zwei")
    for doc in (first, second):
        deliver.execute(plan(Action("notify", "bauamt")), doc, paths, None, DECISION)
    lines = (paths.work / "notifications" / "bauamt.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["doc_id"] for r in rows] == [first.id, second.id]
    assert {r["department"] for r in rows} == {"63"} and {r["route"] for r in rows} == {"bau-63"}
    assert not any("Schulstraße" in line or "63-602.14" in line for line in lines)


def test_notify_carries_the_route_message(paths: Paths) -> None:
    doc = make_document(paths)
    action = Action("notify", "rechtsamt", {"message": "Gerichtspost für Rechtsamt"})
    (result,) = deliver.execute(plan(action), doc, paths, None, DECISION)
    assert result.destination is not None
    (row,) = [json.loads(line) for line in result.destination.read_text().splitlines()]
    assert row["message"] == "Gerichtspost für Rechtsamt" and row["channel"] == "rechtsamt"


@pytest.mark.parametrize("channel", ["../x", "", ".hidden", "a/b"])
def test_notify_channel_must_be_a_plain_name(paths: Paths, channel: str) -> None:
    doc = make_document(paths)
    with pytest.raises(DeliveryError):
        deliver.execute(plan(Action("notify", channel)), doc, paths, None, DECISION)


class RecordingGui:
    """The GUI seam: records the calls; fails on demand like a missing window would."""

    def __init__(self, fail: bool = False, report_ok: bool = True) -> None:
        self.fail = fail
        self.report_ok = report_ok
        self.calls: list[tuple[str, dict[str, str]]] = []

    def run(self, script: str, values: Mapping[str, str]) -> GuiResult:
        self.calls.append((script, dict(values)))
        if self.fail:
            raise GuiError("window 'DMS Import' not found within 10 s", "is the DMS client open?")
        return GuiResult(self.report_ok, f"{script}: 4 steps")


def test_gui_action_runs_the_script_with_values(paths: Paths) -> None:
    doc = make_document(paths)
    gui = RecordingGui()
    action = Action("gui", "dms_import", {"az": "63-602.14/2025"})
    (result,) = deliver.execute(plan(action), doc, paths, gui, DECISION)
    assert gui.calls == [("dms_import", {"az": "63-602.14/2025"})]
    assert result.ok and result.detail == "dms_import: 4 steps"
    assert deliver.status_of((result,)) == "delivered"


def test_gui_result_reporting_failure_goes_to_review(paths: Paths) -> None:
    doc = make_document(paths)
    gui = RecordingGui(report_ok=False)
    results = deliver.execute(plan(Action("gui", "dms_import")), doc, paths, gui, DECISION)
    assert [(r.action.kind, r.ok) for r in results] == [("gui", False), ("review", True)]
    assert deliver.status_of(results) == "review"


def test_gui_failure_sends_the_document_to_review_and_stops(paths: Paths) -> None:
    doc = make_document(paths)
    gui = RecordingGui(fail=True)
    actions = (Action("gui", "dms_import"), Action("notify", "bauamt"))
    results = deliver.execute(plan(*actions), doc, paths, gui, DECISION)
    assert [(r.action.kind, r.ok) for r in results] == [("gui", False), ("review", True)]
    assert "window 'DMS Import' not found" in results[1].detail
    assert not (paths.work / "notifications").exists()
    assert deliver.status_of(results) == "review"
    assert (paths.review / "scan_0001.pdf").is_file()


def test_gui_action_without_runner_is_a_delivery_error(paths: Paths) -> None:
    doc = make_document(paths)
    with pytest.raises(DeliveryError) as caught:
        deliver.execute(plan(Action("gui", "dms_import")), doc, paths, None, DECISION)
    assert "DISPLAY" in caught.value.hint


def test_plan_without_actions_goes_to_review(paths: Paths) -> None:
    doc = make_document(paths)
    results = deliver.execute(plan(), doc, paths, None, DECISION)
    assert deliver.status_of(results) == "review"
    assert "no actions" in results[0].detail


def test_quarantine_keeps_the_file_and_explains(paths: Paths) -> None:
    broken = paths.inbox / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    doc_id = file_sha256(broken)
    error = InputError("kaputt.pdf is not a readable PDF", "rescan the document")
    outcome = deliver.quarantine(broken, doc_id, error, paths, {"read": 0.01})
    assert outcome.status == "quarantined" and outcome.doc_id == doc_id
    assert "rescan" in outcome.error
    copy = paths.quarantine / "kaputt.pdf"
    assert copy.read_bytes() == broken.read_bytes() and broken.exists()
    report = json.loads(deliver.error_path(copy).read_text(encoding="utf-8"))
    assert report["error"] == "InputError" and report["exit_code"] == InputError.exit_code
    assert report["hint"] == "rescan the document"
    assert report["sha256"] == doc_id and report["original"] == str(broken)
    assert report["timings"] == {"read": 0.01}
    assert report["quarantined_at"]


def test_quarantine_name_clash_keeps_both(paths: Paths) -> None:
    error = InputError("unreadable", "rescan")
    first = paths.inbox / "scan.pdf"
    first.write_bytes(b"first broken scan")
    deliver.quarantine(first, file_sha256(first), error, paths, {})
    first.write_bytes(b"second broken scan, same name")
    deliver.quarantine(first, file_sha256(first), error, paths, {})
    deliver.quarantine(first, file_sha256(first), error, paths, {})  # retried: no third copy
    assert files_under(paths.quarantine) == [
        "scan (2).pdf",
        "scan (2).pdf.error.json",
        "scan.pdf",
        "scan.pdf.error.json",
    ]
    assert (paths.quarantine / "scan.pdf").read_bytes() == b"first broken scan"


def test_status_of() -> None:
    ok = Delivery(Action("deliver", "63"), True)
    failed_gui = Delivery(Action("gui", "x"), False, "boom")
    review = Delivery(Action("review"), True, "unsure")
    assert deliver.status_of((ok, ok)) == "delivered"
    assert deliver.status_of((ok, review)) == "review"
    assert deliver.status_of((failed_gui, review)) == "review"
    assert deliver.status_of(()) == "review"


def test_concurrent_deliveries_with_one_name_never_overwrite(paths: Paths) -> None:
    docs = []
    for n in range(6):
        folder = paths.inbox / f"scanner{n}"
        folder.mkdir()
        docs.append(make_document_in(folder, f"Brief Nummer {n}"))
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(
            pool.map(
                lambda d: deliver.execute(plan(Action("deliver", "63")), d, paths, None, DECISION),
                docs,
            )
        )
    destinations = {r[0].destination for r in results}
    assert len(destinations) == 6
    delivered = {file_sha256(p) for p in (paths.dms_root / "63").glob("*.pdf")}
    assert delivered == {d.id for d in docs}


def test_review_sidecar_keeps_the_newest_reason(paths: Paths) -> None:
    doc = make_document(paths)
    deliver.to_review(doc, UNSURE, paths, reason="first attempt: DMS share offline")
    (again,) = deliver.to_review(doc, UNSURE, paths, reason="second attempt: still offline")
    assert again.destination is not None
    sidecar = json.loads(deliver.sidecar_path(again.destination).read_text(encoding="utf-8"))
    assert sidecar["review_reason"] == "second attempt: still offline"
    assert files_under(paths.review) == ["scan_0001.pdf", "scan_0001.pdf.json"]


def test_log_events_carry_ids_but_no_personal_data(paths: Paths) -> None:
    doc = make_document(paths)
    actions = (Action("deliver", "63"), Action("notify", "bauamt"))
    with capture_logs() as events:
        deliver.execute(plan(*actions), doc, paths, None, DECISION)
    names = [e["event"] for e in events if e["event"].startswith("delivery.")]
    assert names[:2] == ["delivery.written", "delivery.destination"]
    assert "delivery.notified" in names
    written = next(e for e in events if e["event"] == "delivery.written")
    assert written["doc_id"] == doc.id[:12] and written["kind"] == "deliver"
    assert written["already"] is False
    info = [e for e in events if e["log_level"] == "info"]
    assert not any("Schulstraße" in str(e) or "63-602.14" in str(e) for e in info)
