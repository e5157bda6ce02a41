"""S201-S205 find pack phrasings with their own matcher (``medlint.matching.tokens``):
its hits must be exactly those of a plain spaCy Matcher run on every sentence of a block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.matcher import Matcher

from medlint import nlp
from medlint.analysis import Analysis
from medlint.checks.safety import patterns as safety_patterns
from medlint.config import Settings
from medlint.document import detect_format, parse_article
from medlint.matching import tokens

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
SECTIONS = [
    "stop-warning",
    "investigational",
    "clinician-given",
    "clinician-qualifier",
    "clinician-contact",
    "safe-objects",
    "missed-dose",
    "dose-change-phrases",
    "not-instruction",
    "serious-symptoms",
    "symptom-context",
    "medical-history",
    "emergency-guidance",
    "disclaimer",
    "suicide-mention",
    "suicide-not-person",
    "measured-outcome",
    "suicide-other-context",
    "crisis-resources",
    "suicide-discouraged",
]


def _fixture_texts() -> list[tuple[str, str]]:
    """Every safety fixture case, every example article and the seed-like texts below."""
    out = [
        (p.name, p.read_text("utf-8")) for p in sorted((ROOT / "fixtures" / "examples").iterdir())
    ]
    for path in sorted((ROOT / "fixtures" / "rules").glob("S20*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            ext = {"md": "md", "txt": "txt", "html": "html"}[case.get("format", "md")]
            out.append((f"{path.stem}-{case['name']}.{ext}", case["text"]))
    return out


def _reference(section: str) -> Any:
    matcher = Matcher(nlp.get_nlp().vocab)
    for label, patterns in safety_patterns.section_patterns(section).items():
        matcher.add(label, patterns)
    return matcher


def _compare(name: str, text: str, matchers: dict[str, Any]) -> int:
    article, _ = parse_article(name, text, detect_format(name), None)
    analysis = Analysis(article, Settings())
    n = 0
    for block in article.blocks:
        doc = article.doc(block)
        for section, matcher in matchers.items():
            want = []
            for sent in nlp.sentences(doc):
                for mid, s, e in matcher(sent):
                    want.append((sent.start + s, sent.start + e, nlp.label(mid)))
            want.sort(key=lambda h: (h[0], -h[1]))
            (sec,) = safety_patterns.sections(section)
            got = [(h.start, h.end, h.label) for h in tokens.hits(analysis, block, sec)]
            assert got == want, (name, block.index, section)
            n += len(got)
    return n


@pytest.fixture(scope="module")
def matchers() -> dict[str, Any]:
    return {s: _reference(s) for s in SECTIONS}


def test_every_section_is_compared(matchers: dict[str, Any]) -> None:
    pack = yaml.safe_load((ROOT / "rules" / "safety.yaml").read_text("utf-8"))
    pattern_sections = {
        k
        for k, v in pack.items()
        if isinstance(v, list) and k not in ("outcome-words", "uninflected")
    }
    assert pattern_sections == set(SECTIONS)


def test_hits_equal_spacy_matcher_on_fixtures(matchers: dict[str, Any]) -> None:
    total = sum(_compare(name, text, matchers) for name, text in _fixture_texts())
    assert total > 100  # the fixtures exercise the patterns, not only empty results


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_hits_equal_spacy_matcher_on_real_articles(matchers: dict[str, Any]) -> None:
    files = sorted(CORPUS.iterdir())[::3]  # a third of the corpus keeps the test quick
    total = 0
    for path in files:
        total += _compare(path.name, path.read_text("utf-8", "replace"), matchers)
    assert total > 100
