"""The Vale engine's speed tricks give the same alerts as running every rule's pattern on
every unit.

- ``WordGate`` / ``pattern_needles`` (medlint.matching.prefilter): a rule is not run on a
  unit that holds none of its pattern's literals;
- ``trie_alternation``: an existence rule's plain word list runs as a trie-shaped
  alternation with the same spans;
- ``compile_pattern`` keeps compiled patterns by their text.

The engine-level comparison lints the six public styles' fixtures, Vale's testdata
fixtures and corpus articles from ../shared (skipped when absent) both ways.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from medlint.document import parse_article
from medlint.matching.prefilter import WordGate, pattern_needles, trie_alternation
from medlint.vale.lint import ValeProject
from medlint.vale.patterns import compile_pattern
from medlint.vale.rules.existence import Existence
from tests.conftest import SHARED

STYLES = SHARED / "vale" / "styles"
FORMATS = {".md": "md", ".txt": "txt", ".html": "html"}


# -- trie_alternation -------------------------------------------------------------------


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(pattern, text)]


def _both(words: list[str], text: str, fold: bool, bounded: bool) -> tuple[list, list] | None:
    trie = trie_alternation(words, fold, bounded)
    if trie is None:
        return None
    flags = "(?i)" if fold else ""
    tail = r"\b" if bounded else ""
    head = r"\b" if bounded else ""
    original = f"{flags}(?m){head}(?:{'|'.join(regex.escape(w) for w in words)}){tail}"
    fast = f"{flags}(?m){head}(?:{trie}){tail}"
    return _spans(original, text), _spans(fast, text)


def test_trie_keeps_list_order_where_a_shorter_word_comes_first() -> None:
    # 'coon' before 'coon ass': Vale reports 'coon' there; the trie must too
    got = _both(["coon", "coon ass", "coonass"], "a coon ass and a coonass", True, True)
    assert got is not None
    original, fast = got
    assert original == fast == [(2, 6), (17, 24)]
    got = _both(["coon ass", "coon"], "a coon ass", True, True)
    assert got is not None and got[0] == got[1] == [(2, 10)]


def test_trie_refuses_what_it_cannot_promise() -> None:
    assert trie_alternation(["a.b"], True) is None  # regex syntax
    # 'a' comes after 'ab' and before 'abc': neither order at its node keeps the list's
    assert trie_alternation(["ab", "a", "abc"], True) is None
    assert trie_alternation(["b", "ab", "a"], True) == "(?:b|a(?:b)?)"
    assert trie_alternation(["a", "ab", "a b"], True, bounded=True) is not None
    assert trie_alternation(["a", "a b", "ab"], True, bounded=False) is not None
    assert trie_alternation(["ab", "a", "a b"], True, bounded=False) is None
    assert trie_alternation([], True) is None


@pytest.mark.parametrize("seed", range(40))
def test_trie_finds_the_spans_of_the_alternation(seed: int) -> None:
    rnd = random.Random(seed)
    alphabet = "aAb -'"
    made = 0
    for _ in range(60):
        words = [
            "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 4)))
            for _ in range(rnd.randint(1, 6))
        ]
        text = "".join(rnd.choice(alphabet + "\n") for _ in range(80))
        for fold in (True, False):
            for bounded in (True, False):
                got = _both(words, text, fold, bounded)
                if got is not None:
                    made += 1
                    assert got[0] == got[1], (words, text, fold, bounded)
    assert made > 100


# -- pattern_needles and WordGate --------------------------------------------------------


def test_pattern_needles_reads_vale_flag_groups() -> None:
    assert pattern_needles(r"(?i)(?m)\b(?:utiliz(?:e|ation)|leverage)\b") == frozenset(
        {"utiliz", "leverage"}
    )
    assert pattern_needles(r"(?i)\b(am|is)\b\s*(?m)\b(?:\w+ed|been)\b") is not None
    assert pattern_needles(r"(?x)a b") is None  # verbose: literals read differently
    assert pattern_needles(r"(?V1)[[a-z]--[aeiou]]") is None
    assert pattern_needles(r"\p{L}+") is None
    assert pattern_needles(r"[(?i)]abc") == frozenset({"abc"})


def test_word_gate_finds_the_units_that_hold_a_needle() -> None:
    gate = WordGate(["We utilize it.", "Nothing here.", "LEVERAGE"])
    present = gate.present(frozenset({"utiliz", "leverage", "absent"}))
    assert present is not None and sorted(present) == ["leverage", "utiliz"]
    assert [gate.holds(k, present) for k in range(3)] == [True, False, True]
    assert gate.where(frozenset({"absent"})) == set()
    assert gate.where(None) is None
    # a needle across two texts is in neither
    assert gate.where(frozenset({"it.\nnothing"})) == set()


def test_word_gate_gives_up_on_letters_that_fold_to_ascii() -> None:
    # regex's IGNORECASE matches 'ſ' to 's' and 'İ' to 'i': every text may match
    assert regex.search("(?i)us", "uſ")
    for text in ("uſe it", "İt"):
        gate = WordGate([text])
        assert gate.present(frozenset({"use", "it"})) is None
        assert gate.holds(0, None)


def test_compiled_patterns_are_kept() -> None:
    assert compile_pattern(r"\bkept\b") is compile_pattern(r"\bkept\b")


# -- the engine, both ways ---------------------------------------------------------------


def _slow_project(ini: Path) -> ValeProject:
    project = ValeProject.load(ini)
    for rule in project.styles.rules.values():
        if isinstance(rule, Existence):
            rule.scan = rule.pattern
    return project


def _texts() -> list[Path]:
    files = sorted(
        p
        for root in (STYLES, SHARED / "vale" / "vale-testdata" / "fixtures")
        for p in root.rglob("*")
        if p.suffix in FORMATS and "fixtures" in p.parts and p.is_file()
    )
    corpus = sorted((SHARED / "corpus" / "articles").glob("*"))
    return files + corpus[::6]


@pytest.mark.skipif(not STYLES.is_dir(), reason="../shared/vale is absent")
def test_the_tricks_change_no_alert(tmp_path: Path) -> None:
    ini = tmp_path / ".vale.ini"
    ini.write_text(
        f"StylesPath = {STYLES}\n\n[*]\n"
        "BasedOnStyles = Microsoft, Google, write-good, proselint, Joblint, alex\n",
        encoding="utf-8",
    )
    fast = ValeProject.load(ini)
    slow = _slow_project(ini)
    tries = [
        r
        for r in fast.styles.rules.values()
        if isinstance(r, Existence) and r.scan is not r.pattern
    ]
    assert len(tries) >= 20  # the trick is in use (alex's word lists among them)
    assert {"alex.ProfanityLikely", "alex.ProfanityUnlikely"} <= {r.name for r in tries}
    linted = alerts = 0
    for path in _texts():
        text = path.read_text(encoding="utf-8", errors="replace")
        fmt = FORMATS.get(path.suffix, "txt")
        article, _ = parse_article(str(path), text, fmt, None)
        got = fast.lint(article)
        assert got == slow.lint(article, prefilter=False), path
        linted += 1
        alerts += len(got)
    assert linted > 150 and alerts > 1000


def test_block_offsets_are_src_offset_of_every_character() -> None:
    from medlint.vale.scopes import block_offsets

    checked = 0
    own = sorted(
        p for p in (Path(__file__).parent.parent / "fixtures").rglob("*") if p.suffix in FORMATS
    )
    for path in _texts()[:120] + own:
        text = path.read_text(encoding="utf-8", errors="replace")
        article, _ = parse_article(str(path), text, FORMATS.get(path.suffix, "txt"), None)
        for block in article.blocks:
            want = [block.src_offset(i) for i in range(len(block.text))]
            assert block_offsets(block) == want, (path, block.text[:40])
            checked += 1
    assert checked > 100
