"""Words of an article: normalised word lists and per-article word counts.

English word frequency is :mod:`medlint.analysis.word_frequency`.

- :func:`normalised_words` — a text's words with case, punctuation and apostrophes folded
  away (``"It's RARE"`` -> ``["its", "rare"]``); :func:`words_and_starts` also says where
  the stretches between "!", "." and "?" begin; :func:`sentence_words` gives the same
  words sentence by sentence.  For ASCII text (and text whose only other characters are
  typographic ones: curly quotes, dashes, "…", see ``as_ascii``) they use one ``bytes.translate`` instead of
  a regex (several times faster; ``tests/test_word_analysis.py`` checks they agree).
- :func:`block_words` — those, computed once per article for any block (``@per_article``).
- :func:`word_counts` — how often each run of ASCII letters (lower case) occurs in the
  article, computed once per article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis import Analysis, per_article

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

# -- normalised words -------------------------------------------------------------------

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# For ASCII text, normalised_words without a regex: one bytes.translate folds A-Z to a-z,
# keeps a-z and 0-9, turns every other byte into a space (or keeps "'" for sentence_words),
# then split() gives the runs of letters and digits.  Several times faster than findall.
_FOLD_ASCII = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256)
)
_FOLD_ASCII_APOS = bytes(39 if c == 39 else _FOLD_ASCII[c] for c in range(256))
# _FOLD_ASCII, but the sentencizer's ASCII sentence-final characters ("!", ".", "?"; its
# other punct_chars are not ASCII) become "." rather than a space: see words_and_starts.
_FOLD_ASCII_STOPS = bytes(46 if c in b"!.?" else _FOLD_ASCII[c] for c in range(256))


# Typographic characters common in articles (curly quotes, dashes, bullets, spaces, "…")
# that are no word character and whose NFKC form holds none either (nor an apostrophe),
# and that compose with no neighbour: for the words they are separators, and "’" is the
# apostrophe.  A text whose only non-ASCII characters are these takes the ASCII path with
# each replaced by a one-character ASCII stand-in (offsets do not move).
_TYPOGRAPHIC = "“”‘«»‹›„‚–—―‐‑‒•·…\u00a0\u2002\u2003\u2009\u200a\u202f\u2212°×§¶†‡©®±"
_TYPOGRAPHIC_RX = re.compile("[" + re.escape(_TYPOGRAPHIC) + "]")
_OTHER_NON_ASCII = re.compile("[^\x00-\x7f’" + re.escape(_TYPOGRAPHIC) + "]")


def as_ascii(text: str) -> str | None:
    """``text`` with each typographic character (``_TYPOGRAPHIC``, and "’") replaced by an
    ASCII stand-in of one character, when nothing else in it is non-ASCII; else None.
    ``normalised_words`` gives the same words for both."""
    if text.isascii():
        return text
    if _OTHER_NON_ASCII.search(text) is not None:
        return None
    return _TYPOGRAPHIC_RX.sub(" ", text.replace("’", "'"))


def plain_normalised_words(text: str) -> list[str]:
    """The definition of :func:`normalised_words`, for any text (the regex way)."""
    t = unicodedata.normalize("NFKC", text).replace("’", "'")
    return WORD_RE.findall(t.lower().replace("'", ""))


def normalised_words(text: str) -> list[str]:
    """Normalised words: case, punctuation and whitespace do not matter."""
    if text.isascii():  # lower case, apostrophes deleted, runs of [0-9a-z]: see _FOLD_ASCII
        return text.encode().translate(_FOLD_ASCII, b"'").decode().split()
    ascii_text = as_ascii(text)
    if ascii_text is not None:
        return ascii_text.encode().translate(_FOLD_ASCII, b"'").decode().split()
    return plain_normalised_words(text)


def words_and_starts(text: str) -> tuple[list[str], list[int] | None]:
    """``normalised_words(text)`` and, for ASCII text, where its stretches between "!", "."
    and "?" begin: the index in the words of the first word after each such character (and
    of the first word), for stretches that have a word.  ``None`` for other text.

    The words are the same as ``normalised_words``: the three characters are not word
    characters, so turning them into "." instead of a space and splitting at them first
    only marks where stretches begin.
    """
    if not text.isascii():
        return normalised_words(text), None
    folded = text.encode().translate(_FOLD_ASCII_STOPS, b"'").decode()
    if "." not in folded:
        words = folded.split()
        return words, [0] if words else []
    words = []
    starts: list[int] = []
    for piece in folded.split("."):
        found = piece.split()
        if found:
            starts.append(len(words))
            words += found
    return words, starts


def sentence_words(analysis: Analysis, block: Block) -> tuple[list[int], list[str], list[int]]:
    """Per sentence of ``block``: its offsets (flat: start, end, start, end…), its normalised
    words joined by spaces (``" ".join(normalised_words(sentence text))``) and its word count.

    Sentences are the shared ``nlp.sentences``.  An ASCII block is translated once (as
    ``normalised_words`` does, but keeping apostrophes, so that offsets do not move); a
    sentence's words are then its slice with the apostrophes deleted, split.  Other blocks
    use ``normalised_words`` sentence by sentence.  (Parallel lists, not a tuple per
    sentence: fewer objects for the garbage collector.)
    """
    text = block.text
    sents = nlp.sentences(analysis.doc(block))
    offsets: list[int] = []
    norms: list[str] = []
    counts: list[int] = []
    ascii_text = as_ascii(text)  # same offsets, same words (see ``as_ascii``)
    if ascii_text is not None:
        folded = ascii_text.encode().translate(_FOLD_ASCII_APOS)
        for sent in sents:
            a, b = sent.start_char, sent.end_char
            found = folded[a:b].replace(b"'", b"").split()
            offsets += (a, b)
            norms.append(b" ".join(found).decode())
            counts.append(len(found))
    else:
        for sent in sents:
            a, b = sent.start_char, sent.end_char
            words = normalised_words(text[a:b])
            offsets += (a, b)
            norms.append(" ".join(words))
            counts.append(len(words))
    return offsets, norms, counts


class BlockWords:
    """``words_and_starts`` of the article's blocks, each computed on first use.

    Kept in two dicts, the starts as a tuple of ints: no extra container per block for
    the garbage collector to track (it untracks a tuple holding only ints)."""

    def __init__(self) -> None:
        self._words: dict[int, list[str]] = {}
        self._starts: dict[int, tuple[int, ...] | None] = {}

    def entry(self, block: Block) -> tuple[list[str], tuple[int, ...] | None]:
        """The block's normalised words and its stretch starts (see ``words_and_starts``)."""
        words = self._words.get(block.index)
        if words is None:
            words, starts = words_and_starts(block.text)
            self._words[block.index] = words
            self._starts[block.index] = tuple(starts) if starts is not None else None
        return words, self._starts[block.index]

    def words(self, block: Block) -> list[str]:
        """The block's normalised words (``normalised_words(block.text)``).  Do not modify."""
        got = self._words.get(block.index)
        return got if got is not None else self.entry(block)[0]


@per_article
def block_words(analysis: Analysis) -> BlockWords:
    """The article's table of block words, shared by every rule that asks."""
    return BlockWords()


# -- word counts ------------------------------------------------------------------------

_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_ASCII_LETTERS_LOWER = re.compile(r"[a-z]+")


def count_letter_runs(text: str) -> Counter[str]:
    """How often each run of ASCII letters occurs in ``text``, in lower case."""
    # for ASCII text, lower() first changes nothing else (and one regex pass is faster)
    if text.isascii():
        return Counter(_ASCII_LETTERS_LOWER.findall(text.lower()))
    return Counter(w.lower() for w in _ASCII_LETTERS.findall(text))


@per_article
def word_counts(analysis: Analysis) -> Counter[str]:
    """How often each run of ASCII letters (lower case) occurs in the article's blocks
    (front matter values too), computed once per article.  A run cannot span the newlines
    of ``joined_text``, so these are the sums of the blocks' counts.  Do not modify."""
    return count_letter_runs(analysis.joined_text())
