"""Names of offices that departments.yaml lacks, learned from people's decisions: cut
from the recipient field, taught only by one office's letters, heard where no rule
decided."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from semantha.config import ClassifySettings
from semantha.deciding.classify import (
    Choice,
    Evidence,
    ExampleLimits,
    Thresholds,
    addressed,
    addressed_alike,
    addressed_elsewhere,
    decide,
)
from semantha.deciding.lettermemory import Match
from semantha.deciding.model import DocumentClassifier
from semantha.deciding.officenames import (
    Addressed,
    learn_names,
    named_office,
    names_this_office,
    offices_like,
    other_unit,
    unit_names,
)
from semantha.deciding.training import train_classifier
from semantha.records import Document, Page, RuleHit
from semantha.rulefiles.store import load_ruleset

ORGANISATION = "Stadt Musterstadt"
UNSURE = Choice(None, "22", 0.55, 0.1, "none", "department: no rule decided: model unsure")


def nothing_known(_name: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("recipient", "names"),
    [
        ("Magistrat der Stadt Musterstadt, – Servicedesk IT –", ["servicedesk it"]),
        ("Stadt Musterstadt, Standesbeamtin (Frau Amsel)", ["standesbeamtin"]),
        ("info@musterstadt.example, z. Hd. Rechtsangelegenheiten", ["rechtsangelegenheiten"]),
        ("Rathaus Musterstadt / Empfänger: Fachbereich Jugend", ["fachbereich jugend"]),
        ("Stadtverwaltung Musterstadt, Abt. Abgabenstelle", ["abgabenstelle"]),
        ("An die Stadtverwaltung, Dienststelle: Untere Wasserbehörde", ["untere wasserbehörde"]),
        ("An die Stadtverwaltung", []),
        ("Stadt Musterstadt, z. Hd. Herrn Meyer", []),
        ("Stadt Musterstadt, Familie Meyer", []),
        ("Rathaus Musterstadt, Soziale Dienste für Familien", ["soziale dienste für familien"]),
        ("Rathaus Musterstadt, Frauenbüro", ["frauenbüro"]),
        ("Stadt Musterstadt, Amt 63", []),
        ("ich bin sehbehindert und auf meinen Blindenführhund angewiesen", []),
    ],
)
def test_the_recipient_field_is_cut_into_names_of_offices(recipient: str, names: list[str]) -> None:
    assert unit_names(recipient, ORGANISATION) == names


def test_a_name_people_gave_one_office_is_learned() -> None:
    letters = [
        Addressed("Stadt Musterstadt, – Servicedesk IT –", "12", by_people=True),
        Addressed("Rathaus Musterstadt, Abt. Servicedesk IT", "12", by_people=False),
        Addressed("Stadt Musterstadt, Stadtgrün und Friedhöfe", "67", by_people=True),
    ]
    assert learn_names(letters, ORGANISATION, nothing_known) == {
        "servicedesk it": "12",
        "stadtgrün und friedhöfe": "67",
    }


def test_a_name_of_two_offices_of_no_office_or_only_delivered_is_not_learned() -> None:
    letters = [
        Addressed("Stadt Musterstadt, Zentrale Dienste", "10", by_people=True),
        Addressed("Stadt Musterstadt, Zentrale Dienste", "11", by_people=False),
        Addressed("Stadt Musterstadt, Gewinnspielzentrale", "", by_people=True),
        Addressed("Stadt Musterstadt, Abfallberatung", "70", by_people=False),
    ]
    assert learn_names(letters, ORGANISATION, nothing_known) == {}


def test_a_name_departments_yaml_knows_is_not_learned_again() -> None:
    letters = [Addressed("Stadt Musterstadt, Gartenamt", "67", by_people=True)]
    assert learn_names(letters, ORGANISATION, {"gartenamt"}.__contains__) == {}


def test_the_learned_names_of_exactly_one_office_name_it() -> None:
    names = {"servicedesk it": "12", "abgabenstelle": "22"}
    assert named_office("Rathaus Musterstadt, Abt. Servicedesk IT", names) == (
        "12",
        "servicedesk it",
    )
    assert named_office("Servicedesk IT, Abgabenstelle", names) is None
    assert named_office("Rathaus Musterstadt, Abt. Servicedesk lT", names) == (
        "12",
        "servicedesk it",
    )  # as OCR read it
    # 92 % alike, but a short name must be as learned
    assert named_office("Bauhofs", {"bauhof": "66"}) is None
    assert named_office("Stadt Musterstadt", names) is None


@pytest.fixture(scope="module")
def taught() -> DocumentClassifier:
    texts = ["Hundesteuer Bescheid Veranlagung", "Baumfällung Friedhof Grabstelle"] * 3
    labels = [("22", "Brief"), ("67", "Brief")] * 3
    model = train_classifier(texts, labels)
    manifest = model.manifest.model_copy(update={"office_names": {"servicedesk it": "12"}})
    return DocumentClassifier(model.model, manifest)


def hit(label: str, weight: float) -> RuleHit:
    return RuleHit(f"r-{label}", "department", label, weight, "matched")


def test_a_learned_name_decides_where_no_rule_did(taught: DocumentClassifier) -> None:
    recipient = "Stadt Musterstadt, Dienststelle: Servicedesk IT"
    choice = addressed(UNSURE, (), recipient, taught)
    assert (choice.label, choice.method, choice.confidence) == ("12", "model", 1.0)
    assert "the address names 'servicedesk it', a name people taught for 12" in choice.reason
    decided = Choice("63", "63", 1.0, 1.0, "rule", "department: rule r-63 -> 63")
    assert addressed(decided, (hit("63", 1.0),), recipient, taught) == decided
    assert addressed(UNSURE, (hit("12", -1.0),), recipient, taught) == UNSURE
    assert addressed(UNSURE, (), "Stadt Musterstadt", taught) == UNSURE


def test_decide_routes_a_letter_by_a_learned_name(taught: DocumentClassifier) -> None:
    fields = {"recipient": "Rathaus Musterstadt, Abt. Servicedesk IT"}
    page = Page(0, None, 300, text="Geänderte Kontaktdaten, bitte Anschrift ändern")
    document = Document("b" * 64, Path("a.pdf"), datetime(2026, 11, 2, tzinfo=UTC), (page,), fields)
    decision = decide(document, (), taught, ClassifySettings(min_familiarity=0.0))
    assert (decision.department, decision.method) == ("12", "model")
    untaught = DocumentClassifier(
        taught.model, taught.manifest.model_copy(update={"office_names": {}})
    )
    assert decide(document, (), untaught, ClassifySettings(min_familiarity=0.0)).department is None


@pytest.mark.parametrize(
    ("unit", "names", "alike"),
    [
        ("standesbeamtin", ("Standesamt", "Amt 34"), True),
        ("personenstandswesen", ("Standesamt",), True),
        ("sachgebiet realsteuern", ("Steueramt", "Abteilung Steuern"), True),
        ("servicedesk it", ("Amt für Digitalisierung und IT", "IT-Service"), True),
        ("feuerwache mitte", ("Feuerwehr", "Berufsfeuerwehr"), True),
        ("abteilung zahlungsverkehr", ("Rechtsamt", "Rechtsabteilung", "Justiziariat"), False),
        ("bezügestelle", ("Personalamt", "Personalstelle"), False),  # "stelle" says no office
        ("abteilung existenzsicherung", ("Rechtsamt", "Rechtsabteilung"), False),
        ("justitiariat", ("Justiziariat",), True),  # spelt otherwise
        ("stadtgrün und friedhöfe", ("Friedhofsamt",), True),  # umlaut and plural
        ("standortmarketing der stadt", ("Standesamt",), False),  # "Stand" is no "Standes"
        ("sachgebiet realsteuern", ("Personalstelle",), False),  # "alste" is no stem
        ("standesbeamtin", ("Gewerbeamt",), False),  # nor is "beamt"
    ],
)
def test_a_unit_is_like_an_office_name_by_a_stem_not_by_a_unit_word(
    unit: str, names: tuple[str, ...], alike: bool
) -> None:
    assert names_this_office(unit, names) is alike


def test_the_unit_an_address_names_beside_the_organisation_and_its_buildings() -> None:
    names = ("Rechtsamt", "Rechtsabteilung")
    assert other_unit("Rathaus Musterstadt, z. Hd. Bezügestelle", "Stadt Musterstadt", names) == (
        "bezügestelle"
    )
    assert (
        other_unit("Rathaus Musterstadt, Abt. Rechtsangelegenheiten", "Musterstadt", names) is None
    )
    assert other_unit("Stadt Musterstadt, Verwaltungszentrum", "Stadt Musterstadt", names) is None
    assert other_unit("An die Stadtverwaltung", "Stadt Musterstadt", names) is None
    assert (
        other_unit(
            "Rathaus Musterstadt, Straßenverkehrsbehörde Musterstadt", "Stadt Musterstadt", names
        )
        == "strassenverkehrsbehörde"
    )


RULESET = load_ruleset(Path(__file__).resolve().parents[2] / "rules")


def test_the_model_does_not_overrule_an_address_it_cannot_read(taught: DocumentClassifier) -> None:
    sure = Choice("22", "22", 0.97, 0.9, "model", "department: no rule decided: model chose 22")
    elsewhere = addressed_elsewhere(sure, "Rathaus, z. Hd. Bezügestelle", taught, RULESET)
    assert (elsewhere.label, elsewhere.top, elsewhere.method) == (None, "22", "none")
    assert "the address names 'bezügestelle', no name of 22" in elsewhere.reason
    assert addressed_elsewhere(sure, "Rathaus, Sachgebiet Realsteuern", taught, RULESET) == sure
    assert addressed_elsewhere(sure, "Stadtverwaltung Musterstadt", taught, RULESET) == sure
    assert addressed_elsewhere(sure, "Rathaus, z. Hd. Bezügestelle", taught, None) == sure
    by_rule = Choice("22", "22", 1.0, 1.0, "rule", "department: rule r-22 -> 22")
    assert addressed_elsewhere(by_rule, "Rathaus, z. Hd. Bezügestelle", taught, RULESET) == by_rule
    learned = Choice("12", "12", 1.0, 1.0, "model", "the address names a name people taught")
    assert addressed_elsewhere(learned, "Abt. Servicedesk IT", taught, RULESET) == learned


def test_decide_sends_a_letter_to_an_unknown_unit_to_review(taught: DocumentClassifier) -> None:
    page = Page(0, None, 300, text="Hundesteuer Bescheid Veranlagung")
    fields = {"recipient": "Rathaus Musterstadt, z. Hd. Bezügestelle"}
    document = Document("c" * 64, Path("a.pdf"), datetime(2026, 11, 2, tzinfo=UTC), (page,), fields)
    settings = ClassifySettings(min_familiarity=0.0, min_confidence=0.5)
    assert decide(document, (), taught, settings).department == "22"  # departments.yaml unheard
    decision = decide(document, (), taught, settings, RULESET)
    assert decision.department is None
    assert "no name of 22" in decision.trace.reason


def test_the_offices_a_units_names_are_like() -> None:
    names = {d.id: d.names for d in RULESET.departments}
    like = offices_like("Rathaus Musterstadt, Feuerwache Mitte", "Stadt Musterstadt", names)
    assert like == {"37": "feuerwache mitte"}
    assert offices_like("Stadtverwaltung Musterstadt", "Stadt Musterstadt", names) == {}


@pytest.mark.parametrize(
    ("unit", "closest"),
    [
        ("Abteilung Sicherheit und Ordnung", {"32"}),  # not the Bauordnungsamt's "ordnung"
        ("Fachdienst Recht und Versicherungen", {"30"}),  # not the Baurechtsamt's "recht"
        ("Rechtsangelegenheiten", {"30"}),
        ("Servicecenter Bürgerdienste", {"33"}),  # not the Oberbürgermeister's office
        ("Fachbereich Stadtentwicklung und Bauleitplanung", {"61"}),  # not every "Stadt…"
        ("Soziale Dienste für Familien", {"50", "51"}),  # as close to both: neither decides
    ],
)
def test_a_unit_is_like_the_offices_whose_names_come_closest(unit: str, closest: set[str]) -> None:
    names = {d.id: d.names for d in RULESET.departments}
    like = offices_like(f"Rathaus Musterstadt, {unit}", "Stadt Musterstadt", names)
    assert set(like) == closest


UNSURE_37 = Choice(None, "37", 0.6, 0.3, "none", "department: no rule decided: model unsure")


@pytest.mark.parametrize(
    ("recipient", "familiarity", "match", "routed"),
    [
        ("Rathaus Musterstadt, Feuerwache Mitte", 0.9, None, "37"),
        ("Rathaus Musterstadt, Feuerwache Mitte", None, None, "37"),  # the gate is off
        ("Rathaus Musterstadt, Sachgebiet Realsteuern", 0.9, None, None),  # like 22, not 37
        ("Stadtverwaltung Musterstadt", 0.9, None, None),  # no unit
        ("Rathaus Musterstadt, Feuerwache Mitte", 0.2, None, None),  # unfamiliar
        ("Rathaus Musterstadt, Feuerwache Mitte", 0.9, Match("63", 0.9, 0.1), None),
        ("Rathaus Musterstadt, Feuerwache Mitte", 0.9, Match("37", 0.9, 0.1), "37"),
    ],
)
def test_an_address_like_one_office_and_the_models_guess_agree(
    recipient: str, familiarity: float | None, match: Match | None, routed: str | None
) -> None:
    found = Evidence({}, familiarity, match, recipient)
    settings = ClassifySettings(min_familiarity=0.45)
    limits = ExampleLimits(similarity=0.25, margin=0.15)
    choice = addressed_alike(UNSURE_37, (), found, limits, settings, RULESET, MINIMUM)
    assert choice.label == routed
    if routed:
        assert choice.method == "model"
        assert "the address names 'feuerwache mitte', like a name of 37" in choice.reason
        assert choice.confidence == pytest.approx(0.6 * 20 / (0.6 * 20 + 0.4))  # 0.968
    ruled = addressed_alike(UNSURE_37, (hit("63", 1.0),), found, limits, settings, RULESET, MINIMUM)
    assert ruled.label is None
    assert addressed_alike(UNSURE_37, (), found, limits, settings, None, MINIMUM).label is None


MINIMUM = Thresholds(min_confidence=0.92, min_margin=0.2)


@pytest.mark.parametrize(
    ("probability", "odds", "routed"),
    [
        (0.6, 20.0, True),  # 0.968
        (0.37, 20.0, True),  # 0.922
        (0.3, 20.0, False),  # 0.896: the address does not make up for so unsure a model
        (0.85, 1.0, False),  # odds of 1: the address adds nothing
        (0.3, 100.0, True),  # 0.977
    ],
)
def test_the_address_raises_the_models_probability_by_its_odds(
    probability: float, odds: float, routed: bool
) -> None:
    found = Evidence({}, 0.9, None, "Rathaus Musterstadt, Feuerwache Mitte")
    unsure = replace(UNSURE_37, confidence=probability)
    settings = ClassifySettings(address_odds=odds)
    limits = ExampleLimits(similarity=0.25, margin=0.15)
    choice = addressed_alike(unsure, (), found, limits, settings, RULESET, MINIMUM)
    assert (choice.label == "37") is routed
    assert f"p={probability:.2f} at odds of {odds:g} to 1" in choice.reason
    if not routed:  # the clerk sees what the address said, and why it was not enough
        assert choice.method == "none" and choice.confidence == probability
        assert choice.reason.endswith("below the minimum 0.92: review")
