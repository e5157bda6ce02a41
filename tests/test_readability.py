"""Readability measures (medlint.analysis.readability), P601–P606 and their packs."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from medlint import packs
from medlint.analysis import Analysis, readability
from medlint.config import Settings
from medlint.document import parse_article
from medlint.document.model import Article
from tests.helpers import lint, make_linter

EASY = (
    "Gabapentin is a medicine for nerve pain. It can also help stop seizures. Most people "
    "take it two or three times a day. Your doctor will start with a small dose."
)


def article(text: str, name: str = "a.md") -> Article:
    return parse_article(name, text)[0]


def analysis(text: str) -> Analysis:
    return Analysis(article(text), Settings())


# -- syllables -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("medication", 4),
        ("gabapentin", 4),
        ("area", 3),
        ("every", 2),
        ("people", 2),
        ("little", 2),
        ("anxiety", 4),
        ("takes", 1),
        ("named", 1),
        ("doctor", 2),
        ("video", 3),
        ("safety", 2),
        ("FDA", 3),  # read letter by letter
        ("mg", 2),
        ("anti-inflammatory", 7),  # hyphenated: the parts' syllables
        ("don't", 1),
        ("300", 1),
    ],
)
def test_syllables_are_fixed(word: str, count: int) -> None:
    assert readability.syllables(word) == count


def test_syllables_never_below_one() -> None:
    for w in ["a", "I", "x", "hmm", "Mr", "ok"]:
        assert readability.syllables(w) >= 1
    assert readability.syllables("") == 0


# -- grades -------------------------------------------------------------------------


def test_grades_keys_values_and_formulas() -> None:
    g = readability.text_grades(EASY)
    for key in ("words", "sentences", "flesch_kincaid", "smog", "flesch_reading_ease"):
        assert key in g
    assert g["words"] == 31 and g["sentences"] == 4
    w, s, syl = g["words"], g["sentences"], g["syllables"]
    assert g["flesch_kincaid"] == round(0.39 * w / s + 11.8 * syl / w - 15.59, 2)
    assert g["flesch_reading_ease"] == round(206.835 - 1.015 * w / s - 84.6 * syl / w, 2)
    assert g["smog"] == round(1.043 * math.sqrt(g["polysyllables"] * 30 / s) + 3.1291, 2)
    # golden values: a change here changes every user's grades
    assert (g["syllables"], g["flesch_kincaid"], g["smog"]) == (40, 2.66, 7.17)


def test_grades_are_computed_once_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    an = analysis(f"# Title\n\n{EASY}\n")
    calls: list[int] = []
    real = readability._grades_of
    monkeypatch.setattr(readability, "_grades_of", lambda sums: calls.append(1) or real(sums))
    first = readability.grades(an)
    assert readability.grades(an) == first and calls == [1]  # the article's copy is reused
    first["words"] = -1  # the caller's copy does not touch the shared one
    assert readability.grades(an)["words"] != -1


def test_empty_article_has_zero_grades() -> None:
    g = readability.grades(analysis("# Only a title\n"))
    assert g["words"] == 0 and g["flesch_kincaid"] == 0.0


def test_prose_excludes_headings_fragments_tables_and_code() -> None:
    text = (
        "# Pharmacological considerations regarding anticonvulsants\n\n"
        "## Interindividual variability\n\n"
        "- Hypersensitivity reactions\n"
        "- A full sentence in a list counts.\n\n"
        "| Contraindications | Pharmacokinetics |\n| --- | --- |\n| Hepatotoxicity | Bioavailability |\n\n"
        "```\nunfathomable pharmacokinetic interindividual variability\n```\n\n"
        f"{EASY}\n"
    )
    a = article(text)
    kinds = {b.kind for b in readability.prose_blocks(a)}
    assert kinds <= {"paragraph", "list_item", "quote"}
    texts = [b.text for b in readability.prose_blocks(a)]
    assert "A full sentence in a list counts." in texts
    assert "Hypersensitivity reactions" not in texts
    assert readability.grades(Analysis(a, Settings()))["words"] == 31 + 7


def test_hardest_sentences_are_ranked_and_have_lines() -> None:
    text = (
        "# Title\n\nShort words help.\n\n"
        "Comprehensive interdisciplinary evaluation necessitates considerable organizational "
        "coordination.\n\nThis one is easy to read and short.\n"
    )
    hard = readability.hardest_sentences(analysis(text), 2)
    assert [s.line for s in hard] == [5, 7]


def test_formula_option_values_map_to_grades() -> None:
    g = readability.text_grades(EASY)
    for option, key in readability.FORMULAS.items():
        assert readability.grade(g, option) == g[key]
    assert readability.dale_chall_grade(4.0) == 4.0
    assert readability.dale_chall_grade(6.5) == 8.0
    assert readability.dale_chall_grade(12.0) == 16.0


def test_is_familiar_handles_inflections() -> None:
    assert readability.is_familiar("STOP")
    assert readability.is_familiar("stopped")
    assert not readability.is_familiar("NSAID")


# -- the rules on whole articles ------------------------------------------------------


def test_p601_message_names_both_grades_and_lines() -> None:
    hard = (
        "Pharmacological management of neuropathic pain frequently necessitates individualized "
        "titration of anticonvulsant medications, whose therapeutic effectiveness demonstrates "
        "considerable interindividual variability. "
    ) * 6
    findings = lint(f"# Nerve pain\n\n{hard}\n", select=["P601"])
    assert len(findings) == 1
    msg = findings[0].message
    assert "Flesch–Kincaid grade" in msg and "SMOG" in msg and "line 3" in msg
    assert findings[0].line == 1


def test_p601_options_are_validated() -> None:
    from medlint.config import ConfigError

    with pytest.raises(ConfigError):
        make_linter({"rules": {"P601": {"formula": "flesch"}}}, ["P601"])


def test_seed_article_reports_p601(shared_dir: Path) -> None:
    seed = shared_dir / "seed" / "gabapentin-involuntary-movements.txt"
    linter = make_linter(None, ["P601"], "2026-11-23")
    result = linter.lint_text(str(seed), seed.read_text(encoding="utf-8"))
    codes = [f.code for f in result.findings]
    assert codes == ["P601"]
    assert re.search(r"Flesch–Kincaid grade \d+\.\d \(SMOG \d+\.\d\)", result.findings[0].message)


def test_the_rules_never_look_inside_code() -> None:
    text = (
        "# Code\n\nA plain sentence.\n\n"
        "```\nNSAIDs with somnolence, a diabetic, 10 U QD, 1.0 mg, 10mg\n```\n\n"
        "Inline `NSAIDs 1.0 mg 10mg QD` is code too.\n"
    )
    found = lint(text, select=["P604", "P605", "P606", "M"])
    assert found == []


# -- packs ----------------------------------------------------------------------------


def _source_keys(pack_name: str) -> set[str]:
    head = (packs.packs_dir() / f"{pack_name}.yaml").read_text(encoding="utf-8").split("\n\n")[0]
    return set(re.findall(r"^#\s+([A-Z][A-Z-]+)\s{2,}", head, re.M))


def test_jargon_pack_has_150_sourced_terms() -> None:
    terms = packs.load("jargon")["terms"]
    assert len(terms) >= 150
    keys = _source_keys("jargon")
    assert {"CDC-PLT", "UMICH", "CDC-EW", "NALA"} <= keys
    seen: set[str] = set()
    for t in terms:
        assert t["plain"], t
        assert t["src"], t
        for s in t["src"]:
            assert s.rstrip("~") in keys, (t["term"], s)
        assert t["term"].lower() not in seen, t["term"]
        seen.add(t["term"].lower())


def test_stigma_pack_entries_have_preferred_form_and_source() -> None:
    entries = packs.load("stigma")["entries"]
    keys = _source_keys("stigma")
    for e in entries:
        re.compile(e["match"])
        assert e["preferred"] and e["src"], e
        assert set(e["src"]) <= keys, e


def test_abbreviation_allowlist_covers_everyday_ones() -> None:
    known = set(packs.load("abbreviations")["known"])
    assert {"US", "UK", "TV", "DNA", "HIV"} <= known


def test_user_pack_extends_the_jargon_pack(tmp_path: Path) -> None:
    from medlint import packs as packs_mod

    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: jargon\nterms:\n  - {term: borborygmi, plain: [stomach rumbling], src: [house]}\n",
        encoding="utf-8",
    )
    text = "# Gut\n\nLoud borborygmi after meals are normal.\n"
    try:
        found = lint(text, select=["P604"], config={"packs": [str(pack)]})
        assert [f.message.split("'")[1] for f in found] == ["borborygmi"]
    finally:
        packs_mod.set_extra_packs([])
    assert lint(text, select=["P604"]) == []
