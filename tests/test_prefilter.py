"""The literal pre-filters (medlint.matching.prefilter) against what ``re`` does.

``needles`` and ``lower_variant`` read a pattern through ``regex_syntax`` (medlint's parser
of the documented regex syntax).  For every pattern medlint compiles at module level and
every pattern the pre-filters were asked about while linting the fixtures, on the fixture
texts and the ../shared corpus: each match contains one of the needles, and the
lower-case variant finds the spans the pattern finds.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

import pytest
import yaml

import medlint
from medlint.matching import prefilter
from medlint.matching.prefilter import lower_variant, lowering_is_exact, may_match, needles
from medlint.matching.regex_syntax import Unsupported, parse
from tests.conftest import ROOT, SHARED
from tests.helpers import make_linter


def _module_patterns() -> set[re.Pattern[str]]:
    found: set[re.Pattern[str]] = set()
    for info in pkgutil.walk_packages(medlint.__path__, "medlint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            items = value.values() if isinstance(value, dict) else value
            if isinstance(value, re.Pattern):
                items = [value]
            elif not isinstance(value, (list, tuple, dict, set, frozenset)):
                continue
            found.update(
                x for x in items if isinstance(x, re.Pattern) and isinstance(x.pattern, str)
            )
    return found


CORPUS_STEP = 8  # every 8th corpus article: the whole corpus takes 20 s


@cache
def _texts() -> tuple[str, ...]:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "examples").glob("*"))
    ]
    for path in sorted((ROOT / "fixtures" / "rules").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts.extend(case["text"] for case in doc.get("cases") or [])
    corpus = SHARED / "corpus" / "articles"
    if corpus.is_dir():
        texts.extend(
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(corpus.glob("*"))[::CORPUS_STEP]
        )
    return tuple(texts)


@cache
def _patterns() -> list[re.Pattern[str]]:
    linter = make_linter(None, None)
    for text in _texts()[:12]:  # fills the pre-filter caches with the patterns rules use
        linter.lint_text("case.md", text)
    keys = set(prefilter._NEEDLES) | set(prefilter._LOWER_VARIANTS)
    pats = {re.compile(p, f) for p, f in keys} | _module_patterns()
    return sorted(pats, key=lambda rx: (rx.pattern, rx.flags))


def test_every_match_contains_a_needle() -> None:
    wrong: list[str] = []
    checked = 0
    for rx in _patterns():
        found = needles(rx)
        if found is None:
            continue
        checked += 1
        for text in _texts():
            for m in rx.finditer(text):
                if m.group() and not any(n in m.group().lower() for n in found):
                    wrong.append(
                        f"{rx.pattern[:60]!r}: {m.group()!r} holds none of {sorted(found)}"
                    )
            if not may_match(rx, text) and rx.search(text):
                wrong.append(f"{rx.pattern[:60]!r}: may_match says no but it matches")
    assert checked > 20
    assert not wrong, "\n".join(wrong[:20])


def test_lower_variant_finds_the_same_spans() -> None:
    wrong: list[str] = []
    checked = 0
    for rx in _patterns():
        variant = lower_variant(rx)
        if variant is None:
            continue
        checked += 1
        for text in _texts():
            low = text.lower()
            if not lowering_is_exact(text, low):
                continue
            if [m.span() for m in variant.finditer(low)] != [m.span() for m in rx.finditer(text)]:
                wrong.append(rx.pattern[:80])
                break
    assert checked >= 3
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("pattern", "flags", "want"),
    [
        (r"\bet al\b", 0, {"et al"}),
        (r"(?i)\b(?:book|booking)\s+a\s+visit", 0, {"visit"}),
        (r"\((?:ref\.?|refs\.?|reference)\s*\d", 0, {"(ref"}),
        (r"[Mm]ore|caption", 0, {"ore", "caption"}),
        (r"\d+\s*mg", 0, {"mg"}),
        (r"(?:foo)?\d+", 0, None),
        (r"a|\d", 0, None),
        (r"(\w)\1", 0, None),  # back-reference: outside the parsed subset
        ("\n  next \\s+ review  # a comment\n", re.X, {"review"}),
    ],
)
def test_needles(pattern: str, flags: int, want: set[str] | None) -> None:
    got = needles(re.compile(pattern, flags))
    assert (set(got) if got is not None else None) == want


@pytest.mark.parametrize(
    ("pattern", "safe"),
    [
        (r"(?i)\bsponsored by\b", True),
        (r"(?i)[a-z]+ed\b", True),
        (r"(?i)Read more", False),
        (r"(?i)[A-Z]", False),
        (r"(?i)[^a]", False),
        (r"(?i)(?P<n>x)", False),
        (r"(?i)\bx(?=y)(?<!z)", True),
    ],
)
def test_lower_variant_only_when_safe(pattern: str, safe: bool) -> None:
    assert (lower_variant(re.compile(pattern)) is not None) is safe


@pytest.mark.parametrize("pattern", [r"(\w)\1", r"(?(1)a|b)", r"\N{BULLET}", r"[\041]", r"a(?i)b"])
def test_unsupported_syntax_is_refused(pattern: str) -> None:
    with pytest.raises(Unsupported):
        parse(pattern)


def test_no_private_re_internals() -> None:
    private = re.compile(
        r"^\s*(?:from\s+re\s+import\s+_|import\s+re\._|from\s+re\._|import\s+sre_|from\s+sre_)",
        re.M,
    )
    hits = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "medlint").rglob("*.py")
        if private.search(p.read_text(encoding="utf-8"))
    ]
    assert not hits, hits


def test_needle_positions_match_may_match() -> None:
    rx = re.compile(r"(?i)\bsponsored by\b")
    texts = ["Hello.", "Sponsored by ACME.", "nothing", "it was sponsored by us"]
    whole = "\n".join(texts)
    assert prefilter.texts_with_needles(rx, texts, whole, whole.lower()) == {1, 3}
    assert [may_match(rx, t) for t in texts] == [False, True, False, True]


def test_needle_index_never_skips_a_match() -> None:
    """``NeedleIndex.may_match`` is False only for texts the regex cannot match in: the
    D304 artifact regexes over the corpus articles' blocks."""
    from medlint.checks.scraping.artifact_pack import artifacts

    art = artifacts()
    rxs = [rx for rx in (art.widgets, art.prompts, art.credits, art.teasers, art.interstitial)]
    rxs += [re.compile(r"(?<![\w@./-])acme(?![\w@-])", re.I), re.compile(r"Read [Mm]ore\.?$")]
    texts_sets = [["Hello.", "Photo: Ann Lee", "x. Photo: Ann Lee", "ACME", "Read more"]]
    for path in sorted((SHARED / "corpus" / "articles").glob("*"))[:60]:
        texts_sets.append(path.read_text(encoding="utf-8").split("\n"))
    for texts in texts_sets:
        index = prefilter.NeedleIndex(texts)
        for rx in rxs:
            assert rx is not None
            for k, t in enumerate(texts):
                if rx.search(t) is not None:
                    assert index.may_match(rx, k), (rx.pattern, t)


def test_needle_positions_equal_may_match_per_text() -> None:
    """``texts_with_needles`` (which jumps to the next text after a hit) gives exactly the
    texts where ``may_match`` is True, for the D304 regexes and frequent short needles over
    the corpus articles' lines (several hits per text, hits across a text boundary)."""
    from medlint.checks.scraping.artifact_pack import artifacts

    art = artifacts()
    rxs = [rx for rx in (art.widgets, art.prompts, art.credits, art.teasers, art.interstitial)]
    rxs += [re.compile(r"the\b"), re.compile(r"(?i)e\.g"), re.compile(r"a\nb")]
    texts_sets = [["the the", "xthe", "a", "b the", "", "the"], ["a", "b"]]
    for path in sorted((SHARED / "corpus" / "articles").glob("*"))[:40]:
        texts_sets.append(path.read_text(encoding="utf-8").split("\n"))
    for texts in texts_sets:
        whole = "\n".join(texts)
        for rx in rxs:
            assert rx is not None
            got = prefilter.texts_with_needles(rx, texts, whole, whole.lower())
            if got is None:
                continue
            want = {k for k, t in enumerate(texts) if may_match(rx, t)}
            assert got == want, rx.pattern
