"""Decide department and document type from rule hits and model scores, or abstain.

Per facet, in this order:

1. Rules. Weights of hits for the same label add up; a label reaching 1.0
   (``DECIDING_WEIGHT``) is decided by rule (an explicit office in the address
   block beats whatever the text is about).
2. Two or more labels reaching 1.0 are a conflict: the model picks among them, under
   the same thresholds, or the document goes to review.
3. Otherwise the model: its best label must have probability >= the minimum confidence
   and lead the second-best by >= ``min_margin``. The unroutable label ("") winning
   means review, as does the model being unsure. Weights below 1.0 are evidence kept
   in the trace only.

A letter the model would route although few of its words occur in the model's training
letters (``classify.min_familiarity``) goes to review: it is unlike anything learned.

Where no rule decided, the model's memory of the city's decided letters has its say
(``deciding.lettermemory``): a letter the heads are unsure of (or find unfamiliar) goes where
the most similar remembered letter went, when that letter is similar enough and clearly
closer than any letter of another office (or only a little closer, when the heads' best
guess is that same office: two signals agree); a letter the heads would route goes to
review when such a remembered letter went elsewhere.

Where no rule decided either, a name the address gives an office that departments.yaml
lacks but people taught (``deciding.officenames``, kept in the model's manifest) decides,
as the address rule would. And when the address names a unit that is like no name of the
office the model or its memory chose ("z. Hd. Bezügestelle" on a letter the model sends to
the Rechtsamt), the letter goes to review: the sender chose an office Semantha cannot
read, and the words of a short letter must not overrule it. Where the model is unsure
but its best guess is the one office whose names the address's unit is like
("Abteilung Bauordnung und Genehmigungen", "Bauordnungsamt"), the two signals agree: the
address counts as odds for that office (``classify.address_odds``), and the model's
probability so raised decides under the same minimum confidence, unless the letter is
unfamiliar or the memory points elsewhere.

A label whose rule weights sum to -1.0 or less is ruled out (the office a memo comes
from): the model may not choose it. Its probability is not handed to the others, so a
model that was sure of the ruled-out label is unsure of the rest, and review decides.

Mode "rules-only" never asks the model. A review decision has department None and
method "none"; the trace says why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from semantha.config import ClassifySettings
from semantha.deciding import officenames
from semantha.deciding.lettermemory import Match
from semantha.deciding.model import UNROUTABLE, DocumentClassifier, FacetScores, document_text
from semantha.records import Decision, Document, Method, RuleHit, Score, Trace
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.schema import DECIDING_WEIGHT

Facet = Literal["department", "doctype"]


@dataclass(frozen=True)
class Choice:
    """The outcome for one facet: ``label`` to route to, or None for review, and why.

    ``top`` is the best candidate even when abstaining (evaluation scores it);
    ``margin`` is its lead over the second-best.
    """

    label: str | None
    top: str | None
    confidence: float
    margin: float
    method: Method
    reason: str


@dataclass(frozen=True)
class Thresholds:
    """``min_confidence`` for the facet, ``per_label`` where a label has its own."""

    min_confidence: float
    min_margin: float
    per_label: Mapping[str, float] = field(default_factory=dict)

    def confidence_for(self, label: str) -> float:
        return self.per_label.get(label, self.min_confidence)


def thresholds(
    settings: ClassifySettings, model: DocumentClassifier | None, facet: Facet
) -> Thresholds:
    """config.yaml's thresholds, or those `semantha learn` chose for the model in use."""
    configured = (
        settings.min_confidence if facet == "department" else settings.doctype_min_confidence
    )
    learned = dict(model.manifest.thresholds.get(facet, {})) if model else {}
    return Thresholds(learned.pop("*", configured), settings.min_margin, learned)


def rule_totals(hits: tuple[RuleHit, ...], facet: Facet) -> dict[str, float]:
    """Summed rule weight per label of one facet."""
    totals: dict[str, float] = defaultdict(float)
    for hit in hits:
        if hit.facet == facet:
            totals[hit.label] += hit.weight
    return dict(totals)


def decided_by_rule(hits: tuple[RuleHit, ...]) -> bool:
    """Whether the rules decide the office: a label's weights reach 1.0 (a conflict of
    two such labels included). Neither the model nor its memory has the say then."""
    return any(weight >= DECIDING_WEIGHT for weight in rule_totals(hits, "department").values())


def _rule_ids(hits: tuple[RuleHit, ...], facet: Facet, label: str) -> str:
    return ", ".join(h.rule_id for h in hits if h.facet == facet and h.label == label)


def _shown(label: str) -> str:
    return label if label != UNROUTABLE else "(unroutable)"


def _margin(ranked: tuple[Score, ...]) -> float:
    second = ranked[1].probability if len(ranked) > 1 else 0.0
    return ranked[0].probability - second


NOTHING = {"department": "no office", "doctype": "no document type"}
"""What the empty label means per facet, for the trace."""


def _from_model(
    facet: Facet, ranked: tuple[Score, ...], limits: Thresholds, context: str
) -> Choice:
    best, margin = ranked[0], _margin(ranked)
    figures = f"p={best.probability:.2f}, margin {margin:.2f}"
    unsure = ""
    minimum = limits.confidence_for(best.label)
    if best.probability < minimum:
        unsure = f"below minimum confidence {minimum:.2f}"
    elif margin < limits.min_margin:
        unsure = f"below minimum margin {limits.min_margin:.2f}"
    if unsure:
        reason = f"{context}: model unsure of {_shown(best.label)} ({figures}: {unsure})"
        return Choice(None, best.label, best.probability, margin, "none", reason)
    if best.label == UNROUTABLE:
        reason = f"{context}: model says {NOTHING[facet]} ({figures})"
        return Choice(None, best.label, best.probability, margin, "none", reason)
    reason = f"{context}: model chose {best.label} ({figures})"
    return Choice(best.label, best.label, best.probability, margin, "model", reason)


def _renormalised(scores: tuple[Score, ...]) -> tuple[Score, ...]:
    total = sum(s.probability for s in scores)
    if total <= 0:
        return tuple(Score(s.label, 1.0 / len(scores)) for s in scores)
    return tuple(Score(s.label, s.probability / total) for s in scores)


def _votes_against(hits: tuple[RuleHit, ...], facet: Facet, label: str) -> str:
    return ", ".join(
        h.rule_id for h in hits if h.facet == facet and h.label == label and h.weight < 0
    )


def _without(
    ranked: tuple[Score, ...], ruled_out: set[str], hits: tuple[RuleHit, ...], facet: Facet
) -> tuple[tuple[Score, ...], str]:
    """The model's ranking without the ruled-out labels, and what the trace says of them."""
    removed = [s for s in ranked if s.label in ruled_out]
    if not removed:
        return ranked, ""
    named = ", ".join(
        f"{_shown(s.label)} (p={s.probability:.2f}, rule {_votes_against(hits, facet, s.label)})"
        for s in removed
    )
    return tuple(s for s in ranked if s.label not in ruled_out), f", ruled out {named}"


def decide_facet(
    facet: Facet,
    hits: tuple[RuleHit, ...],
    scores: FacetScores | None,
    limits: Thresholds,
) -> Choice:
    """Rule first, then model, else review (label None)."""
    totals = rule_totals(hits, facet)
    ruled_out = {label for label, weight in totals.items() if weight <= -DECIDING_WEIGHT}
    decided = sorted(label for label, weight in totals.items() if weight >= DECIDING_WEIGHT)
    if len(decided) == 1:
        label = decided[0]
        rules = _rule_ids(hits, facet, label)
        if label == UNROUTABLE:
            return Choice(
                None, label, 1.0, 1.0, "none", f"{facet}: rule {rules} says {NOTHING[facet]}"
            )
        return Choice(label, label, 1.0, 1.0, "rule", f"{facet}: rule {rules} -> {label}")
    if decided:
        conflict = f"{facet}: rules conflict between {', '.join(map(_shown, decided))}"
        if scores is None:
            return Choice(None, None, 0.0, 0.0, "none", f"{conflict}, no model to settle it")
        return _from_model(facet, _renormalised(scores.among(decided)), limits, conflict)
    if scores is None:
        reason = f"{facet}: no rule decided and the model is not used"
        return Choice(None, None, 0.0, 0.0, "none", reason)
    ranked, excluded = _without(scores.scores, ruled_out, hits, facet)
    context = f"{facet}: no rule decided{excluded}"
    if not ranked:
        return Choice(None, None, 0.0, 0.0, "none", f"{context}: nothing left to choose")
    return _from_model(facet, ranked, limits, context)


def unfamiliar(choice: Choice, familiarity: float | None, minimum: float) -> Choice:
    """The model's choice, or review when the letter is unlike what the model learned."""
    if choice.method != "model" or familiarity is None or familiarity >= minimum:
        return choice
    reason = (
        f"{choice.reason}, but the letter is unfamiliar: {familiarity:.0%} of its words "
        f"were in the training letters (minimum {minimum:.0%})"
    )
    return Choice(None, choice.top, choice.confidence, choice.margin, "none", reason)


UNMEASURED = 0.5
"""The confidence of the memory's decisions when learning did not measure it."""


@dataclass(frozen=True)
class ExampleLimits:
    """When the most similar remembered letter decides: ``similarity`` at least, and a
    lead of ``margin`` over the most similar letter of another office. ``confidence`` is
    how often such decisions were right when `semantha learn` checked them: what the
    decision reports (a similarity is no probability; routes compare confidences)."""

    similarity: float
    margin: float
    confidence: float = UNMEASURED
    agreeing_margin: float = 1.0  # the lead that does when the heads' best guess agrees

    def decides(self, match: Match | None, guess: str | None = None) -> bool:
        """Whether ``match`` decides; ``guess``, the heads' best office, may agree with it."""
        if match is None or match.similarity < self.similarity:
            return False
        agreed = guess is not None and guess == match.label
        return match.margin >= (min(self.margin, self.agreeing_margin) if agreed else self.margin)


def example_limits(settings: ClassifySettings, model: DocumentClassifier | None) -> ExampleLimits:
    """config.yaml's limits, or the margins `semantha learn` chose for the model in use."""
    learned = model.manifest.thresholds.get("example", {}) if model else {}
    return ExampleLimits(
        settings.example_similarity,
        learned.get("margin", settings.example_margin),
        learned.get("confidence", UNMEASURED),
        learned.get("agreeing_margin", settings.agreeing_margin),
    )


def remembered(
    choice: Choice, hits: tuple[RuleHit, ...], match: Match | None, limits: ExampleLimits
) -> Choice:
    """The department choice with the model's memory heard (see the module's docstring)."""
    totals = rule_totals(hits, "department")
    if match is None or any(weight >= DECIDING_WEIGHT for weight in totals.values()):
        return choice
    if totals.get(match.label, 0.0) <= -DECIDING_WEIGHT:
        return choice
    like = (
        f"the most similar letter people decided went to {_shown(match.label)} "
        f"(similarity {match.similarity:.2f}, other offices {match.runner_up:.2f})"
    )
    if choice.label is not None:
        if choice.label == match.label or not limits.decides(match):
            return choice
        reason = f"{choice.reason}, but {like}"
        return Choice(None, choice.top, choice.confidence, choice.margin, "none", reason)
    if not limits.decides(match, choice.top):
        return choice
    if match.label == UNROUTABLE:
        return Choice(
            None, choice.top, choice.confidence, choice.margin, "none", f"{choice.reason}; {like}"
        )
    if not limits.decides(match):
        like += ", the model's best guess too"
    reason = f"{choice.reason}; {like}, right {limits.confidence:.0%} of the time"
    return Choice(match.label, match.label, limits.confidence, match.margin, "model", reason)


def addressed(
    choice: Choice, hits: tuple[RuleHit, ...], recipient: str, model: DocumentClassifier | None
) -> Choice:
    """The department choice, or the office a learned name in the address names where no
    rule decided (see the module's docstring)."""
    names = model.manifest.office_names if model else {}
    totals = rule_totals(hits, "department")
    if not names or any(weight >= DECIDING_WEIGHT for weight in totals.values()):
        return choice
    named = officenames.named_office(recipient, names)
    if named is None or totals.get(named[0], 0.0) <= -DECIDING_WEIGHT:
        return choice
    office, name = named
    reason = (
        f"department: no rule decided; the address names {name!r}, "
        f"a name people taught for {office} -> {office}"
    )
    return Choice(office, office, 1.0, 1.0, "model", reason)


@dataclass(frozen=True)
class Evidence:
    """What the model says of a letter, whatever the thresholds: its scores, how familiar
    the letter's words are (None: not asked), the most similar remembered letter, and the
    letter's recipient field (for the office names the model learned)."""

    scores: dict[str, FacetScores]
    familiarity: float | None = None
    match: Match | None = None
    recipient: str = ""


def evidence(
    document: Document, model: DocumentClassifier | None, settings: ClassifySettings
) -> Evidence:
    """The model's evidence on ``document`` (none without a model or in rules-only mode)."""
    if model is None or settings.mode != "rules+model":
        return Evidence({})
    text = document_text(document)
    familiarity = model.model.familiarity(text) if settings.min_familiarity > 0 else None
    return Evidence(
        model.score(document),
        familiarity,
        model.model.nearest_letter(text),
        document.fields.get("recipient", ""),
    )


def addressed_elsewhere(
    choice: Choice, recipient: str, model: DocumentClassifier | None, ruleset: RuleSet | None
) -> Choice:
    """The model's (or its memory's) choice, or review when the address names a unit that
    is like none of the chosen office's names, in departments.yaml or learned."""
    if ruleset is None or choice.label is None or choice.method != "model":
        return choice
    names = [name for d in ruleset.departments if d.id == choice.label for name in d.names]
    learned = model.manifest.office_names if model else {}
    names += [name for name, office in learned.items() if office == choice.label]
    unit = officenames.other_unit(recipient, ruleset.organisation, names)
    if unit is None:
        return choice
    reason = f"{choice.reason}, but the address names {unit!r}, no name of {choice.label}"
    return Choice(None, choice.top, choice.confidence, choice.margin, "none", reason)


def with_odds(probability: float, odds: float) -> float:
    """``probability`` after evidence that favours its label ``odds`` to 1 (Bayes)."""
    return probability * odds / (probability * odds + 1.0 - probability)


def addressed_alike(
    choice: Choice,
    hits: tuple[RuleHit, ...],
    found: Evidence,
    limits: ExampleLimits,
    settings: ClassifySettings,
    ruleset: RuleSet | None,
    minimum: Thresholds,
) -> Choice:
    """The department choice, or the model's best guess where no rule decided, the model
    was unsure, and the address names a unit like the names of that office alone: the
    address counts as ``classify.address_odds`` for it, and the model's probability so
    raised must reach the minimum confidence. That is the decision's confidence."""
    guess = choice.top
    if ruleset is None or choice.label is not None or guess in (None, UNROUTABLE):
        return choice
    if decided_by_rule(hits):
        return choice
    if found.familiarity is not None and found.familiarity < settings.min_familiarity:
        return choice
    if found.match is not None and found.match.label != guess and limits.decides(found.match):
        return choice
    names = {d.id: d.names for d in ruleset.departments}
    like = officenames.offices_like(found.recipient, ruleset.organisation, names)
    if set(like) != {guess}:
        return choice
    raised = with_odds(choice.confidence, settings.address_odds)
    reason = (
        f"{choice.reason}; the address names {like[guess]!r}, like a name of {guess}, "
        f"the model's best guess: p={choice.confidence:.2f} at odds of "
        f"{settings.address_odds:g} to 1 is {raised:.2f}"
    )
    needed = minimum.confidence_for(guess)
    if raised < needed:
        short = f"{reason}, below the minimum {needed:g}: review"
        return Choice(None, guess, choice.confidence, choice.margin, "none", short)
    return Choice(guess, guess, raised, choice.margin, "model", f"{reason} -> {guess}")


def decide_on(
    hits: tuple[RuleHit, ...],
    found: Evidence,
    model: DocumentClassifier | None,
    settings: ClassifySettings,
    ruleset: RuleSet | None = None,
) -> tuple[Choice, Choice]:
    """Department and document-type choice from rule hits and the model's evidence;
    with ``ruleset``, the office names of departments.yaml are heard too."""
    scores = found.scores
    minimum = thresholds(settings, model, "department")
    department = decide_facet("department", hits, scores.get("department"), minimum)
    if scores:
        department = unfamiliar(department, found.familiarity, settings.min_familiarity)
        limits = example_limits(settings, model)
        department = remembered(department, hits, found.match, limits)
        department = addressed(department, hits, found.recipient, model)
        department = addressed_elsewhere(department, found.recipient, model, ruleset)
        department = addressed_alike(department, hits, found, limits, settings, ruleset, minimum)
    doctype = decide_facet(
        "doctype", hits, scores.get("doctype"), thresholds(settings, model, "doctype")
    )
    return department, doctype


def decide_facets(
    document: Document,
    hits: tuple[RuleHit, ...],
    model: DocumentClassifier | None,
    settings: ClassifySettings,
    ruleset: RuleSet | None = None,
) -> tuple[Choice, Choice, dict[str, FacetScores]]:
    """Department choice, document-type choice and the model's scores (empty without model)."""
    found = evidence(document, model, settings)
    department, doctype = decide_on(hits, found, model, settings, ruleset)
    return department, doctype, found.scores


def decide(
    document: Document,
    hits: tuple[RuleHit, ...],
    model: DocumentClassifier | None,
    settings: ClassifySettings,
    ruleset: RuleSet | None = None,
) -> Decision:
    """Department and document type for ``document``, or department None for review."""
    department, doctype, scores = decide_facets(document, hits, model, settings, ruleset)
    trace = Trace(
        rule_hits=hits,
        department_scores=scores["department"].top() if "department" in scores else (),
        doctype_scores=scores["doctype"].top() if "doctype" in scores else (),
        min_confidence=thresholds(settings, model, "department").min_confidence,
        min_margin=settings.min_margin,
        reason=f"{department.reason}; {doctype.reason}",
    )
    return Decision(
        department=department.label,
        doctype=doctype.label,
        confidence=department.confidence,
        method=department.method,
        trace=trace,
        doctype_confidence=doctype.confidence,
    )
