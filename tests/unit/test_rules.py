"""rules.evaluate: each match kind, each region, weights and priorities, regex timeouts."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import structlog
from structlog.testing import capture_logs

from semantha.deciding import rules
from semantha.records import Document, Page, RuleHit, Word, frozen_map
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.store import load_ruleset

REPO_RULES = Path(__file__).resolve().parents[2] / "rules"

DEPARTMENTS = """\
organisation: Stadt Musterstadt
doctypes: [Rechnung, Mahnung, Antrag, Widerspruch, Sonstiges]
undecided_doctype: Sonstiges
departments:
  - {id: "20", name: Kämmerei}
  - {id: "21", name: Stadtkasse, aliases: [Kasse]}
  - {id: "30", name: Rechtsamt}
  - {id: "61", name: Stadtplanungsamt, aliases: [Amt 61]}
  - {id: "63", name: Baurechtsamt, aliases: [Amt 63, Bauaufsicht]}
  - {id: "66", name: Tiefbauamt}
"""
ROUTES = "routes:\n  - id: deliver\n    actions: [deliver: {}]\n"


def ruleset_with(tmp_path: Path, classes: str) -> RuleSet:
    (tmp_path / "departments.yaml").write_text(DEPARTMENTS, encoding="utf-8")
    (tmp_path / "classes.yaml").write_text("rules:\n" + classes, encoding="utf-8")
    (tmp_path / "routes.yaml").write_text(ROUTES, encoding="utf-8")
    return load_ruleset(tmp_path)


def document(
    *texts: str,
    fields: dict[str, str] | None = None,
    name: str = "scan.pdf",
    source_folder: str = "",
    words: tuple[Word, ...] = (),
) -> Document:
    pages = tuple(
        Page(i, None, 300, size=(2480, 3508), text=t, words=words if i == 0 else ())
        for i, t in enumerate(texts)
    )
    return Document(
        "f" * 64,
        Path("/inbox") / name,
        datetime(2025, 3, 4, tzinfo=UTC),
        pages,
        frozen_map(fields),
        source_folder,
    )


def labels(hits: tuple[RuleHit, ...]) -> list[tuple[str, str]]:
    return [(h.facet, h.label) for h in hits if h.weight > 0]


# --------------------------------------------------------------------------- match kinds


def test_any_word_respects_word_boundaries(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: kasse, any: [Kasse, Zahlstelle], department: '21', weight: 0.5}\n"
    )
    assert labels(rules.evaluate(document("Bitte an die Kasse weiterleiten"), rs)) == [
        ("department", "21")
    ]
    assert rules.evaluate(document("Ihre Krankenkasse informiert"), rs) == ()


def test_any_word_is_case_insensitive_unless_asked(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: a, any: [KASSE], department: '21'}\n"
        "  - {id: b, any: [KASSE], department: '20', case_sensitive: true}\n",
    )
    hits = rules.evaluate(document("die Kasse"), rs)
    assert [h.rule_id for h in hits] == ["a"]


def test_all_words_need_every_word(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: r, all: [Rechnungsnummer, Betrag], doctype: Rechnung, weight: 1.0}\n"
    )
    assert rules.evaluate(document("Rechnungsnummer 4711"), rs) == ()
    hits = rules.evaluate(document("Rechnungsnummer 4711\nBetrag 12,00 EUR"), rs)
    assert labels(hits) == [("doctype", "Rechnung")]
    assert hits[0].reason == "text contains 'Rechnungsnummer', 'Betrag'"


def test_phrase_matches_across_line_breaks(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: w, phrase: lege ich Widerspruch ein, doctype: Widerspruch}\n"
    )
    assert labels(rules.evaluate(document("hiermit lege ich\nWiderspruch ein."), rs)) == [
        ("doctype", "Widerspruch")
    ]
    assert rules.evaluate(document("lege ich keinen Widerspruch ein"), rs) == ()


def test_regex_named_groups_become_fields_and_can_name_the_department(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - id: az\n"
        "    regex: 'Az\\.?:?\\s*(?P<office>\\d{2})-(?P<aktenzeichen>[\\d./]+)'\n"
        "    department: '{office}'\n"
        "    fields: {vorgang: 'V-{aktenzeichen}'}\n"
        "    weight: 0.5\n",
    )
    hits = rules.evaluate(document("Az.: 63-602.14/2025"), rs)
    assert labels(hits) == [("department", "63")]
    assert dict(hits[0].fields) == {
        "office": "63",
        "aktenzeichen": "602.14/2025",
        "vorgang": "V-602.14/2025",
    }
    # a group naming no known department votes for nothing
    assert rules.evaluate(document("Az.: 99-1/2025"), rs) == ()


def test_regex_timeout_is_reported_not_hung(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: slow, regex: '(a|aa)+$', department: '63', timeout_ms: 50}\n"
        "  - {id: fine, any: [Baurechtsamt], department: '63', weight: 0.2}\n",
    )
    hostile = document("a" * 60 + "! Baurechtsamt")
    with capture_logs() as logs:
        monkeypatch.setattr(rules, "log", structlog.get_logger("semantha.deciding.rules"))
        start = time.perf_counter()
        hits = rules.evaluate(hostile, rs)
        elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    assert [h.rule_id for h in hits] == ["fine"]
    timeouts = [e for e in logs if e["event"] == "rules.regex_timeout"]
    assert timeouts and timeouts[0]["rule_id"] == "slow"


def test_fuzzy_tolerates_an_ocr_damaged_word(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: bau, fuzzy: [Baurechtsamt], department: '63', weight: 1.0}\n"
    )
    hits = rules.evaluate(document("Stadt Musterstadt\nBaurechtsamf\nGerberstraße 20"), rs)
    assert labels(hits) == [("department", "63")]
    assert "'Baurechtsamf'" in hits[0].reason and "fuzzy 92" in hits[0].reason
    assert rules.evaluate(document("Stadt Musterstadt\nRechtsamt"), rs) == ()


def test_fuzzy_never_guesses_short_words_or_numbers(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: k, fuzzy: [Kasse], department: '21', min_score: 80}\n"
        "  - {id: n, fuzzy: [Amt 63], department: '63', min_score: 80}\n",
    )
    assert rules.evaluate(document("Klasse 4b, Amt 68"), rs) == ()
    assert labels(rules.evaluate(document("Kasse, Amt 63"), rs)) == [
        ("department", "21"),
        ("department", "63"),
    ]


def test_office_name_finds_names_aliases_and_numbers(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "  - {id: o, office_name: true, weight: 1.0}\n")
    for text in ("Baurechtsamt", "Untere Bauaufsicht", "An: Amt 63", "Baurechtsamf"):
        assert labels(rules.evaluate(document(text), rs)) == [("department", "63")], text
    # the better match wins a stretch of text: Baurechtsamt is not also the Rechtsamt
    assert labels(rules.evaluate(document("Baurechtsamt"), rs)) == [("department", "63")]
    two = rules.evaluate(document("Kämmerei und Tiefbauamt"), rs)
    assert sorted(labels(two)) == [("department", "20"), ("department", "66")]


# --------------------------------------------------------------------------- regions


def test_first_page_and_whole_text(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: p1, in: first_page, any: [Mahngebühr], doctype: Mahnung}\n"
        "  - {id: all, in: text, any: [Mahngebühr], doctype: Mahnung}\n",
    )
    hits = rules.evaluate(document("Seite eins", "Mahngebühr 5,00 EUR"), rs)
    assert [h.rule_id for h in hits] == ["all"]


def test_blank_pages_are_not_the_first_page(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "  - {id: p1, in: first_page, any: [Mahnung], doctype: Mahnung}\n")
    blank = Page(0, None, 300, text="", blank=True)
    real = Page(1, None, 300, text="Mahnung")
    doc = Document("f" * 64, Path("x.pdf"), datetime.now(UTC), (blank, real))
    assert [h.rule_id for h in rules.evaluate(doc, rs)] == ["p1"]


def test_header_uses_the_top_of_page_one_by_word_boxes(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "  - {id: h, in: header, any: [Tiefbauamt], department: '66'}\n")
    top = (Word("Tiefbauamt", 90.0, (200, 600, 300, 40)),)
    bottom = (Word("Tiefbauamt", 90.0, (200, 3000, 300, 40)),)
    assert labels(rules.evaluate(document("Tiefbauamt", words=top), rs)) == [("department", "66")]
    assert rules.evaluate(document("Tiefbauamt", words=bottom), rs) == ()


def test_header_without_words_ends_at_the_subject(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "  - {id: h, in: header, any: [Rechtsamt], department: '30'}\n")
    above = "Stadt Musterstadt\nRechtsamt\nBetreff: Klage\nText"
    below = "Stadt Musterstadt\nBetreff: Klage\nbitte an das Rechtsamt"
    assert labels(rules.evaluate(document(above), rs)) == [("department", "30")]
    assert rules.evaluate(document(below), rs) == ()
    by_field = document(
        "Stadt Musterstadt\nKlage gegen\nRechtsamt", fields={"subject": "Klage gegen"}
    )
    assert rules.evaluate(by_field, rs) == ()


def test_subject_field_filename_and_source_regions(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: s, in: subject, any: [Widerspruch], doctype: Widerspruch}\n"
        "  - {id: f, in: filename, regex: '^RE_', doctype: Rechnung}\n"
        "  - {id: q, in: source, any: [scanner-bau], department: '63', weight: 1.0}\n",
    )
    doc = document(
        "Widerspruch steht nur im Text",
        fields={"subject": "Mein Widerspruch"},
        name="RE_2025_01.pdf",
        source_folder="scanner-bau",
    )
    assert sorted(h.rule_id for h in rules.evaluate(doc, rs)) == ["f", "q", "s"]
    plain = document("Mein Widerspruch", name="scan.pdf")
    assert rules.evaluate(plain, rs) == ()


def test_field_region_and_reason_words(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: r, in: field:recipient, office_name: true, weight: 1.0}\n"
        "  - {id: az, in: field:aktenzeichen, regex: '^(?P<o>\\d\\d)-', department: '{o}', "
        "weight: 0.3}\n",
    )
    doc = document(
        "Kämmerei",  # only in the body: not the recipient
        fields={"recipient": "Stadt Musterstadt, Baurechtsamf", "aktenzeichen": "63-1/25"},
    )
    hits = rules.evaluate(doc, rs)
    assert [(h.rule_id, h.label) for h in hits] == [("r", "63"), ("az", "63")]
    assert hits[0].reason == "address block contains 'Baurechtsamf' ≈ 'Baurechtsamt' (fuzzy 92)"
    assert hits[1].reason == "Aktenzeichen contains '63-'"


def test_first_region_with_evidence_is_reported(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: m, in: [subject, first_page], any: [Mahnung], doctype: Mahnung}\n"
    )
    hits = rules.evaluate(document("Mahnung", fields={"subject": "Letzte Mahnung"}), rs)
    assert len(hits) == 1 and hits[0].reason.startswith("subject contains")


# --------------------------------------------------------------------------- weights, priority


def test_weights_and_both_facets_from_one_rule(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: inv, any: [Straßenbau-Rechnung], department: '66', doctype: Rechnung, "
        "weight: 0.7}\n",
    )
    hits = rules.evaluate(document("Ihre Straßenbau-Rechnung"), rs)
    assert [(h.facet, h.label, h.weight) for h in hits] == [
        ("department", "66", 0.7),
        ("doctype", "Rechnung", 0.7),
    ]


def test_higher_priority_decision_outranks_other_labels(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: rechnung, any: [Rechnungsnummer], doctype: Rechnung, weight: 1.0}\n"
        "  - {id: mahnung, any: [Mahnung], doctype: Mahnung, weight: 1.0, priority: 1}\n"
        "  - {id: hint, any: [offen], doctype: Mahnung, weight: 0.2}\n",
    )
    hits = rules.evaluate(document("2. Mahnung: Rechnungsnummer 4711 ist offen"), rs)
    by_id = {h.rule_id: h for h in hits}
    assert hits[0].rule_id == "mahnung"  # highest priority first
    assert by_id["rechnung"].weight == 0.0
    assert "outranked: priority 1 chose Mahnung" in by_id["rechnung"].reason
    assert by_id["hint"].weight == 0.2  # agrees with the decision: kept


def test_undecisive_higher_priority_evidence_does_not_outrank(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: rechnung, any: [Rechnungsnummer], doctype: Rechnung, weight: 1.0}\n"
        "  - {id: mahnung, any: [Mahnung], doctype: Mahnung, weight: 0.5, priority: 1}\n",
    )
    hits = rules.evaluate(document("Mahnung? Rechnungsnummer 4711"), rs)
    assert {h.rule_id: h.weight for h in hits} == {"mahnung": 0.5, "rechnung": 1.0}


def test_negative_weight_rules_out_and_outranks_lower_votes_for_that_label(
    tmp_path: Path,
) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: sender, in: field:memo_sender, office_name: true, weight: -2.0, priority: 1}\n"
        "  - {id: names, in: text, office_name: true, weight: 0.5}\n",
    )
    doc = document("Kämmerei und Bauaufsicht", fields={"memo_sender": "Kämmerei"})
    hits = {(h.rule_id, h.label): h for h in rules.evaluate(doc, rs)}
    assert hits[("sender", "20")].weight == -2.0
    assert hits[("names", "20")].weight == 0.0
    assert "(outranked: priority 1 ruled out 20)" in hits[("names", "20")].reason
    assert hits[("names", "63")].weight == 0.5  # another office keeps its evidence


def test_a_higher_decision_outranks_lower_votes_against_the_decided_label(
    tmp_path: Path,
) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: to, in: field:recipient, office_name: true, weight: 1.0, priority: 2}\n"
        "  - {id: sender, in: field:memo_sender, office_name: true, weight: -2.0, priority: 1}\n",
    )
    doc = document("memo", fields={"recipient": "Kämmerei", "memo_sender": "Kämmerei"})
    assert department_totals(rules.evaluate(doc, rs)) == {"20": 1.0}


def test_file_number_votes_for_the_office_of_departments_file_number(tmp_path: Path) -> None:
    departments = DEPARTMENTS + "file_number: '(?P<office>\\d{2})(?:\\.\\d)?[-/.]'\n"
    (tmp_path / "departments.yaml").write_text(departments, encoding="utf-8")
    (tmp_path / "classes.yaml").write_text(
        "rules:\n  - {id: ref, in: field:city_reference, file_number: true, weight: 1.0}\n",
        encoding="utf-8",
    )
    (tmp_path / "routes.yaml").write_text(ROUTES, encoding="utf-8")
    rs = load_ruleset(tmp_path)

    def voted(reference: str) -> list[tuple[str, str]]:
        return labels(rules.evaluate(document("x", fields={"city_reference": reference}), rs))

    assert voted("63-602.14/2025") == [("department", "63")]
    assert voted("20-FM-339/26") == [("department", "20")]
    assert voted("61.3-UV-6016/26") == [("department", "61")]
    assert voted(" 66/4393/2025") == [("department", "66")]
    assert voted("10/4393/2025") == []  # no office 10 in this organisation
    assert voted("V-63-12") == []  # a file number begins with its office


def test_field_rules_do_not_vote_but_set_fields(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: kd, regex: 'Kundennummer:?\\s*(?P<kundennummer>\\w+)', case_sensitive: true}\n",
    )
    doc = document("Kundennummer: KD4711")
    assert rules.evaluate(doc, rs) == ()
    assert dict(rules.rule_fields(doc, rs)) == {"kundennummer": "KD4711"}


# --------------------------------------------------------------------------- default rules


@pytest.fixture(scope="module")
def default_rules() -> RuleSet:
    return load_ruleset(REPO_RULES)


def department_totals(hits: tuple[RuleHit, ...]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for hit in hits:
        if hit.facet == "department":
            totals[hit.label] = totals.get(hit.label, 0.0) + hit.weight
    return totals


def test_default_rules_decide_an_office_named_in_the_address_block(
    default_rules: RuleSet,
) -> None:
    doc = document(
        "Stadt Musterstadt\nBauaufsichtsbehörde\nGerberstraße 20",
        fields={"recipient": "Stadt Musterstadt, Bauaufsichtsbehörde"},
    )
    totals = department_totals(rules.evaluate(doc, default_rules))
    assert [label for label, total in totals.items() if total >= 1.0] == ["63"]


def test_default_rules_decide_on_the_citys_reference(default_rules: RuleSet) -> None:
    doc = document(
        "Ihr Zeichen: 63-602.14/2025\nBetreff: Rückfrage",
        fields={"city_reference": "63-602.14/2025", "aktenzeichen": "63-602.14/2025"},
    )
    hits = rules.evaluate(doc, default_rules)
    totals = department_totals(hits)
    assert [label for label, total in totals.items() if total >= 1.0] == ["63"]
    reason = next(h.reason for h in hits if h.rule_id == "city-reference")
    assert reason == ("the city's reference contains '63-602.14/2025' (a file number of office 63)")


def test_default_rules_never_decide_on_the_senders_reference(default_rules: RuleSet) -> None:
    # "Unser Zeichen: 63-1182/26": extraction gives it as the Aktenzeichen only
    doc = document("Unser Zeichen: 63-1182/26", fields={"aktenzeichen": "63-1182/26"})
    assert department_totals(rules.evaluate(doc, default_rules)).get("63", 0.0) < 1.0


@pytest.mark.parametrize("reference", ["99-602.14/2025", "63 K 12/25", "6-602/2025", "Ba-63-12"])
def test_default_rules_ignore_references_of_no_known_office(
    default_rules: RuleSet, reference: str
) -> None:
    doc = document("Betreff: Rückfrage", fields={"city_reference": reference})
    assert not [h for h in rules.evaluate(doc, default_rules) if h.rule_id == "city-reference"]


def test_default_rules_rule_out_the_office_a_memo_comes_from(default_rules: RuleSet) -> None:
    doc = document(
        "Hausmitteilung\nAn: Herrn Kaiser\nVon: Amt 20 – Kämmerei\nAz.: 20-FM-339/26",
        fields={"memo_sender": "Amt 20 – Kämmerei", "city_reference": "20-FM-339/26"},
    )
    hits = rules.evaluate(doc, default_rules)
    assert department_totals(hits)["20"] <= -1.0
    header = next(h for h in hits if h.rule_id == "header-names-office" and h.label == "20")
    assert header.weight == 0.0
    assert "priority 1 ruled out 20" in header.reason


def test_default_rules_sender_office_loses_to_the_routing_slip(default_rules: RuleSet) -> None:
    doc = document(
        "HAUSMITTEILUNG\nVon: Amt 20 – Kämmerei\nAn: Amt 70\nBetreff: Mittel",
        fields={"aktenzeichen": "20-1/25", "office_number": "70"},
    )
    totals = department_totals(rules.evaluate(doc, default_rules))
    assert totals["70"] >= 1.0
    assert totals.get("20", 0.0) == 0.0


def test_office_numbers_damaged_by_ocr_are_repaired(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: o, in: field:recipient, office_name: true, weight: 1.0}\n"
    )
    cases = {
        "– Amt 6l –": "61",
        "Amt63": "63",
        "Arnt „. 63": "63",
        "Stadtverwaltung, - Ant 63 -": "63",
        "Bauaufsicbt": "63",
        "Stadtverwaltung, – Amt 6З –": None,  # a Cyrillic letter is not a digit
    }
    for recipient, office in cases.items():
        doc = document("x", fields={"recipient": recipient})
        expected = [("department", office)] if office else []
        assert labels(rules.evaluate(doc, rs)) == expected, recipient
    assert rules.ocr_repaired("Amt 6l, Zimmer lO") == "Amt 61, Zimmer lO"
    assert rules.ocr_repaired("Anteil 50") == "Anteil 50"


def test_rn_read_for_m_still_matches(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: o, in: field:recipient, office_name: true, weight: 1.0}\n"
    )
    doc = document("x", fields={"recipient": "Stadt Musterstadt, Tiefbauarnt"})
    assert labels(rules.evaluate(doc, rs)) == [("department", "66")]


def test_lost_umlauts_still_match(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: o, in: field:recipient, office_name: true, weight: 1.0}\n"
    )
    for recipient in ("20 - Kammerei", "Kaemmerei", "KAMMEREI"):
        doc = document("x", fields={"recipient": recipient})
        assert labels(rules.evaluate(doc, rs)) == [("department", "20")], recipient


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$", "(a|a)+$"])
def test_nested_repetition_never_hangs_evaluation(tmp_path: Path, pattern: str) -> None:
    rs = ruleset_with(tmp_path, f"  - {{id: r, regex: '{pattern}', department: '63'}}\n")
    start = time.perf_counter()
    assert rules.evaluate(document("a" * 5000 + "!"), rs) == ()
    assert time.perf_counter() - start < 2.0


def test_header_lines_from_word_boxes() -> None:
    words = (
        Word("Stadt", 90.0, (200, 500, 120, 40)),
        Word("Musterstadt", 90.0, (340, 505, 260, 40)),
        Word("Baurechtsamt", 90.0, (200, 560, 300, 40)),
        Word("Text", 90.0, (200, 2000, 100, 40)),
    )
    doc = document("irrelevant", words=words)
    assert rules.header_text(doc) == "Stadt Musterstadt\nBaurechtsamt"


def test_default_rules_read_the_office_number_below_the_city_in_the_header(
    default_rules: RuleSet,
) -> None:
    text = (
        "Firma X · Weg 1 · 34567 Musterstadt\nStadtverwaltung Musterstadt\n– Amt 21 –\nBetreff: Y"
    )
    totals = department_totals(rules.evaluate(document(text), default_rules))
    assert [label for label, total in totals.items() if total >= 1.0] == ["21"]
    sender = "Stadtverwaltung Musterstadt\nBetreff: Beschluss\nKopie an Amt 21"
    assert department_totals(rules.evaluate(document(sender), default_rules)) == {}
