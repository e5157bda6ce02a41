"""The news helpers (medlint/checks/news): relative changes, absolute figures, causal claims."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medlint.checks.news.causation import causal_claims
from medlint.checks.news.effects import effect_patterns, has_absolute, relative_changes

SENTENCES = [
    "Statins cut the risk of dying from heart disease by 28% among men.",
    "Women on the pill were 30 percent less likely to have a stroke.",
    "The jab halved the number of heart attacks.",
    "Night-shift nurses were twice as likely to develop diabetes.",
    "Smokers had a three-fold higher risk of the disease.",
    "The drug could cut dementia cases in half.",
    "Deaths dropped by a third in the treated group.",
    "The drug lowered blood sugar by 15 per cent.",
    "Blood pressure fell in 12 of the 40 patients.",
    "The trial ran for 3 years in 14 countries.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_prefilter_passes_every_sentence_a_pattern_matches(text: str) -> None:
    """relative_changes' literal pre-filter never hides a match of the patterns."""
    direct = [m for rx in effect_patterns().relative for m in rx.finditer(text)]
    if direct:
        assert relative_changes(text) or effect_patterns().trend.search(text)


CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "articles"


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared corpus absent")
def test_prefilter_equivalence_on_corpus_sentences() -> None:
    pats = effect_patterns()
    for path in sorted(CORPUS.glob("0*.txt"))[:95]:
        for text in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")):
            if pats.trend.search(text):
                continue
            direct = any(rx.search(text) for rx in pats.relative)
            if direct and not relative_changes(text):
                # only a denied change may be dropped
                assert pats.negator.search(text), text


def test_relative_changes_find_the_words() -> None:
    text = "Statins cut the risk of dying from heart disease by 28% among men."
    (a, b), *_ = relative_changes(text)
    assert text[a:b] == "cut the risk of dying from heart disease by 28%"
    assert relative_changes("Deaths from measles have halved since 2010.") == []
    assert relative_changes("The pills did not reduce the risk of fractures by 20%.") == []
    assert relative_changes("The drug lowered blood sugar by 15%.") == []


@pytest.mark.parametrize(
    ("text", "absolute"),
    [
        ("The risk fell from 4% to 3%.", True),
        ("Strokes: 4% vs 2.4%.", True),
        ("About 2 in 100 people had one.", True),
        ("12 of the 400 patients had a stroke.", True),
        ("The difference was 1.5 percentage points.", True),
        ("12 babies in the folic acid group had it, against 20 babies in the other.", True),
        ("A 27% reduced risk of heart disease, and a 28% reduced risk of death.", False),
        ("The risk was 28% lower than with placebo.", False),
    ],
)
def test_absolute_figures(text: str, absolute: bool) -> None:
    assert has_absolute(text) is absolute


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Tea prevents memory loss.", "prevents"),
        ("Walking cuts the risk of a broken hip.", "cuts the risk"),
        ("Tea may protect against memory loss.", None),
        ("People who drank tea had a 12% lower risk of memory loss.", None),
        ("Tea was associated with increased memory scores.", None),
        ("The study cannot prove that tea prevents memory loss.", None),
        ("Does tea prevent memory loss?", None),
        ("A vaccine that protects against meningitis was used.", None),
    ],
)
def test_causal_claims(text: str, claim: str | None) -> None:
    got = causal_claims(text)
    assert (text[got[0][0] : got[0][1]] if got else None) == claim
    if claim is None and "may" in text:
        assert causal_claims(text, hedged=True)


def test_manifest_is_not_read_by_medlint() -> None:
    """The shared corpus manifest scores medlint; no module of medlint reads it."""
    root = Path(__file__).resolve().parents[1] / "medlint"
    assert not [p for p in root.rglob("*.py") if "manifest.json" in p.read_text(encoding="utf-8")]
