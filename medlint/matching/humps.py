"""The camel-case index: which blocks hold a "hump" (a lower-case letter, an upper-case
letter, a lower-case letter: ``[a-z][A-Z][a-z]``), the pre-filter of D305.

``hump_blocks`` searches the article's joined text once instead of each block;
``tests/test_word_analysis.py`` checks it against the plain per-block regex search.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article

HUMP = re.compile(r"[a-z][A-Z][a-z]")

# Letter classes for hump_blocks: a-z -> "a", A-Z -> "A", every other byte -> " ".
_LETTER_CASE = bytes(97 if 97 <= c <= 122 else 65 if 65 <= c <= 90 else 32 for c in range(256))


def hump_blocks(article: Article) -> list[int]:
    """Indices of the blocks containing a ``HUMP`` match ([a-z][A-Z][a-z]), in order.

    Searched in the joined article text (``Article.joined_text``; a hump cannot span the
    joining newline).  For ASCII text, on a copy whose letters are reduced to "a"/"A" and the
    rest to spaces: ``bytes.find(b"aAa")`` finds the same positions as the regex, several
    times faster; after a hit the search resumes at the next block.
    """
    whole = article.joined_text()
    out: list[int] = []
    if whole.isascii():
        cases = whole.encode().translate(_LETTER_CASE)
        i = cases.find(b"aAa")
        if i == -1:
            return out
        starts = list(itertools.accumulate((len(b.text) + 1 for b in article.blocks), initial=0))
        while i != -1:
            index = bisect.bisect_right(starts, i) - 1
            out.append(index)
            i = cases.find(b"aAa", starts[index + 1])
        return out
    starts = list(itertools.accumulate((len(b.text) + 1 for b in article.blocks), initial=0))
    seen: set[int] = set()
    for m in HUMP.finditer(whole):
        index = bisect.bisect_right(starts, m.start()) - 1
        if index not in seen:
            seen.add(index)
            out.append(index)
    return out


_LETTER_RUN = re.compile(r"[A-Za-z]+")
_SPACED_RUN = re.compile(r" ([A-Za-z]+)")


def hump_run_contexts(article: Article, blocks: list[int] | None = None) -> dict[str, set[str]]:
    """Every maximal run of ASCII letters holding a ``HUMP`` ("UsesGabapentin"), with the
    set of its contexts: the character before it and the 12 after it, in its block.

    Built once per article (``blocks``: the ``hump_blocks``, where any such run is): the
    contexts of a run are those a per-block search of ``(?<![A-Za-z])RUN(?![A-Za-z])``
    finds, as the run is all letters and bounded by non-letters.
    """
    out: dict[str, set[str]] = {}
    for index in hump_blocks(article) if blocks is None else blocks:
        text = article.blocks[index].text
        for m in _LETTER_RUN.finditer(text):
            run = m.group()
            if run.islower() or run.isupper() or not HUMP.search(run):
                continue
            a, b = m.span()
            out.setdefault(run, set()).add(text[max(0, a - 1) : a] + text[b : b + 12])
    return out


class SpacedRuns:
    """Where each maximal run of ASCII letters that is not all lower case follows a space,
    in the article's joined text (indexed once, on the first question).

    ``has_phrase(word, run)`` says whether ``word + " " + run`` occurs bounded by non-letters
    (``(?<![A-Za-z])PHRASE(?![A-Za-z])``) in some block, for a ``word`` without whitespace and
    a ``run`` of letters not all lower case: as ``run`` is all letters after a space, an
    occurrence is an occurrence of the whole run after a space, with ``word`` before it.
    """

    def __init__(self, article: Article) -> None:
        self._article = article
        self._spaces: dict[str, list[int]] | None = None
        self._answers: dict[tuple[str, str], bool] = {}

    def _index(self) -> dict[str, list[int]]:
        if self._spaces is None:
            self._spaces = {}
            for m in _SPACED_RUN.finditer(self._article.joined_text()):
                run = m.group(1)
                if not run.islower():
                    self._spaces.setdefault(run, []).append(m.start())
        return self._spaces

    def has_phrase(self, word: str, run: str) -> bool:
        key = (word, run)
        if key not in self._answers:
            whole = self._article.joined_text()
            if run.islower() or not run.isascii() or not run.isalpha() or word.split() != [word]:
                rx = re.compile(rf"(?<![A-Za-z]){re.escape(f'{word} {run}')}(?![A-Za-z])")
                self._answers[key] = rx.search(whole) is not None  # not indexed: search
                return self._answers[key]
            n = len(word)
            self._answers[key] = any(
                q >= n
                and whole[q - n : q] == word
                and not (q > n and whole[q - n - 1] in _ASCII_LETTERS)
                for q in self._index().get(run, ())
            )
        return self._answers[key]


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
