"""decide(): rules first, model next, review when unsure; weight contract with rules.py."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from semantha.config import ClassifySettings
from semantha.deciding.classify import Thresholds, decide, decide_facet, rule_totals
from semantha.deciding.model import DocumentClassifier, FacetScores
from semantha.deciding.training import train_classifier
from semantha.records import Document, Page, RuleHit, Score

TOPICS = {
    ("63", "Antrag"): "Bauantrag Baugenehmigung Carport Garage Grundstück Bauvoranfrage Abbruch",
    ("22", "Bescheid"): "Hundesteuer Grundsteuer Gewerbesteuer Steuerbescheid Veranlagung",
    ("21", "Mahnung"): "Mahnung Zahlungserinnerung Rückstand Säumniszuschlag Vollstreckung",
    ("", ""): "Angebot Rabatt Katalog Werbung Sonderaktion Gewinnspiel Newsletter",
}
SETTINGS = ClassifySettings(min_confidence=0.8, min_margin=0.2, doctype_min_confidence=0.6)
LIMITS = Thresholds(0.8, 0.2)


@pytest.fixture(scope="module")
def model() -> DocumentClassifier:
    rng = random.Random(3)
    texts, labels = [], []
    for label, words in TOPICS.items():
        vocabulary = words.split()
        for _ in range(12):
            texts.append(" ".join(rng.choice(vocabulary) for _ in range(20)))
            labels.append(label)
    return train_classifier(texts, labels)


def doc(text: str) -> Document:
    return Document("f" * 64, Path("scan.pdf"), datetime.now(UTC), (Page(0, None, 300, text=text),))


def hit(label: str, weight: float = 1.0, facet: str = "department", rule: str = "") -> RuleHit:
    return RuleHit(rule or f"r-{label}", facet, label, weight, f"matched {label}")  # type: ignore[arg-type]


def scores(*pairs: tuple[str, float]) -> FacetScores:
    return FacetScores(tuple(Score(label, p) for label, p in sorted(pairs, key=lambda x: -x[1])))


BUILDING = "Bauantrag für einen Carport, Baugenehmigung für das Grundstück, Bauvoranfrage"


def test_confident_model_routes_and_traces_top_three(model: DocumentClassifier) -> None:
    decision = decide(doc(BUILDING), (), model, SETTINGS)
    assert decision.department == "63"
    assert decision.method == "model"
    assert decision.confidence >= SETTINGS.min_confidence
    assert decision.doctype == "Antrag"
    assert len(decision.trace.department_scores) == 3
    assert len(decision.trace.doctype_scores) == 3
    assert decision.trace.department_scores[0].label == "63"
    assert "model chose 63" in decision.trace.reason


def test_ambiguous_text_goes_to_review(model: DocumentClassifier) -> None:
    text = "Bauantrag Carport Grundstück Hundesteuer Veranlagung Steuerbescheid"
    decision = decide(doc(text), (), model, SETTINGS)
    assert decision.department is None
    assert decision.method == "none"
    assert "unsure" in decision.trace.reason


def test_rule_beats_model(model: DocumentClassifier) -> None:
    # The address block names the tax office; the text is about a building permit.
    rule = hit("22", 1.0, rule="office-in-address")
    decision = decide(doc(BUILDING), (rule,), model, SETTINGS)
    assert decision.department == "22"
    assert decision.method == "rule"
    assert decision.confidence == 1.0
    assert decision.trace.rule_hits == (rule,)
    assert decision.trace.department_scores[0].label == "63"  # the model still shows its view
    assert "office-in-address" in decision.trace.reason


def test_weights_add_up_to_a_rule_decision() -> None:
    hits = (hit("32", 0.5, rule="a"), hit("32", 0.5, rule="b"), hit("63", 0.7))
    assert rule_totals(hits, "department") == {"32": 1.0, "63": 0.7}
    choice = decide_facet("department", hits, None, LIMITS)
    assert (choice.label, choice.method) == ("32", "rule")
    assert "a, b" in choice.reason


def test_weak_evidence_alone_does_not_decide() -> None:
    choice = decide_facet("department", (hit("63", 0.9),), None, LIMITS)
    assert choice.label is None
    assert choice.method == "none"


def test_weak_evidence_is_kept_in_the_trace(model: DocumentClassifier) -> None:
    weak = hit("21", 0.4)
    decision = decide(doc(BUILDING), (weak,), model, SETTINGS)
    assert decision.department == "63"
    assert weak in decision.trace.rule_hits


def test_conflict_is_settled_by_the_model_among_the_conflicting_labels() -> None:
    hits = (hit("63"), hit("22"))
    model_view = scores(("21", 0.5), ("63", 0.45), ("22", 0.05))
    choice = decide_facet("department", hits, model_view, LIMITS)
    # 21 is the model's favourite overall but no rule named it: 63 vs 22 is 0.9 vs 0.1.
    assert (choice.label, choice.method) == ("63", "model")
    assert choice.confidence == pytest.approx(0.9)
    assert "conflict" in choice.reason


def test_conflict_the_model_cannot_settle_goes_to_review() -> None:
    hits = (hit("63"), hit("22"))
    choice = decide_facet("department", hits, scores(("63", 0.5), ("22", 0.4), ("21", 0.1)), LIMITS)
    assert choice.label is None
    assert "conflict" in choice.reason


def test_conflict_without_model_goes_to_review() -> None:
    choice = decide_facet("department", (hit("63"), hit("22")), None, LIMITS)
    assert choice.label is None
    assert "no model" in choice.reason


def test_a_ruled_out_label_is_never_chosen_even_when_the_model_is_sure() -> None:
    sender = hit("20", -2.0, rule="memo-sender")
    choice = decide_facet("department", (sender,), scores(("20", 0.95), ("51", 0.05)), LIMITS)
    # 51 is left, but at 0.05: the model's certainty is not handed on to it
    assert (choice.label, choice.top) == (None, "51")
    assert "ruled out 20 (p=0.95, rule memo-sender)" in choice.reason


def test_the_model_may_choose_among_the_labels_left() -> None:
    sender = hit("20", -1.0, rule="memo-sender")
    choice = decide_facet("department", (sender,), scores(("20", 0.1), ("51", 0.9)), LIMITS)
    assert (choice.label, choice.method) == ("51", "model")


def test_evidence_against_a_label_that_does_not_rule_it_out_is_kept() -> None:
    weak = hit("20", -0.5)
    choice = decide_facet("department", (weak,), scores(("20", 0.9), ("51", 0.1)), LIMITS)
    assert choice.label == "20"


def test_votes_for_and_against_a_label_add_up() -> None:
    hits = (hit("20", 1.0), hit("20", -2.0))
    choice = decide_facet("department", hits, scores(("20", 0.9), ("51", 0.1)), LIMITS)
    assert choice.label is None
    assert rule_totals(hits, "department") == {"20": -1.0}


@pytest.mark.parametrize(
    ("pairs", "routed"),
    [
        ((("63", 0.85), ("22", 0.15)), "63"),  # confident, clear lead
        ((("63", 0.79), ("22", 0.21)), None),  # below min_confidence
        ((("63", 0.80), ("22", 0.20)), "63"),  # exactly at both thresholds
    ],
)
def test_minimum_confidence(pairs: tuple[tuple[str, float], ...], routed: str | None) -> None:
    assert decide_facet("department", (), scores(*pairs), LIMITS).label == routed


def test_margin_rule_sends_close_calls_to_review() -> None:
    # A lower confidence threshold lets 0.55 pass, but the lead of 0.15 is too small.
    lenient = Thresholds(min_confidence=0.5, min_margin=0.2)
    close = decide_facet("department", (), scores(("63", 0.55), ("22", 0.40)), lenient)
    assert close.label is None
    assert "margin" in close.reason
    assert close.margin == pytest.approx(0.15)
    clear = decide_facet("department", (), scores(("63", 0.55), ("22", 0.30)), lenient)
    assert clear.label == "63"


def test_unroutable_winning_means_review(model: DocumentClassifier) -> None:
    text = "Sonderaktion Rabatt Katalog Gewinnspiel Newsletter Angebot"
    decision = decide(doc(text), (), model, SETTINGS)
    assert decision.department is None
    assert decision.method == "none"
    assert "no office" in decision.trace.reason
    assert decision.trace.department_scores[0].label == ""


def test_unroutable_rule_means_review() -> None:
    choice = decide_facet("department", (hit("", 1.0, rule="advert"),), None, LIMITS)
    assert choice.label is None
    assert "advert" in choice.reason


def test_rules_only_mode_never_asks_the_model(model: DocumentClassifier) -> None:
    rules_only = SETTINGS.model_copy(update={"mode": "rules-only"})
    without_rule = decide(doc(BUILDING), (), model, rules_only)
    assert without_rule.department is None
    assert without_rule.trace.department_scores == ()
    assert "not used" in without_rule.trace.reason
    with_rule = decide(doc(BUILDING), (hit("63"),), model, rules_only)
    assert (with_rule.department, with_rule.method) == ("63", "rule")


def test_no_model_behaves_like_rules_only() -> None:
    decision = decide(doc(BUILDING), (hit("63"),), None, SETTINGS)
    assert (decision.department, decision.method) == ("63", "rule")
    assert decision.doctype is None


def test_doctype_uses_its_own_threshold_and_rules(model: DocumentClassifier) -> None:
    doctype_rule = hit("Widerspruch", 1.0, facet="doctype")
    decision = decide(doc(BUILDING), (doctype_rule,), model, SETTINGS)
    assert decision.doctype == "Widerspruch"
    assert decision.doctype_confidence == 1.0
    assert decision.department == "63"  # a doctype rule says nothing about the office
    limits = Thresholds(SETTINGS.doctype_min_confidence, SETTINGS.min_margin)
    view = scores(("Antrag", 0.65), ("Bescheid", 0.35))
    assert decide_facet("doctype", (), view, limits).label == "Antrag"


def test_empty_doctype_winning_means_no_document_type() -> None:
    limits = Thresholds(SETTINGS.doctype_min_confidence, SETTINGS.min_margin)
    choice = decide_facet("doctype", (), scores(("", 0.9), ("Antrag", 0.1)), limits)
    assert choice.label is None
    assert "no document type" in choice.reason


# A recipe that happens to mention a building permit: three of its fifteen content words
# are in the training letters.
RECIPE = (
    "Bauantrag Carport Grundstück: Zwetschgen entsteinen, Hefeteig kneten, "
    "Backblech fetten, Zimtzucker streuen, Sahne schlagen, Butterflocken verteilen"
)
GATE = SETTINGS.model_copy(update={"min_familiarity": 0.45})
NO_GATE = SETTINGS.model_copy(update={"min_familiarity": 0.0})


def test_familiarity_is_the_share_of_content_words_the_model_learned(
    model: DocumentClassifier,
) -> None:
    assert model.model.familiarity(RECIPE) == pytest.approx(3 / 15)
    assert model.model.familiarity("Bauantrag für das Grundstück, Baugenehmigung") == 1.0
    assert model.model.familiarity(BUILDING) == pytest.approx(5 / 6)  # not "einen"
    assert model.model.familiarity("12 3 4a -- ,,") is None


def test_an_unfamiliar_letter_the_model_would_route_goes_to_review(
    model: DocumentClassifier,
) -> None:
    assert decide(doc(RECIPE), (), model, NO_GATE).department == "63"
    decision = decide(doc(RECIPE), (), model, GATE)
    assert decision.department is None
    assert decision.method == "none"
    assert "model chose 63" in decision.trace.reason
    assert "unfamiliar: 20% of its words were in the training letters (minimum 45%)" in (
        decision.trace.reason
    )


def test_the_familiarity_gate_leaves_familiar_letters_and_rules_alone(
    model: DocumentClassifier,
) -> None:
    familiar = decide(doc(BUILDING), (), model, GATE)
    assert (familiar.department, familiar.method) == ("63", "model")
    by_rule = decide(doc(RECIPE), (hit("22", 1.0, rule="office-in-address"),), model, GATE)
    assert (by_rule.department, by_rule.method) == ("22", "rule")
    assert "unfamiliar" not in by_rule.trace.reason
