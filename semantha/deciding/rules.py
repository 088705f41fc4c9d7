"""The matching engine: runs the classification rules of classes.yaml on one document.

Each rule looks in one or more regions (whole text, first page, header, subject, a
field, the file name, the source folder) for evidence (any/all words, a phrase, a
regex, fuzzy terms tolerant of OCR errors, or the name of any office) and votes for
a department and/or doctype with its weight. Every hit says why, in words a person
understands. Regexes run with a timeout: a pattern that backtracks for too long is
reported (event "rules.regex_timeout") and counts as no match.

Priority: when the rules of some priority (with those above it) decide a facet
(summed weight >= ``DECIDING_WEIGHT``), lower-priority votes for other labels, and
against the decided one, stay in the trace with weight 0, so a routing slip naming
Amt 63 is not put in conflict by weaker rules. A negative weight is a vote against a
label; summed to -``DECIDING_WEIGHT`` or less it rules the label out (a memo's sender),
and lower-priority votes for it stay in the trace with weight 0.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

import regex
import structlog
from rapidfuzz import fuzz, process

from semantha.ocrtext import DIGIT_OR_LOOKALIKE, TO_DIGIT
from semantha.records import Document, RuleHit, frozen_map
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.schema import (
    DECIDING_WEIGHT,
    MIN_FUZZY_LENGTH,
    OFFICE_GROUP,
    REGIONS,
    ClassRule,
)
from semantha.rulefiles.templates import render_template

log = structlog.get_logger(__name__)

HEADER_SHARE = 0.4
"""The header region is the top 40 % of the first page (address block, routing slip)."""
HEADER_MAX_LINES = 25
SUBJECT_LINE = regex.compile(r"^\s*(?:Betreff|Betr\.|Bezug|Gegenstand)\b", regex.IGNORECASE)
TOKEN = regex.compile(r"\w+(?:[-./]\w+)*")
OCR_DIGITS = regex.compile(rf"(?<!\w)(?={DIGIT_OR_LOOKALIKE}*\d){DIGIT_OR_LOOKALIKE}{{2,3}}(?!\w)")
AMT_NUMBER = regex.compile(r"\bA(?:m|rn|n|nn)t\W{0,4}(?=\d)")
UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})

FIELD_WORDS: Mapping[str, str] = {
    "recipient": "address block",
    "office_number": "office number",
    "aktenzeichen": "Aktenzeichen",
    "city_reference": "the city's reference",
    "memo_sender": "the memo's sender",
    "subject": "subject",
    "date": "date",
}


@dataclass(frozen=True)
class Evidence:
    """What one rule found: the text, the fuzzy score (None = exact) and named groups."""

    region: str
    found: str
    score: float | None = None
    term: str = ""
    groups: Mapping[str, str] = field(default_factory=frozen_map)
    label: str = ""  # set by office_name and file_number: the department it found
    note: str = ""  # what the evidence means, when the found text does not say it

    def reason(self) -> str:
        where = region_words(self.region)
        text = f"{where} contains '{_short(self.found)}'"
        if self.score is not None:
            text = f"{text} ≈ '{self.term}' (fuzzy {self.score:.0f})"
        return f"{text} ({self.note})" if self.note else text


def region_words(region: str) -> str:
    if region.startswith("field:"):
        name = region.removeprefix("field:")
        return FIELD_WORDS.get(name, f"field '{name}'")
    return REGIONS[region]


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Regions:
    """The texts a rule can look at, computed once per document when first needed."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._cache: dict[str, str] = {}

    def text(self, region: str) -> str:
        if region not in self._cache:
            self._cache[region] = self._compute(region)
        return self._cache[region]

    def _compute(self, region: str) -> str:
        doc = self.document
        if region.startswith("field:"):
            return doc.fields.get(region.removeprefix("field:"), "")
        pages = doc.content_pages
        compute: dict[str, Callable[[], str]] = {
            "text": lambda: doc.text,
            "first_page": lambda: pages[0].text if pages else "",
            "header": lambda: header_text(doc),
            "subject": lambda: doc.fields.get("subject", ""),
            "filename": lambda: doc.source.name,
            "source": lambda: doc.source_folder,
        }
        return compute[region]()


def header_text(document: Document) -> str:
    """Address block / routing slip region: top of page 1 by word boxes, else its first lines."""
    pages = document.content_pages
    if not pages:
        return ""
    page = pages[0]
    height = page.size[1]
    if page.words and height > 0:
        limit = height * HEADER_SHARE
        lines: list[list[str]] = []
        last_top = -1.0
        for word in page.words:
            _, top, _, word_height = word.box
            if top >= limit:
                continue
            if not lines or abs(top - last_top) > max(word_height, 1) * 0.6:
                lines.append([])
            lines[-1].append(word.text)
            last_top = top
        return "\n".join(" ".join(line) for line in lines)
    subject = document.fields.get("subject", "").strip()
    head: list[str] = []
    for line in page.text.splitlines()[:HEADER_MAX_LINES]:
        if SUBJECT_LINE.match(line) or (subject and subject in line):
            break
        head.append(line)
    return "\n".join(head)


# --------------------------------------------------------------------------- matching


def _search(
    pattern: regex.Pattern[str], text: str, rule: ClassRule, doc_id: str, at_start: bool = False
) -> regex.Match[str] | None:
    """``pattern`` in ``text`` (or only at its start), None also when it runs out of time."""
    find = pattern.match if at_start else pattern.search
    try:
        return find(text, timeout=rule.timeout_ms / 1000)
    except TimeoutError:
        log.warning(
            "rules.regex_timeout",
            rule_id=rule.id,
            doc_id=doc_id[:12],
            timeout_ms=rule.timeout_ms,
            hint="simplify the regex (avoid nested repetition such as (a+)+)",
        )
        return None


def _windows(text: str, sizes: tuple[int, ...]) -> Iterator[tuple[str, int, int]]:
    """Runs of ``size`` consecutive tokens with their character span."""
    tokens = list(TOKEN.finditer(text))
    for size in sizes:
        for i in range(len(tokens) - size + 1):
            first, last = tokens[i], tokens[i + size - 1]
            yield " ".join(t.group() for t in tokens[i : i + size]), first.start(), last.end()


@functools.lru_cache(maxsize=4096)
def fuzzy_allowed(term: str) -> bool:
    """Numbers are never guessed; short terms are too many OCR errors from other words."""
    return len(term) >= MIN_FUZZY_LENGTH and not any(c.isdigit() for c in term)


@dataclass(frozen=True)
class TermMatch:
    """A label's term found in a text at ``start:end``: exactly (score None) or fuzzily."""

    label: str
    term: str
    found: str
    start: int
    end: int
    score: float | None


def _fold_case_sensitive(text: str) -> str:
    # OCR often reads "rn" for "m" and loses umlauts: such spellings count as the same
    return text.replace("rn", "m").translate(UMLAUTS)


def _fold(text: str) -> str:
    return _fold_case_sensitive(text.casefold())


class _Windows:
    """Runs of n tokens of one text, built once per size, with their folded spelling."""

    def __init__(self, text: str, case_sensitive: bool) -> None:
        self.text = text
        self.fold: Callable[[str], str] = _fold_case_sensitive if case_sensitive else _fold
        self._spans: dict[int, list[tuple[str, int, int]]] = {}
        self._folded: dict[int, list[str]] = {}

    def of_size(self, size: int) -> tuple[list[tuple[str, int, int]], list[str]]:
        if size not in self._spans:
            self._spans[size] = list(_windows(self.text, (size,)))
            self._folded[size] = [self.fold(w[0]) for w in self._spans[size]]
        return self._spans[size], self._folded[size]


def fuzzy_matches(
    text: str, terms: Mapping[str, tuple[str, ...]], min_score: float, case_sensitive: bool
) -> list[TermMatch]:
    """Fuzzy occurrences of each label's terms."""
    windows = _Windows(text, case_sensitive)
    found: list[TermMatch] = []
    for label, label_terms in terms.items():
        for term in filter(fuzzy_allowed, label_terms):
            size = len(term.split())
            # one more token than the term: OCR may split a word ("Bau rechtsamt")
            for spans, folded in (windows.of_size(size), windows.of_size(size + 1)):
                scored = process.extract(
                    windows.fold(term),
                    folded,
                    scorer=fuzz.ratio,
                    score_cutoff=min_score,
                    limit=None,
                )
                for _, score, index in scored:
                    window, start, end = spans[index]
                    found.append(TermMatch(label, term, window, start, end, score))
    return found


def _best_without_overlap(matches: list[TermMatch]) -> list[TermMatch]:
    """Keep the best match for every stretch of text (exact beats fuzzy, longer wins)."""
    ranked = sorted(
        matches,
        key=lambda c: (c.score is None, c.score or 0, c.end - c.start),
        reverse=True,
    )
    kept: list[TermMatch] = []
    for match in ranked:
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return kept


def ocr_repaired(text: str) -> str:
    """Office numbers as OCR damages them: "Amt 6l" -> "Amt 61", "Arnt50" -> "Amt 50"."""
    text = OCR_DIGITS.sub(lambda m: m.group().translate(TO_DIGIT), text)
    return str(AMT_NUMBER.sub("Amt ", text))


def _office_names(rule: ClassRule, region: str, text: str, ruleset: RuleSet) -> list[Evidence]:
    text = ocr_repaired(text)
    matches = [
        TermMatch(dep.id, m.group(), m.group(), m.start(), m.end(), None)
        for dep in ruleset.departments
        for m in ruleset.office_patterns[dep.id].finditer(text)
    ]
    names = {dep.id: dep.names for dep in ruleset.departments}
    matches += fuzzy_matches(text, names, rule.min_score, rule.case_sensitive)
    best: dict[str, TermMatch] = {}
    for match in _best_without_overlap(matches):
        current = best.get(match.label)
        if current is None or (current.score or 100) < (match.score or 100):
            best[match.label] = match
    return [
        Evidence(region, c.found, c.score, c.term, label=c.label)
        for c in sorted(best.values(), key=lambda c: c.start)
    ]


def _file_number(
    rule: ClassRule, region: str, text: str, ruleset: RuleSet, doc_id: str
) -> list[Evidence]:
    """The office a file number of the organisation (departments.yaml) begins with."""
    if ruleset.file_number is None:
        return []
    reference = text.strip()
    match = _search(ruleset.file_number, reference, rule, doc_id, at_start=True)
    office = match.group(OFFICE_GROUP) if match else None
    if not office:
        return []
    return [Evidence(region, reference, label=office, note=f"a file number of office {office}")]


def _fuzzy(rule: ClassRule, region: str, text: str, ruleset: RuleSet) -> list[Evidence]:
    for pattern in ruleset.rule_patterns(rule):
        match = pattern.search(text)
        if match:
            return [Evidence(region, match.group())]
    terms = {"": tuple(rule.fuzzy or ())}
    matches = fuzzy_matches(text, terms, rule.min_score, rule.case_sensitive)
    if not matches:
        return []
    best = max(matches, key=lambda c: c.score or 0)
    return [Evidence(region, best.found, best.score, best.term)]


def _patterns(
    rule: ClassRule, region: str, text: str, ruleset: RuleSet, doc_id: str
) -> list[Evidence]:
    found: list[str] = []
    groups: dict[str, str] = {}
    for pattern in ruleset.rule_patterns(rule):
        match = _search(pattern, text, rule, doc_id)
        if match is None:
            return []  # every pattern must match ("all"); the others have one pattern
        found.append(match.group())
        groups.update({k: v for k, v in match.groupdict().items() if v is not None})
    return [Evidence(region, "', '".join(found), groups=frozen_map(groups))]


def find(rule: ClassRule, regions: Regions, ruleset: RuleSet) -> list[Evidence]:
    """Evidence for ``rule`` in the first of its regions that has any."""
    doc_id = regions.document.id
    for region in rule.in_:
        text = regions.text(region)
        if not text.strip():
            continue
        if rule.office_name:
            evidence = _office_names(rule, region, text, ruleset)
        elif rule.file_number:
            evidence = _file_number(rule, region, text, ruleset, doc_id)
        elif rule.fuzzy is not None:
            evidence = _fuzzy(rule, region, text, ruleset)
        else:
            evidence = _patterns(rule, region, text, ruleset, doc_id)
        if evidence:
            return evidence
    return []


# --------------------------------------------------------------------------- hits


@dataclass(frozen=True)
class _Ranked:
    priority: int
    hit: RuleHit


def _hits(rule: ClassRule, evidence: Evidence, ruleset: RuleSet) -> list[RuleHit]:
    fields = {k: render_template(v, evidence.groups) for k, v in rule.fields.items()}
    fields = {**evidence.groups, **fields}
    hits = []
    department = evidence.label or (
        render_template(rule.department, evidence.groups) if rule.department else None
    )
    if department is not None:
        if department in ruleset.department_ids:
            hits.append(
                RuleHit(
                    rule.id,
                    "department",
                    department,
                    rule.weight,
                    evidence.reason(),
                    frozen_map(fields),
                )
            )
        else:
            log.debug("rules.unknown_label", rule_id=rule.id, facet="department")
    if rule.doctype is not None:
        doctype = render_template(rule.doctype, evidence.groups)
        if doctype and (not ruleset.doctypes or doctype in ruleset.doctypes):
            hits.append(
                RuleHit(
                    rule.id, "doctype", doctype, rule.weight, evidence.reason(), frozen_map(fields)
                )
            )
    return hits


Settled = tuple[int, set[str]] | None
"""The priority that settled some labels of a facet, and those labels (None: none settled)."""


def _settled_level(ranked: list[_Ranked], facet: str, settles: Callable[[float], bool]) -> Settled:
    """The highest priority at which the summed votes (that priority and above) settle
    some label of ``facet``, and those labels."""
    levels = sorted({r.priority for r in ranked if r.hit.facet == facet}, reverse=True)
    for level in levels:
        totals: dict[str, float] = {}
        for r in ranked:
            if r.hit.facet == facet and r.priority >= level:
                totals[r.hit.label] = totals.get(r.hit.label, 0.0) + r.hit.weight
        labels = {label for label, total in totals.items() if settles(total)}
        if labels:
            return level, labels
    return None


def _decides(total: float) -> bool:
    return total >= DECIDING_WEIGHT


def _rules_out(total: float) -> bool:
    return total <= -DECIDING_WEIGHT


def _outranked(ranked: list[_Ranked]) -> tuple[RuleHit, ...]:
    """Zero lower-priority votes that a higher priority settled otherwise: votes for other
    labels than the one it decided and against that one, and votes for a label it ruled out."""
    facets = ("department", "doctype")
    decided = {facet: _settled_level(ranked, facet, _decides) for facet in facets}
    ruled_out = {facet: _settled_level(ranked, facet, _rules_out) for facet in facets}
    result = []
    for item in ranked:
        hit = item.hit
        why = _overruled_by(item, decided[hit.facet], ruled_out[hit.facet])
        if why:
            hit = replace(hit, weight=0.0, reason=f"{hit.reason} (outranked: {why})")
        result.append(hit)
    return tuple(result)


def _overruled_by(item: _Ranked, decided: Settled, ruled_out: Settled) -> str:
    hit = item.hit
    if decided is not None and item.priority < decided[0]:
        level, labels = decided
        if hit.label not in labels or hit.weight < 0:
            return f"priority {level} chose {', '.join(sorted(labels))}"
    if ruled_out is not None and item.priority < ruled_out[0]:
        level, labels = ruled_out
        if hit.label in labels and hit.weight > 0:
            return f"priority {level} ruled out {hit.label}"
    return ""


def evaluate(document: Document, ruleset: RuleSet) -> tuple[RuleHit, ...]:
    """Every hit of the voting rules, highest priority first, each with its reason."""
    regions = Regions(document)
    ranked: list[_Ranked] = []
    ordered = sorted(ruleset.rules, key=lambda r: -r.priority)
    for rule in ordered:
        if not rule.votes:
            continue
        for evidence in find(rule, regions, ruleset):
            ranked += [_Ranked(rule.priority, hit) for hit in _hits(rule, evidence, ruleset)]
    sheet = _separator_hit(document, ruleset)
    if sheet is not None:
        # A clerk sorted the stack by hand: above every rule of the administrators.
        top = max((rule.priority for rule in ordered), default=0) + 1
        ranked.insert(0, _Ranked(top, sheet))
    return _outranked(ranked)


SEPARATOR_RULE = "separator-sheet"


def _separator_hit(document: Document, ruleset: RuleSet) -> RuleHit | None:
    """The office a separator sheet before the document named (``SEMANTHA:DEPT=63``)."""
    stack = document.stack
    if stack is None or stack.department is None:
        return None
    if stack.department not in ruleset.department_ids:
        log.warning("rules.unknown_separator_office", department=stack.department)
        return None
    reason = (
        f"Trennblatt für Amt {stack.department} vor den Seiten {stack.first}-{stack.last}"
        f" des Stapels {stack.stack_sha256[:12]} (vorsortiert)"
    )
    return RuleHit(SEPARATOR_RULE, "department", stack.department, DECIDING_WEIGHT, reason)


def rule_fields(document: Document, ruleset: RuleSet) -> Mapping[str, str]:
    """Fields set by the rules that only set fields (regex groups and ``fields:``)."""
    regions = Regions(document)
    fields: dict[str, str] = {}
    for rule in ruleset.rules:
        if rule.votes:
            continue
        for evidence in find(rule, regions, ruleset):
            fields.update(evidence.groups)
            fields.update({k: render_template(v, evidence.groups) for k, v in rule.fields.items()})
    return frozen_map(fields)
