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
