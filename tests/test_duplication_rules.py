"""D301-D303 and D305 (medlint/checks/duplication/ and scraping/): algorithms, options and fixes."""

from __future__ import annotations

import random

import pytest

from medlint.analysis.shingles import near_pairs as _near_pairs
from medlint.analysis.shingles import shingles as _shingles
from medlint.analysis.words import normalised_words as _words
from tests.helpers import lint, lint_result


def _brute(sets: list[tuple[int, set[tuple[str, ...]]]], t: float) -> dict[int, int]:
    out: dict[int, int] = {}
    for j, (bj, sj) in enumerate(sets):
        best: tuple[int, float] | None = None
        for bi, si in sets[:j]:
            sim = len(si & sj) / len(si | sj)
            if sim >= t and (best is None or sim > best[1]):
                best = (bi, sim)
        if best is not None:
            out[bj] = best[0]
    return out


def test_prefix_filter_finds_what_brute_force_finds() -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(60)]
    base = [[rng.choice(vocab) for _ in range(30)] for _ in range(15)]
    paras: list[list[str]] = []
    for words in base:
        paras.append(words)
        for _ in range(2):  # near copies with a word or two changed
            copy = list(words)
            for _ in range(rng.randint(0, 2)):
                copy[rng.randrange(len(copy))] = rng.choice(vocab)
            paras.append(copy)
    rng.shuffle(paras)
    sets = [(i, _shingles(p, 3)) for i, p in enumerate(paras)]
    for t in (0.6, 0.85, 0.95):
        fast = {k: v[0] for k, v in _near_pairs(sets, t).items()}
        slow = _brute(sets, t)
        assert set(fast) == set(slow)


def test_near_duplicate_search_is_not_quadratic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The prefix filter compares a paragraph only with those sharing a rare shingle: the
    candidates probed grow with the paragraphs, not with their square (no timing: speed
    is measured in bench/)."""
    from medlint.analysis import shingles as mod

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(5000)]
    probes: list[int] = []
    real = mod._best_earlier

    def counting(s, prefix, index, by_pos, threshold):  # type: ignore[no-untyped-def]
        probes.append(len({o for sh in prefix for o in index.get(sh, ())}))
        return real(s, prefix, index, by_pos, threshold)

    monkeypatch.setattr(mod, "_best_earlier", counting)
    n = 4000
    paras: list[list[str]] = []
    for _ in range(n // 2):  # every paragraph has one near copy (its last word changed)
        words = [rng.choice(vocab) for _ in range(60)]
        paras += [words, [*words[:-1], "changed"]]
    sets = [(i, _shingles(p, 3)) for i, p in enumerate(paras)]
    found = _near_pairs(sets, 0.85)
    assert len(found) == n // 2  # each copy points at its original
    assert sum(probes) < 10 * n  # a pairwise search would probe about n*n/2 = 8,000,000


def test_words_normalise_case_punctuation_and_quotes() -> None:
    assert _words("It’s  RARE, isn't it?") == _words("its rare isnt it")


def test_d301_names_the_first_line_and_points_at_the_repeat() -> None:
    text = "# T\n\nKeep the inhaler with you at all times, even on holiday.\n\nOther text here.\n\nKeep the inhaler with you at all times, even on holiday.\n"
    found = lint(text, select=["D301"])
    assert [(f.line, f.column, f.end_line) for f in found] == [(7, 1, 7)]
    assert "line 3" in found[0].message


def test_d301_min_words_option() -> None:
    text = "# T\n\nRest and drink water.\n\nOther text here, and more.\n\nRest and drink water.\n"
    assert lint(text, select=["D301"]) == []
    found = lint(text, select=["D301"], config={"rules": {"D301": {"min-words": 3}}})
    assert [f.line for f in found] == [7]


def test_d303_min_words_option() -> None:
    text = "# T\n\nDrink water daily. Rest well. Drink water daily.\n"
    assert lint(text, select=["D303"]) == []
    found = lint(text, select=["D303"], config={"rules": {"D303": {"min-words": 3}}})
    assert [f.column for f in found] == [31]


def test_d305_offers_the_missing_break_as_a_fix() -> None:
    text = "Migraine\nWhen to Get Medical AdviceIf your headaches change, see a doctor.\n"
    result = lint_result(text, name="a.txt", select=["D305"])
    (f,) = result.findings
    assert f.fix is not None
    assert f.fix.replacement == "\n"
    assert text[: f.fix.start].endswith("Advice") and text[f.fix.end :].startswith("If")


def test_d305_fix_in_running_text_is_a_space() -> None:
    text = "# Pain\n\nAsk how to takeNaproxen safely. Naproxen can upset the stomach.\n"
    (f,) = lint_result(text, select=["D305"]).findings
    assert f.fix is not None and f.fix.replacement == " "
    assert text[: f.fix.start].endswith("take")


def test_d305_allowlist_can_be_extended_by_a_user_pack(tmp_path: object) -> None:
    from pathlib import Path

    pack = Path(str(tmp_path)) / "house.yaml"
    pack.write_text("pack: camelcase-allowlist\nallow: [AdviceIf]\n", encoding="utf-8")
    text = "Migraine\nWhen to Get Medical AdviceIf your headaches change, see a doctor.\n"
    assert [f.code for f in lint(text, name="a.txt", select=["D305"])] == ["D305"]
    try:
        found = lint(text, name="a.txt", select=["D305"], config={"packs": [str(pack)]})
        assert found == []
    finally:
        from medlint.packs import set_extra_packs

        set_extra_packs([])  # do not leak the house pack into other tests
