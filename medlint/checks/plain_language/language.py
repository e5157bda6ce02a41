"""Is a block English?  The Danish or Portuguese sections of a package leaflet are not
(P604 and P605 skip them).  Answered once per block per article."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.analysis import Analysis, per_article, readability

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block


def _build_languages(pack: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    words = frozenset(str(w).lower() for w in pack.get("function_words") or [])
    return words, frozenset(str(pack.get("letters") or ""))


_ALPHA_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")  # "i.e." is one word
_ASCII_ALPHA_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z]+")  # the same in ASCII text, faster


# For ASCII text without "x.y." (letter, dot, letter, dot: where the abbreviation branch
# of _ALPHA_WORD can match), the words are exactly the runs of letters: one translate
# (letters kept, other bytes to spaces) and split(), several times faster than findall.
_LETTERS_ONLY = bytes(c if (65 <= c <= 90 or 97 <= c <= 122) else 32 for c in range(256))
_LETTER_DOT = bytes(
    97 if (65 <= c <= 90 or 97 <= c <= 122) else c if c == 46 else 32 for c in range(256)
)


def alpha_words(text: str) -> list[str]:
    """The words of ``text``: runs of letters ("i.e." is one word)."""
    if not text.isascii():
        return _ALPHA_WORD.findall(text)
    raw = text.encode()
    if raw.translate(_LETTER_DOT).find(b"a.a.") != -1:
        return _ASCII_ALPHA_WORD.findall(text)
    return raw.translate(_LETTERS_ONLY).decode().split()


@packs.pack_cache
def _foreign_letter() -> re.Pattern[str]:
    """A character that makes a word foreign in ``_english``: one of the pack's letters or
    one above U+017F (Greek, Cyrillic…)."""
    _words, letters = _languages()
    return re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "\u0180-\U0010ffff]")


_ASCII = frozenset(map(chr, range(128)))
_KNOWN: dict[str, bool] = {}  # word -> a stop word or on the familiar-word list


def _known(w: str) -> bool:
    got = _KNOWN.get(w)
    if got is None:
        got = w.lower() in _stop_words() or readability.is_familiar(w)
        if len(_KNOWN) < 100_000:
            _KNOWN[w] = got
    return got


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(nlp.get_nlp().Defaults.stop_words)


@packs.pack_cache
def _languages() -> tuple[frozenset[str], frozenset[str]]:
    return _build_languages(packs.load("languages"))


@per_article
def _english_table(analysis: Analysis) -> dict[int, bool]:
    return {}


def english(analysis: Analysis, block: Block) -> bool:
    """Crude: the Danish or Portuguese sections of a package leaflet are not English.

    Not English: two or more foreign markers (rules/languages.yaml), one marker and few
    English function or familiar words, or almost none of them (an address list).
    Answered once per block per article (P604 and P605 both ask).
    """
    table = _english_table(analysis)
    got = table.get(block.index)
    if got is None:
        got = table[block.index] = _english(block.text)
    return got


def _english(text: str) -> bool:
    words = alpha_words(text)
    result = True
    if words:
        foreign_words, letters = _languages()
        if (not text.isascii() or not letters.isdisjoint(_ASCII)) and _foreign_letter().search(
            text.lower()
        ):
            foreign = sum(
                1
                for w in words
                if w in foreign_words
                or any(c in letters or c > "\u017f" for c in w.lower())  # æ, ø… or Greek…
            )
        else:
            # no word's lower case has such a letter (each is inside the block's lower
            # case), so only the function words count; counted in C
            foreign = sum(map(foreign_words.__contains__, words))
        if foreign >= 2:
            result = False
        elif foreign or len(words) >= 4:
            known = sum(map(_known, words))  # stop words or familiar words, cached per word
            result = known / len(words) >= (0.35 if foreign else 0.2)
    return result
