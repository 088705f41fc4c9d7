"""The letter generator: determinism, realistic mix, ground truth consistency, OCR noise."""

from __future__ import annotations

import difflib
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from semantha.errors import SemanthaError
from semantha.tools.samplegen import corpus_org as org
from semantha.tools.samplegen.corpus import Mix, _Writer, generate_letters, ocr_noise, plain_text
from semantha.tools.samplegen.corpus_slots import LetterContext, Slots
from semantha.tools.samplegen.corpus_style import citizen_typos, first_person_plural, vary_wording
from semantha.tools.samplegen.corpus_topics import COVER_TOPICS, TOPICS, parse_topics
from semantha.tools.samplegen.spec import LetterSpec

AZ_SHAPE = re.compile(r"^(\d{2})[-./]\S+$")
SHIPPED_DEPARTMENTS = Path(__file__).resolve().parents[2] / "rules" / "departments.yaml"


@pytest.fixture(scope="module")
def letters() -> list[LetterSpec]:
    return generate_letters(seed=20251112, count=3000)


def test_same_seed_same_letters_and_other_seed_other_letters() -> None:
    first = generate_letters(seed=5, count=60)
    assert first == generate_letters(seed=5, count=60)
    other = generate_letters(seed=6, count=60)
    assert sum(a.body == b.body for a, b in zip(first, other, strict=True)) == 0


def test_generation_does_not_touch_global_random() -> None:
    random.seed(1)
    expected = random.random()
    random.seed(1)
    generate_letters(seed=3, count=20)
    assert random.random() == expected


def test_all_offices_doctypes_and_kinds_appear(letters: list[LetterSpec]) -> None:
    assert {spec.department for spec in letters} == {*org.OFFICE_IDS, ""}
    assert {spec.doctype for spec in letters} == set(org.DOCTYPES)
    kinds = Counter(spec.kind for spec in letters)
    expected = (
        "citizen",
        "company",
        "authority",
        "internal",
        "invoice",
        "court",
        "advert",
        "private",
    )
    assert set(kinds) == set(expected)


def test_every_office_gets_a_fair_share(letters: list[LetterSpec]) -> None:
    counts = Counter(spec.department for spec in letters)
    assert min(counts[office] for office in org.OFFICE_IDS) >= len(letters) * 0.02


def test_share_of_letters_naming_the_office(letters: list[LetterSpec]) -> None:
    share = sum(spec.names_office for spec in letters) / len(letters)
    assert 0.38 <= share <= 0.52


def test_unroutable_mail_is_about_five_percent_and_labelled_sonstiges(
    letters: list[LetterSpec],
) -> None:
    unroutable = [spec for spec in letters if not spec.department]
    assert 0.03 <= len(unroutable) / len(letters) <= 0.08
    assert {spec.doctype for spec in unroutable} == {"Sonstiges"}
    assert not any(spec.names_office or spec.aktenzeichen for spec in unroutable)
    assert {"advert", "private"} <= {spec.kind for spec in unroutable}


def test_doctype_follows_kind(letters: list[LetterSpec]) -> None:
    by_kind: dict[str, Counter[str]] = {}
    for spec in letters:
        by_kind.setdefault(spec.kind, Counter())[spec.doctype] += 1
    assert set(by_kind["invoice"]) == {"Rechnung"}
    assert set(by_kind["court"]) <= {"Gerichtsschreiben", "Sonstiges"}
    assert by_kind["court"]["Gerichtsschreiben"] > by_kind["court"]["Sonstiges"]
    assert set(by_kind["advert"]) == set(by_kind["private"]) == {"Sonstiges"}
    internal = by_kind["internal"]
    assert internal.most_common(1)[0][0] == "Hausmitteilung"


def test_aktenzeichen_starts_with_the_office_and_is_printed(letters: list[LetterSpec]) -> None:
    with_az = [spec for spec in letters if spec.aktenzeichen]
    assert 0.4 <= len(with_az) / len(letters) <= 0.6
    for spec in with_az:
        match = AZ_SHAPE.match(spec.aktenzeichen)
        assert match is not None, spec.aktenzeichen
        assert match.group(1) == spec.department
        assert spec.aktenzeichen in plain_text(spec)


def test_names_office_matches_the_address_block_or_routing_slip(
    letters: list[LetterSpec],
) -> None:
    for spec in letters:
        if not spec.department:
            continue
        office = org.OFFICE_BY_ID[spec.department]
        where = "\n".join(spec.recipient + spec.routing_slip[:1])
        named = any(alias in where for alias in office.aliases) or f"Amt {office.id}" in where
        named = named or f"{office.id} – {office.name}" in where
        assert named == spec.names_office, (spec.names_office, where)


def test_mentions_name_other_offices_only(letters: list[LetterSpec]) -> None:
    mentioned = [spec for spec in letters if spec.mentions]
    assert len(mentioned) >= len(letters) * 0.1
    for spec in mentioned:
        assert spec.department not in spec.mentions
        assert set(spec.mentions) <= set(org.OFFICE_IDS)


def test_internal_mail_has_routing_slip(letters: list[LetterSpec]) -> None:
    for spec in letters:
        if spec.kind == "internal":
            assert spec.routing_slip[0].startswith("An: ")
            assert any(line.startswith("Betreff: ") for line in spec.routing_slip)


def test_invoice_totals_add_up(letters: list[LetterSpec]) -> None:
    def euros(cell: str) -> float:
        return float(cell.removesuffix(" €").replace(".", "").replace(",", "."))

    invoices = [spec for spec in letters if spec.kind == "invoice"]
    assert invoices
    for spec in invoices:
        items = [row for row in spec.table[1:] if row[0]]
        net = euros(spec.table[-3][-1])
        assert abs(sum(euros(row[-1]) for row in items) - net) < 0.05 * len(items)
        assert abs(euros(spec.table[-1][-1]) - net * 1.19) < 0.05


def test_bodies_are_distinct_and_lengths_vary(letters: list[LetterSpec]) -> None:
    sample = letters[:2000]
    assert len({spec.body for spec in sample}) >= 0.95 * len(sample)
    sentences = [sum(p.count(". ") + 1 for p in spec.body) for spec in sample]
    assert min(sentences) <= 4 and max(sentences) >= 12
    long_letters = [spec for spec in sample if len(plain_text(spec)) > 2000]
    assert len(long_letters) >= 0.03 * len(sample)


def test_dates_lie_between_2024_and_2026_and_formats_vary(letters: list[LetterSpec]) -> None:
    assert all(date(2024, 1, 1) <= spec.letter_date <= date(2026, 12, 31) for spec in letters)
    assert any(spec.date_text.startswith("Musterstadt, den ") for spec in letters)
    assert any(re.search(r"\d\. [A-ZÄ][a-zä]+ 20\d\d", spec.date_text) for spec in letters)
    assert any(re.fullmatch(r"\d\d\.\d\d\.20\d\d", spec.date_text) for spec in letters)


def test_plain_text_shows_subject_recipient_and_body(letters: list[LetterSpec]) -> None:
    for spec in letters[:300]:
        text = plain_text(spec)
        assert spec.subject in text
        # internal mail is a printed form: the routing slip stands for the address block
        shown = spec.routing_slip if spec.kind == "internal" else spec.recipient
        assert shown and all(line in text for line in shown)
        assert all(paragraph in text for paragraph in spec.body)
        assert all(cell in text for row in spec.table for cell in row)
        assert not re.search(r"[{}\[\]<>]", text)


def test_company_forms_appear_across_offices(letters: list[LetterSpec]) -> None:
    offices = {spec.department for spec in letters if "GmbH" in plain_text(spec)}
    assert len(offices) >= 15


def test_every_template_of_every_topic_fills() -> None:
    rng = random.Random(0)
    ctx = LetterContext(date(2025, 3, 4), 1, "Erika Beispiel", True, "63", "50")
    phrasings = [variant for topic in TOPICS + COVER_TOPICS for variant in topic.variants]
    for variant in phrasings:
        mentions = tuple(sentence for _, sentence in variant.mentions)
        for template in (
            variant.subjects + variant.intros + variant.details + variant.asks + mentions
        ):
            for plural in (False, True):
                text = _Writer(rng, Slots(rng, ctx), plural, plural).fill(template)
                assert not re.search(r"[{}\[\]<>|]", text), text


def test_topic_table_errors_name_the_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_topics("\n== 99 | Antrag | citizen | Unknown office\n")


def test_numbered_lines_stay_within_their_variant() -> None:
    table = """
== 22 | Sonstiges | citizen | Hundesteuer
S1: Anmeldung eines Hundes
S2: Abmeldung eines Hundes
I1: hiermit melde ich meinen Hund an.
I2: hiermit melde ich meinen Hund ab.
D: Die Steuermarke liegt bei.
A: Vielen Dank.
"""
    (topic,) = parse_topics(table)
    assert [(v.subjects, v.intros) for v in topic.variants] == [
        (("Anmeldung eines Hundes",), ("hiermit melde ich meinen Hund an.",)),
        (("Abmeldung eines Hundes",), ("hiermit melde ich meinen Hund ab.",)),
    ]
    assert all(v.details == ("Die Steuermarke liegt bei.",) for v in topic.variants)
    with pytest.raises(ValueError, match="variant 2"):
        parse_topics(table.replace("I2: hiermit melde ich meinen Hund ab.\n", ""))


def test_custom_mix_changes_the_distribution() -> None:
    specs = generate_letters(seed=9, count=400, mix=Mix(unroutable_share=0.5, names_office_share=0))
    unroutable = sum(not spec.department for spec in specs) / len(specs)
    assert 0.4 <= unroutable <= 0.6
    # only memos (routing slip) and invoices to a specialist office still name it
    assert all(spec.kind in ("internal", "invoice") for spec in specs if spec.names_office)


def test_five_thousand_letters_take_seconds() -> None:
    # CPU time, not wall time: the test machine is shared
    start = time.process_time()
    generate_letters(seed=1, count=5000)
    assert time.process_time() - start < 6


def _changed_share(before: str, after: str) -> float:
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return 1 - kept / len(old)


def test_ocr_noise_changes_about_rate_of_tokens(letters: list[LetterSpec]) -> None:
    text = "\n\n".join(plain_text(spec) for spec in letters[:40])
    for rate in (0.05, 0.2):
        share = _changed_share(text, ocr_noise(text, random.Random(4), rate))
        assert rate * 0.6 <= share <= rate * 1.6, (rate, share)


def test_ocr_noise_is_deterministic_and_rate_zero_is_identity(letters: list[LetterSpec]) -> None:
    text = plain_text(letters[0])
    assert ocr_noise(text, random.Random(2), 0.0) == text
    assert ocr_noise(text, random.Random(2), 0.3) == ocr_noise(text, random.Random(2), 0.3)
    assert ocr_noise(text, random.Random(2), 0.3) != ocr_noise(text, random.Random(3), 0.3)


def test_ocr_noise_produces_typical_confusions() -> None:
    text = " ".join(["Grundsteuerbescheid", "Gemeinderat", "Müller", "Straße", "10.2025,"] * 200)
    noisy = ocr_noise(text, random.Random(1), 0.5)
    for damaged in ("Miiller", "StraBe", "Grundsteuer-"):
        assert damaged in noisy


def test_street_names_take_the_right_preposition(letters: list[LetterSpec]) -> None:
    wrong = re.compile(r"\bin der (Am|Im|Zum|Hinterm|\w+weg|\w+ring|Marktplatz)\b")
    assert not [spec.subject for spec in letters if wrong.search(plain_text(spec))]


def test_senders_fit_the_matter(letters: list[LetterSpec]) -> None:
    insurance = [spec for spec in letters if spec.subject.startswith("Haftpflichtschaden vom")]
    assert insurance
    insurers = ("versicherung", "schadenausgleich")
    assert all(any(word in spec.sender[0].lower() for word in insurers) for spec in insurance)


def test_every_office_has_many_topics_and_phrasings() -> None:
    per_office = Counter(topic.office for topic in TOPICS)
    assert all(per_office[office] >= 10 for office in org.OFFICE_IDS)
    intros: Counter[str] = Counter()
    for topic in TOPICS:
        intros[topic.office] += sum(len(variant.intros) for variant in topic.variants)
    assert all(intros[office] >= 20 for office in org.OFFICE_IDS)


def test_cover_letters_still_show_where_they_belong() -> None:
    specs = generate_letters(seed=12, count=1500, mix=Mix(cover_share=1.0, unroutable_share=0.0))
    for spec in specs:
        text = plain_text(spec)
        matters = org.OFFICE_BY_ID[spec.department].matters
        shown = spec.names_office or spec.aktenzeichen or any(m in text for m in matters)
        assert shown, text


def test_invoices_not_addressed_to_an_office_belong_to_the_kaemmerei(
    letters: list[LetterSpec],
) -> None:
    invoices = [spec for spec in letters if spec.kind == "invoice"]
    assert {spec.department for spec in invoices if not spec.names_office} == {"20"}
    assert len({spec.department for spec in invoices}) >= 5


def test_wording_varies_between_letters_of_one_template() -> None:
    sentence = "Vielen Dank, die Unterlagen liegen bei und ich bitte um umgehende Rückmeldung."
    variants = {vary_wording(sentence, random.Random(seed), share=0.5) for seed in range(40)}
    assert len(variants) >= 5
    assert sentence in variants
    assert all(v.endswith(".") and "Unterlagen" in v for v in variants)


def test_citizens_make_the_usual_spelling_mistakes(letters: list[LetterSpec]) -> None:
    body = ("Hiermit lege ich Widerspruch ein, seit dem 3.4.2025 warte ich.",)
    damaged = {citizen_typos(body, random.Random(seed))[0] for seed in range(20)}
    assert any("Wiederspruch" in text or "seid dem" in text for text in damaged)
    widersprueche = [s for s in letters if s.kind == "citizen" and s.doctype == "Widerspruch"]
    assert any("Wiederspruch" in " ".join(s.body) for s in widersprueche)
    assert sum("Wiederspruch" in " ".join(s.body) for s in widersprueche) < len(widersprueche) / 2


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("hiermit lege ich Widerspruch ein.", "hiermit legen wir Widerspruch ein."),
        ("Ich befand mich in Köln.", "Wir befanden uns in Köln."),
        (
            "Bitte teilen Sie mir mit, ob mein Antrag vollständig ist.",
            "Bitte teilen Sie uns mit, ob unser Antrag vollständig ist.",
        ),
        ("Für Rückfragen bin ich erreichbar.", "Für Rückfragen sind wir erreichbar."),
        ("Meinhardt und Meiners bleiben.", "Meinhardt und Meiners bleiben."),
    ],
)
def test_organisations_write_in_the_first_person_plural(singular: str, plural: str) -> None:
    assert first_person_plural(singular) == plural


def test_companies_do_not_write_ich(letters: list[LetterSpec]) -> None:
    companies = [spec for spec in letters if spec.kind in ("company", "invoice", "authority")]
    assert not [s.body for s in companies if re.search(r"\b(ich|mein|meine)\b", " ".join(s.body))]


def test_copies_to_a_third_office_are_mentions(letters: list[LetterSpec]) -> None:
    copies = [
        (spec, line)
        for spec in letters
        for line in spec.routing_slip
        if line.startswith(("Kopie an:", "Nachrichtlich:", "Verteiler:", "Zur Kenntnis:"))
    ]
    assert copies
    for spec, line in copies:
        named = [o.id for o in org.OFFICES if o.name in line or any(a in line for a in o.aliases)]
        assert named and spec.department not in named
        assert set(named) & set(spec.mentions)


def test_same_letters_in_another_process_with_other_hash_seed() -> None:
    script = (
        "import hashlib\n"
        "from semantha.tools.samplegen.corpus import generate_letters, plain_text\n"
        "texts = ''.join(plain_text(s) + repr(s) for s in generate_letters(77, 300))\n"
        "print(hashlib.sha256(texts.encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_invalid_counts_shares_and_rates_are_refused_with_a_hint() -> None:
    with pytest.raises(SemanthaError, match="between 0 and 1"):
        Mix(unroutable_share=1.5)
    with pytest.raises(SemanthaError, match="0 or more"):
        generate_letters(seed=1, count=-1)
    with pytest.raises(SemanthaError, match="between 0 and 1"):
        ocr_noise("Antrag", random.Random(1), 2.0)
    assert generate_letters(seed=1, count=0) == []


# The generator keeps its own copy of Stadt Musterstadt's offices so that it never depends
# on a rules folder; the shipped rules describe the same city, and these tests keep the two
# in step.


def _shipped_departments() -> Any:
    return yaml.safe_load(SHIPPED_DEPARTMENTS.read_text(encoding="utf-8"))


def test_offices_and_doctypes_are_those_of_the_shipped_rules() -> None:
    shipped = _shipped_departments()
    departments = {str(d["id"]): d["name"] for d in shipped["departments"]}
    assert departments == {office.id: office.name for office in org.OFFICES}
    assert set(shipped["doctypes"]) == set(org.DOCTYPES)


def test_every_office_name_on_a_letter_is_one_the_shipped_rules_know() -> None:
    departments = _shipped_departments()["departments"]
    terms = {str(d["id"]): [d["name"], *d.get("aliases", ())] for d in departments}

    def named(text: str) -> set[str]:
        return {
            office
            for office, words in terms.items()
            for word in words
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        }

    wrong = {
        (office.id, alias, tuple(sorted(named(alias))))
        for office in org.OFFICES
        for alias in office.aliases
        if named(alias) != {office.id}
    }
    assert not wrong
