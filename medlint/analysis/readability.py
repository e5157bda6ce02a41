"""Readability measures for an article's prose, offline and deterministic.

medlint never lets textstat count syllables: textstat 0.7.x looks every word up in
NLTK's CMU dictionary and *downloads* it on first use, which breaks hermetic CI and
makes grades depend on whether the download happened.  Instead:

* sentences are the shared spaCy sentences (``nlp.sentences(article.doc(block))``);
  each sentence's words and counts are computed once per article (``sentence_rows``)
  and shared by P601, P602 and P603;
* words are runs of letters/digits (hyphenated and apostrophe words count once);
* syllables come from :func:`syllables`: a pure-Python vowel-group rule set with
  corrections for silent e, -es/-ed endings, vowel hiatus (ra-di-o, ar-e-a) and compounds.
  It needs no dictionary, so nothing is fetched and the counts cannot vary with a data
  file's version.  On the words of the development corpus it agrees with the CMU
  Pronouncing Dictionary on 97.6% of word tokens (total syllables within 1%).  pyphen's
  hyphenation dictionary was measured too: alone it agrees on 89.5%; combined with the
  rules on 98.2%, but it costs about ten times as long per new word and 0.3 s to load, so it
  is not used;
* the formulas are the published ones (the same ones textstat implements), and the
  Dale–Chall list of familiar words is ``rules/dale-chall-familiar-words.txt``, generated
  from textstat's public API by ``tools/build_word_lists.py`` (so textstat, which imports
  NLTK, is never imported).

Which text counts as *prose*: paragraphs and block quotes, and list items that are
sentences (they end in ``.``, ``!`` or ``?``).  Titles, headings, front matter values,
table cells and list fragments ("Dizziness", "Tremors: shaking of the hands") are left
out because readability formulas assume running sentences; code is never in a block.

``grades(analysis)`` is computed once per article (a fact of the shared
:class:`~medlint.analysis.Analysis`), as are the sentence rows.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from medlint import nlp

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from medlint.analysis import Analysis
    from medlint.document.model import Article, Block

__all__ = [
    "FORMULAS",
    "SentenceStat",
    "count_words",
    "dale_chall_grade",
    "grade",
    "grades",
    "hardest_sentences",
    "is_familiar",
    "prose_blocks",
    "sentence_stats",
    "syllables",
    "text_grades",
    "words",
]

# formula option value -> key in grades()
FORMULAS: dict[str, str] = {
    "flesch-kincaid": "flesch_kincaid",
    "smog": "smog",
    "gunning-fog": "gunning_fog",
    "coleman-liau": "coleman_liau",
    "dale-chall": "dale_chall_grade",
}
FORMULA_NAMES: dict[str, str] = {
    "flesch-kincaid": "Flesch–Kincaid",
    "smog": "SMOG",
    "gunning-fog": "Gunning fog",
    "coleman-liau": "Coleman–Liau",
    "dale-chall": "Dale–Chall",
}


# A word: letters or digits, with inner hyphens/apostrophes ("anti-inflammatory", "don't").
WORD_RE = re.compile(r"[^\W_]++(?:['’\-‐][^\W_]++)*+")
# The same words in ASCII text, about twice as fast (``[^\W_]`` is ``[0-9A-Za-z]`` there;
# the possessive quantifiers only skip backtracking that can never lead to a longer match).
_ASCII_WORD_RE = re.compile(r"[0-9A-Za-z]++(?:['’\-‐][0-9A-Za-z]++)*+")
# Faster still for ASCII text: one bytes.translate keeps letters, digits, "'" and "-" and
# turns every other byte into a space.  A stretch without "'" or "-" then splits into
# exactly its WORD_RE words (runs of letters and digits); one with them uses the regex.
_KEEP_WORD_BYTES = bytes(
    c if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c in (39, 45)) else 32
    for c in range(256)
)
_SPLIT_RE = re.compile(r"['’\-‐]")
_VOWELS = re.compile(r"[aeiouy]+")
_HIATUS = re.compile(
    r"(?<![tcsgxln])i[aou]"  # ra-di-o, so-di-um (not -tion, -cial, -gion, mil-lion)
    r"|(?<=l)i[au]"  # ma-lar-i-a, a-li-us
    r"|(?<!q)(?<!^)eo(?!ple|u)"  # vid-e-o, oste-o-
    r"|(?<![qg])ua"  # us-u-al (not qua-, gua-)
    r"|iet(?=y)"  # anx-i-e-ty, so-ci-e-ty
    r"|(?<![tcs])ie(?=r|t|nce)"  # di-et, earl-i-er
    r"|[^aeiou]ea$"  # ar-e-a, nau-se-a
)
_SILENT_E = re.compile(
    r"(?<=[aeiouy][^aeiouy])e(?=(?:ly|ty|ful|ments?|ness|less|lines?|style|times?|things?"
    r"|where|ways?|wise|like|days?|work|care|ware|lets?|water|hold)$)"
)
_ES_ED = re.compile(r"[^aeiouy](?:es|ed)$")
_ES_ED_KEPT = re.compile(r"(?:t|d)ed$|(?:s|x|z|ch|sh|c|g)es$")
_SENTENCE_END = (".", "!", "?", ".”", '."', "?”", '?"', "!”", '!"', ".)", ".’")


def _rule_syllables(w: str) -> int:
    if not _VOWELS.search(w):
        return len(w)  # "mg", "http": read letter by letter
    n = len(_VOWELS.findall(w)) + len(_HIATUS.findall(w)) - len(_SILENT_E.findall(w))
    if (
        n > 1
        and w.endswith("e")
        and not w.endswith(("ee", "ye", "ie"))
        and not (w.endswith("le") and w[-3] not in "aeiouy")
    ):
        n -= 1  # silent final e: "use", "take"
    elif len(w) > 3 and _ES_ED.search(w) and not _ES_ED_KEPT.search(w):
        n -= 1  # "takes", "named"
    elif w.endswith(("ache", "aches")):
        n -= 1
    if "every" in w:
        n -= 1  # ev-ry
    return max(n, 1)


@lru_cache(maxsize=65536)
def _word_syllables(w: str) -> int:
    return 1 if w.isdigit() else _rule_syllables(w)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word; deterministic, no dictionary download.

    Hyphenated words count the syllables of their parts; all-capital abbreviations
    are read letter by letter ("FDA" = 3) unless they are pronounceable ("NSAID").
    """
    word = word.strip()
    if not word:
        return 0
    if word.isupper() and len(word) >= 2 and word.isalpha():
        w = word.lower()
        if len(w) <= 3 or not re.search(r"[^aeiouy][aeiou]", w):
            return sum(3 if c == "w" else 1 for c in w)
    total = 0
    for part in _SPLIT_RE.split(word.lower()):
        if part:
            total += _word_syllables(part)
    # an apostrophe suffix ("don't", "person's") adds no syllable
    if "'" in word or "’" in word:
        parts = [p for p in _SPLIT_RE.split(word.lower()) if p]
        if len(parts) > 1 and parts[-1] in ("s", "t", "re", "ve", "ll", "d", "m"):
            total -= _word_syllables(parts[-1])
    return max(total, 1)


def _word_re(text: str) -> re.Pattern[str]:
    return _ASCII_WORD_RE if text.isascii() else WORD_RE


def words(text: str) -> list[str]:
    return _word_re(text).findall(text)


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    if end is None:
        end = len(text)
    if text.isascii():
        chunk = text.encode()[start:end].translate(_KEEP_WORD_BYTES)
        if b"'" not in chunk and b"-" not in chunk:
            return len(chunk.split())
        return len(_ASCII_WORD_RE.findall(text, start, end))
    return len(WORD_RE.findall(text, start, end))


_WORDS_WHOLE: tuple[frozenset[str] | None, bool] | None = None


def _sentences_keep_words() -> bool:
    """No ``WORD_RE`` word can span two of ``nlp.sentences``: every sentence-final
    character is a single character that is neither a word character nor one of the
    joiners inside a word ("'", "’", "-", "‐").  A word then ends before that character,
    and what follows it up to the next sentence (punctuation tokens, spaces) holds no
    word character, so the words of a block are those of its sentences, in order."""
    global _WORDS_WHOLE
    chars = nlp.sentence_final_chars()
    if _WORDS_WHOLE is None or _WORDS_WHOLE[0] is not chars:
        ok = chars is not None and all(
            len(c) == 1 and not re.match(r"[^\W_]|['’\-‐]", c) for c in chars
        )
        _WORDS_WHOLE = (chars, ok)
    return _WORDS_WHOLE[1]


def block_word_count(analysis: Analysis, block: Block) -> int:
    """``count_words(block.text)`` for a paragraph, list item or quote, from the shared
    sentence rows when they are sure to hold every word of the block once
    (``_sentences_keep_words``, and the block is not cut for spaCy); counted otherwise."""
    text = block.text
    if block.kind in _TABLE_KINDS and len(text) <= nlp.MAX_BLOCK_CHARS and _sentences_keep_words():
        return sum(sentence_rows(analysis, block)[2::4])
    return count_words(text)


# -- which blocks are prose -------------------------------------------------


def _is_prose(block: Block) -> bool:
    if block.kind in ("paragraph", "quote"):
        return True
    if block.kind == "list_item":
        return block.text.rstrip().endswith(_SENTENCE_END)
    return False


def prose_blocks(article: Article) -> Iterator[Block]:
    """The blocks readability is measured on (see the module docstring)."""
    return (b for b in article.blocks if _is_prose(b))


# -- per-sentence statistics -------------------------------------------------


@dataclass(frozen=True)
class SentenceStat:
    block_index: int
    start: int  # offsets in block.text
    end: int
    words: int
    syllables: int
    polysyllables: int  # words of 3+ syllables
    complex_words: int  # Gunning fog "complex" words
    letters: int
    unfamiliar: int  # words not on the Dale–Chall list
    line: int  # 1-based line in the source file (set by hardest_sentences; 0 elsewhere)

    @property
    def flesch_kincaid(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words + 11.8 * self.syllables / self.words - 15.59


_INFLECTIONS = ("ies", "es", "s", "ed", "ing", "er", "est", "ly")


def _familiar(w: str, easy: frozenset[str]) -> bool:
    if w.isdigit() or w in easy:
        return True
    for suf in _INFLECTIONS:
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)]
            if stem in easy or stem + "e" in easy or (suf == "ies" and stem + "y" in easy):
                return True
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in easy:  # "stopped"
                return True
    return False


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    """The Dale–Chall list of familiar words, ``rules/dale-chall-familiar-words.txt``
    (generated from textstat's public API by ``tools/build_word_lists.py``)."""
    from medlint.packs import packs_dir

    text = (packs_dir() / "dale-chall-familiar-words.txt").read_text(encoding="utf-8")
    return frozenset(
        w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")
    )


def is_familiar(word: str) -> bool:
    """Whether ``word`` (or a regular inflection of it) is on the Dale–Chall familiar list."""
    return _familiar(word.lower(), _easy_words())


_WORD_INFO: dict[str, tuple[int, int, bool, bool]] = {}


def _word_info(w: str) -> tuple[int, int, bool, bool]:
    """(syllables, letters, familiar, complex-if-not-a-name) for one word, cached."""
    info = _WORD_INFO.get(w)
    if info is None:
        s = syllables(w)
        low = w.lower()
        complex_word = (
            s >= 3
            and "-" not in w
            and not any(
                low.endswith(x) and syllables(low[: -len(x)]) < 3 for x in ("es", "ed", "ing")
            )
        )
        info = (s, sum(1 for c in w if c.isalpha()), _familiar(low, _easy_words()), complex_word)
        if len(_WORD_INFO) < 200_000:
            _WORD_INFO[w] = info
    return info


# Per-word counts packed into one int, so that a sentence's counts are ``sum(map(...))``
# over its words, in C, with no Python loop per word.  Each field has 24 bits: a sentence,
# and a block's sentences, lie inside one spaCy Doc (at most nlp.MAX_BLOCK_CHARS = 200,000
# characters; a word has at most 3 syllables per character), so no field of such a sum
# can reach 2**24 and carry into the next field.
_BITS = 24
_MASK = (1 << _BITS) - 1
_LETTERS = _BITS  # shifts of the fields; syllables at 0
_UNFAMILIAR = 2 * _BITS
_POLY = 3 * _BITS
_COMPLEX = 4 * _BITS  # complex words, counting a capitalised word as a name (not complex)
_ONE_COMPLEX = 1 << _COMPLEX
_PACKED: dict[str, int] = {}


# A capitalised complex word counts as complex only as the first word of a sentence (a
# name elsewhere): _sentence_sum adds this much for it.  Filled by _packed, which every
# word goes through before its packed counts can be found in _PACKED (never capped).
_FIRST_EXTRA: dict[str, int] = {}


def _packed(w: str) -> int:
    """The packed counts of one word as it appears after the first word of a sentence."""
    got = _PACKED.get(w)
    if got is None:
        s, let, familiar, complex_word = _word_info(w)
        got = s | let << _LETTERS | (not familiar) << _UNFAMILIAR | (s >= 3) << _POLY
        if complex_word:
            if w[:1].isupper():
                _FIRST_EXTRA[w] = _ONE_COMPLEX
            else:
                got |= _ONE_COMPLEX
        if len(_PACKED) < 200_000:
            _PACKED[w] = got
    return got


def _sentence_sum(found: list[str]) -> int:
    """Packed counts of a sentence's words (``found``, non-empty), as they used to be
    counted word by word: a capitalised complex word is a name (not complex), except as
    the first word of the sentence."""
    try:
        total: int = sum(map(_PACKED.get, found))  # type: ignore[arg-type]
    except TypeError:  # a word not seen before (None in the sum)
        total = sum(map(_packed, found))
    return total + _FIRST_EXTRA.get(found[0], 0)


# The sentences of a block as one flat list of ints, four per sentence: start, end (offsets
# in block.text), words, packed counts.  Flat rather than a tuple per sentence: these stay
# for the whole article, and every kept tuple is one more object for the garbage collector to
# track and scan.  ``rows_of`` iterates them as (start, end, words, packed).
SentenceRows = list[int]
_TABLE_KINDS = ("paragraph", "list_item", "quote")


def rows_of(rows: SentenceRows) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, words, packed counts) for each sentence of ``sentence_rows``."""
    it = iter(rows)
    return zip(it, it, it, it, strict=True)


def sentence_rows(analysis: Analysis, block: Block) -> SentenceRows:
    """Word counts (and packed readability counts) of every sentence of a paragraph, list
    item or quote, computed once per article and shared by P601, P602 and P603 (four
    ints per sentence: see ``SentenceRows`` and ``rows_of``).

    A sentence's words are ``WORD_RE.findall(block.text, start, end)`` (what
    ``count_words`` counts); sentences are ``nlp.sentences``.
    Other block kinds get an empty list.
    """
    table = analysis.fact(_row_table)
    rows = table.get(block.index)
    if rows is None:
        if block.kind in _TABLE_KINDS:
            rows = table[block.index] = _rows(analysis.doc(block), block)
        else:
            rows = table[block.index] = []
    return rows


def _row_table(analysis: Analysis) -> dict[int, SentenceRows]:
    return {}


def _rows(doc: Doc, block: Block) -> SentenceRows:
    text = block.text
    rows: SentenceRows = []
    extend = rows.extend
    sents = nlp.sentences(doc)
    summed = _sentence_sum
    if text.isascii():  # see _KEEP_WORD_BYTES
        kept = text.encode().translate(_KEEP_WORD_BYTES)
        if b"'" not in kept and b"-" not in kept:  # no sentence needs the regex
            plain = kept.decode()
            get, extra = _PACKED.get, _FIRST_EXTRA.get
            for sent in sents:
                start, end = sent.start_char, sent.end_char
                found = plain[start:end].split()
                if not found:
                    extend((start, end, 0, 0))
                    continue
                try:  # _sentence_sum, inlined
                    total: int = sum(map(get, found))  # type: ignore[arg-type]
                except TypeError:
                    total = sum(map(_packed, found))
                extend((start, end, len(found), total + extra(found[0], 0)))
            return rows
        findall = _ASCII_WORD_RE.findall
        for sent in sents:
            start, end = sent.start_char, sent.end_char
            chunk = kept[start:end]
            if b"'" in chunk or b"-" in chunk:
                found = findall(text, start, end)
            else:
                found = chunk.decode().split()
            extend((start, end, len(found), summed(found) if found else 0))
        return rows
    findall = WORD_RE.findall
    for sent in sents:
        start, end = sent.start_char, sent.end_char
        found = findall(text, start, end)
        extend((start, end, len(found), summed(found) if found else 0))
    return rows


def _unpack(block_index: int, start: int, end: int, n: int, p: int, line: int = 0) -> SentenceStat:
    return SentenceStat(
        block_index,
        start,
        end,
        n,
        p & _MASK,
        p >> _POLY & _MASK,
        p >> _COMPLEX & _MASK,
        p >> _LETTERS & _MASK,
        p >> _UNFAMILIAR & _MASK,
        line,
    )


def sentence_stats(analysis: Analysis) -> list[SentenceStat]:
    """One entry per prose sentence (with at least one word), computed once per article."""
    return list(analysis.fact(_sentence_stats))


def _sentence_stats(analysis: Analysis) -> tuple[SentenceStat, ...]:
    return tuple(
        _unpack(block.index, start, end, n, p)
        for block in prose_blocks(analysis.article)
        for start, end, n, p in rows_of(sentence_rows(analysis, block))
        if n
    )


@dataclass
class _ProseRows:
    """The sentence rows of all prose blocks (``prose_blocks``), once per article."""

    rows: SentenceRows  # every prose block's rows, in reading order, one flat list
    owner: list[int]  # per sentence: the index of its block
    # The same sentences in lists whose packed counts can be summed without one field
    # carrying into the next: ``rows`` itself when the prose has at most 5,000,000
    # characters (24-bit fields; at most 3 syllables per character), else each block's.
    sums: list[SentenceRows]


_MAX_SUMMED_CHARS = 5_000_000


def _prose_rows(analysis: Analysis) -> _ProseRows:
    return analysis.fact(_make_prose_rows)


def _make_prose_rows(analysis: Analysis) -> _ProseRows:
    flat: SentenceRows = []
    owner: list[int] = []
    per_block: list[SentenceRows] = []
    chars = 0
    for block in prose_blocks(analysis.article):
        rows = sentence_rows(analysis, block)
        if rows:
            flat += rows
            owner += [block.index] * (len(rows) // 4)
            per_block.append(rows)
            chars += len(block.text)
    return _ProseRows(flat, owner, [flat] if chars <= _MAX_SUMMED_CHARS else per_block)


def hardest_sentences(analysis: Analysis, n: int = 3, min_words: int = 5) -> list[SentenceStat]:
    """The ``n`` sentences with the highest Flesch–Kincaid grade (ties: earlier first).

    Ranked straight from the shared sentence rows (the grade is computed with the same
    float operations as ``SentenceStat.flesch_kincaid``); only the winners become
    SentenceStat objects.  Grades are compared rounded to 6 decimals, ties in reading
    order.  Rounding keeps order (a higher grade never rounds lower), so a sentence whose
    grade is more than 1e-5 below the ``n``-th highest rounds below at least ``n`` others
    and cannot be chosen: only the sentences near the top are rounded and ranked.
    """
    floor = max(min_words, 1)  # sentences with words, and at least min_words of them
    article = analysis.article
    prose = _prose_rows(analysis)
    rows = prose.rows
    counts = rows[2::4]
    packed = rows[3::4]
    chosen = [k for k, w in enumerate(counts) if w >= floor]  # the sentences ranked
    fks = [0.39 * counts[k] + 11.8 * (packed[k] & _MASK) / counts[k] - 15.59 for k in chosen]
    order: range | list[int] = range(len(fks))
    if 0 < n < len(fks):
        nth = heapq.nlargest(n, fks)[-1]
        order = [j for j in order if fks[j] >= nth - 1e-5]
    keys = [-round(fks[j], 6) for j in order]
    # highest grades first, ties in reading order (nsmallest with a key is a stable sort)
    if n > 0:
        best = heapq.nsmallest(n, range(len(keys)), key=keys.__getitem__)
    else:  # (a count of 0 or less slices, as a list would)
        best = sorted(range(len(keys)), key=keys.__getitem__)[:n]
    out = []
    for pos in best:
        k = chosen[order[pos]]
        index, i = prose.owner[k], 4 * k
        line = article.line_of(article.blocks[index].src_offset(rows[i]))
        out.append(_unpack(index, rows[i], rows[i + 1], rows[i + 2], rows[i + 3], line))
    return out


# -- formulas -------------------------------------------------------------------


def dale_chall_grade(score: float) -> float:
    """Map a Dale–Chall raw score to the top grade of its published band."""
    if score <= 0:
        return 0.0
    bands = ((4.9, 4.0), (5.9, 6.0), (6.9, 8.0), (7.9, 10.0), (8.9, 12.0), (9.9, 15.0))
    for upper, g in bands:
        if score < upper + 0.1:
            return g
    return 16.0


def _formulas(
    s: int, w: int, syl: int, poly: int, cplx: int, letters: int, unfamiliar: int
) -> dict[str, float | int]:
    out: dict[str, float | int] = {
        "words": w,
        "sentences": s,
        "syllables": syl,
        "polysyllables": poly,
    }
    if not w or not s:
        for k in (
            "flesch_kincaid",
            "flesch_reading_ease",
            "smog",
            "gunning_fog",
            "coleman_liau",
            "dale_chall",
            "dale_chall_grade",
        ):
            out[k] = 0.0
        return out
    wps = w / s
    spw = syl / w
    pct_unfamiliar = 100.0 * unfamiliar / w
    dc = 0.1579 * pct_unfamiliar + 0.0496 * wps + (3.6365 if pct_unfamiliar > 5 else 0.0)
    vals = {
        "flesch_kincaid": 0.39 * wps + 11.8 * spw - 15.59,
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "smog": 1.0430 * math.sqrt(poly * 30.0 / s) + 3.1291,
        "gunning_fog": 0.4 * (wps + 100.0 * cplx / w),
        "coleman_liau": 0.0588 * (100.0 * letters / w) - 0.296 * (100.0 * s / w) - 15.8,
        "dale_chall": dc,
        "dale_chall_grade": dale_chall_grade(dc),
    }
    for k, v in vals.items():
        out[k] = round(v, 2)
    return out


def grades(analysis: Analysis) -> dict[str, float | int]:
    """Readability of the article's prose, computed once per article.

    Keys: ``words``, ``sentences``, ``syllables``, ``polysyllables`` (ints) and
    ``flesch_kincaid``, ``flesch_reading_ease``, ``smog``, ``gunning_fog``,
    ``coleman_liau``, ``dale_chall`` (raw score), ``dale_chall_grade`` (floats,
    rounded to 2 decimals).  An article with no prose gets zeros.
    """
    return dict(analysis.fact(_grades))


def _grades(analysis: Analysis) -> dict[str, float | int]:
    return _grades_of(_prose_rows(analysis).sums)


def _grades_of(sums: list[SentenceRows]) -> dict[str, float | int]:
    # Totals straight from the shared sentence rows (no SentenceStat per sentence).  The
    # packed counts are summed, then split into fields (see ``_prose_rows``).
    s = w = syl = poly = cplx = letters = unfamiliar = 0
    for rows in sums:
        counts = rows[2::4]
        s += len(counts) - counts.count(0)  # sentences with words
        w += sum(counts)
        p = sum(rows[3::4])  # a sentence without words adds 0
        if p:
            syl += p & _MASK
            letters += p >> _LETTERS & _MASK
            unfamiliar += p >> _UNFAMILIAR & _MASK
            poly += p >> _POLY & _MASK
            cplx += p >> _COMPLEX & _MASK
    return _formulas(s, w, syl, poly, cplx, letters, unfamiliar)


def grade(values: dict[str, float | int], formula: str) -> float:
    """The grade level of ``values`` (from :func:`grades`) by a formula option value."""
    return float(values[FORMULAS[formula]])


def text_grades(text: str) -> dict[str, float | int]:
    """Readability of a free text (sentences split by the shared spaCy pipeline)."""
    from medlint import nlp
    from medlint.document.model import Block, Segment

    block = Block("paragraph", text, [Segment(0, 0, len(text), len(text))], index=0)
    return _grades_of([_rows(nlp.get_nlp()(text), block)])
