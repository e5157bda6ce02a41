"""Word shingles and near-duplicate search (Jaccard similarity of shingle sets).

:func:`shingles` makes a text's ``k``-word shingles; :func:`near_pairs` finds, for each
set, the earlier set most similar to it at or above a threshold (prefix filtering: the work
grows with the number of shared rare shingles, not the square of the number of sets).

:func:`any_may_pass` is the whole-article early exit: answered on shingle hashes, False
only when no paragraph can pass :func:`near_pairs`' shared-shingle filter, so a caller may
skip building shingle strings for nearly every article.  ``tests/test_word_analysis.py``
checks these against the plain computations.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TypeVar

_K = TypeVar("_K", str, int)  # a shingle, or its hash (any_may_pass)


def shingles(words: list[str], k: int) -> set[str]:
    """The paragraph's ``k``-word shingles, each as its words joined by spaces.

    Strings rather than tuples: the same sets (words never contain a space) and the same
    order (a space sorts before every word character, so joined strings compare like the
    tuples), but strings are not tracked by the garbage collector: hundreds of retained
    tuples per article made the collector run, and scan the whole heap, far more often.
    ``zip`` reuses its result tuple when ``join`` has let go of it, so no tuple is kept.
    """
    if len(words) < k:
        return {" ".join(words)} if words else set()
    if k < 1:
        return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
    return set(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


def shared_shingles(sets: list[set[_K]]) -> set[_K]:
    """Shingles found in more than one of ``sets``, with set operations (in C)."""
    seen: set[_K] = set()
    dupes: set[_K] = set()
    for s in sets:
        dupes |= s & seen
        seen |= s
    return dupes


def may_pass(sets: list[set[_K]], threshold: float) -> list[bool]:
    """For each set: do at least ``threshold`` of its shingles occur in another set?  A
    paragraph whose shingles mostly occur nowhere else cannot be a near copy."""
    dupes = shared_shingles(sets)
    return [len(s & dupes) >= threshold * len(s) for s in sets]


def _hashed_shingles(words: list[str], k: int) -> tuple[set[int], int]:
    """The hashes of the paragraph's shingles' word tuples, and at least the number of its
    distinct shingles (its number of shingle positions)."""
    if len(words) < k:
        return ({hash(tuple(words))}, 1) if words else (set(), 0)
    tuples = (
        zip(words, words[1:], words[2:], strict=False)  # the default, faster
        if k == 3
        else zip(*[words[i:] for i in range(k)], strict=False)
    )
    return set(map(hash, tuples)), len(words) - k + 1


def any_may_pass(word_lists: list[list[str]], k: int, threshold: float) -> bool:
    """Could any of these paragraphs pass near_pairs' shared-shingle filter?

    Answered on the hashes of the shingles' word tuples (no string per shingle: three
    times faster, and nothing for the garbage collector), with a test that a paragraph
    passing the filter on its strings always passes.  Hashing is a function of the
    shingle (the joined string and the tuple determine each other, words having no
    space), so a shingle found in two paragraphs still is, and each hash found in no
    other paragraph comes from at least one such shingle: a paragraph has at most as
    many unshared hashes as unshared shingles.  Passing on the strings means at most
    ``(1 - threshold) * d`` unshared shingles (d distinct shingles; 1e-6 covers the
    rounding of the float product), and ``d`` is at most the number of shingle positions
    (hashes that collide could make the hashed set smaller, so its size is not used).
    """
    if k < 1:
        return any(may_pass([shingles(w, k) for w in word_lists], threshold))
    hashed = [_hashed_shingles(words, k) for words in word_lists]
    dupes = shared_shingles([s for s, _ in hashed])
    return any(len(s) - len(s & dupes) <= (1.0 - threshold) * n + 1e-6 for s, n in hashed)


def near_pairs(sets: list[tuple[int, set[str]]], threshold: float) -> dict[int, tuple[int, float]]:
    """Earlier near duplicates by Jaccard similarity, with prefix filtering.

    Shingles are ordered rarest first; two sets with Jaccard >= t must share a
    shingle within their first ``|S| - ceil(t*|S|) + 1`` shingles, so only those are
    indexed and probed.  The work grows with the number of shared rare shingles,
    not with the square of the number of paragraphs.
    """
    passing = may_pass([s for _, s in sets], threshold)
    if not any(passing):
        return {}  # the common case: nothing more to do
    freq: Counter[str] = Counter()
    for _, s in sets:
        freq.update(s)
    index: dict[str, list[int]] = defaultdict(list)
    out: dict[int, tuple[int, float]] = {}
    by_pos: dict[int, set[str]] = {}
    for pos, (bidx, s) in enumerate(sets):
        by_pos[pos] = s
        if not passing[pos]:  # shared shingles (freq[sh] > 1) < threshold * len(s)
            continue
        order = sorted(s, key=lambda sh: (freq[sh], sh))
        plen = len(order) - math.ceil(threshold * len(order)) + 1
        best = _best_earlier(s, order[:plen], index, by_pos, threshold)
        if best is not None:
            out[bidx] = (sets[best[0]][0], best[1])
        for sh in order[:plen]:
            index[sh].append(pos)
    return out


def _best_earlier(
    s: set[str],
    prefix: list[str],
    index: dict[str, list[int]],
    by_pos: dict[int, set[str]],
    threshold: float,
) -> tuple[int, float] | None:
    """The indexed set sharing a prefix shingle with ``s`` that is most similar to it (at
    least ``threshold``; the first of equals), as (position, similarity)."""
    probed: set[int] = set()
    best: tuple[int, float] | None = None
    for sh in prefix:
        for other in index.get(sh, ()):
            if other in probed:
                continue
            probed.add(other)
            o = by_pos[other]
            small, large = sorted((len(s), len(o)))
            if large == 0 or small / large < threshold:
                continue
            inter = len(s & o)
            sim = inter / (len(s) + len(o) - inter)
            if sim >= threshold and (best is None or sim > best[1]):
                best = (other, sim)
    return best


def jaccard(x: list[str], y: list[str]) -> float:
    """Jaccard similarity of two word lists' sets (0 when either is empty)."""
    a, b = set(x), set(y)
    return len(a & b) / len(a | b) if a and b else 0.0
