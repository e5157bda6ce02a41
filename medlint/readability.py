"""Readability measures for an article's prose, offline and deterministic.

medlint never lets textstat count syllables: textstat 0.7.x looks every word up in
NLTK's CMU dictionary and *downloads* it on first use, which breaks hermetic CI and
makes grades depend on whether the download happened.  Instead:

* sentences are the shared spaCy sentences (``article.doc(block).sents``);
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
  Dale–Chall list of familiar words is read from textstat's bundled
  ``resources/en/easy_words.txt`` without importing textstat (importing it would
  import NLTK).

Which text counts as *prose*: paragraphs and block quotes, and list items that are
sentences (they end in ``.``, ``!`` or ``?``).  Titles, headings, front matter values,
table cells and list fragments ("Dizziness", "Tremors: shaking of the hands") are left
out because readability formulas assume running sentences; code is never in a block.

``grades(article)`` is computed once per article and cached in ``article.cache``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
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
    "offline_textstat",
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

CACHE_KEY = "readability"
_SENT_KEY = "readability.sentences"

# A word: letters or digits, with inner hyphens/apostrophes ("anti-inflammatory", "don't").
WORD_RE = re.compile(r"[^\W_]+(?:['’\-‐][^\W_]+)*")
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


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    return len(WORD_RE.findall(text, start, len(text) if end is None else end))


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
    """The Dale–Chall list of familiar words bundled with textstat (read, not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("textstat")  # does not import textstat (or NLTK)
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        path = Path(root) / "resources" / "en" / "easy_words.txt"
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            return frozenset(w.strip().lower() for w in text.splitlines() if w.strip())
    return frozenset()  # pragma: no cover - textstat is a dependency


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


def _sentence_stat(article: Article, block: Block, start: int, end: int) -> SentenceStat | None:
    found = WORD_RE.findall(block.text, start, end)
    if not found:
        return None
    get = _WORD_INFO.get
    infos = [get(w) or _word_info(w) for w in found]
    syl = poly = cplx = letters = unfamiliar = 0
    for i, (s, let, familiar, complex_word) in enumerate(infos):
        syl += s
        letters += let
        if s >= 3:
            poly += 1
            if complex_word and not (i and found[i][:1].isupper()):  # names are not "complex"
                cplx += 1
        if not familiar:
            unfamiliar += 1
    n = len(found)
    return SentenceStat(block.index, start, end, n, syl, poly, cplx, letters, unfamiliar, 0)


def sentence_stats(article: Article) -> list[SentenceStat]:
    """One entry per prose sentence, cached per article."""
    cached = article.cache.get(_SENT_KEY)
    if cached is not None:
        return list(cached)
    out: list[SentenceStat] = []
    for block in prose_blocks(article):
        for sent in article.doc(block).sents:
            st = _sentence_stat(article, block, sent.start_char, sent.end_char)
            if st is not None:
                out.append(st)
    article.cache[_SENT_KEY] = tuple(out)
    return out


def hardest_sentences(article: Article, n: int = 3, min_words: int = 5) -> list[SentenceStat]:
    """The ``n`` sentences with the highest Flesch–Kincaid grade (ties: earlier first)."""
    stats = [s for s in sentence_stats(article) if s.words >= min_words]
    ranked = sorted(enumerate(stats), key=lambda t: (-round(t[1].flesch_kincaid, 6), t[0]))
    out = []
    for _, st in ranked[:n]:
        block = article.blocks[st.block_index]
        line = article.line_of(block.src_offset(st.start))
        out.append(replace(st, line=line))
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


def _compute(stats: list[SentenceStat]) -> dict[str, float | int]:
    s = len(stats)
    w = sum(x.words for x in stats)
    syl = sum(x.syllables for x in stats)
    poly = sum(x.polysyllables for x in stats)
    cplx = sum(x.complex_words for x in stats)
    letters = sum(x.letters for x in stats)
    unfamiliar = sum(x.unfamiliar for x in stats)
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


def grades(article: Article) -> dict[str, float | int]:
    """Readability of the article's prose, cached in ``article.cache``.

    Keys: ``words``, ``sentences``, ``syllables``, ``polysyllables`` (ints) and
    ``flesch_kincaid``, ``flesch_reading_ease``, ``smog``, ``gunning_fog``,
    ``coleman_liau``, ``dale_chall`` (raw score), ``dale_chall_grade`` (floats,
    rounded to 2 decimals).  An article with no prose gets zeros.
    """
    cached = article.cache.get(CACHE_KEY)
    if cached is not None:
        return dict(cached)
    out = _compute(sentence_stats(article))
    article.cache[CACHE_KEY] = dict(out)
    return out


def grade(values: dict[str, float | int], formula: str) -> float:
    """The grade level of ``values`` (from :func:`grades`) by a formula option value."""
    return float(values[FORMULAS[formula]])


def text_grades(text: str) -> dict[str, float | int]:
    """Readability of a free text (sentences split by the shared spaCy pipeline)."""
    from medlint import nlp
    from medlint.document.model import Article, Block, Segment

    block = Block("paragraph", text, [Segment(0, 0, len(text), len(text))], index=0)
    art = Article(path="<text>", source=text, fmt="txt", blocks=[block])
    art.__dict__["docs"] = [nlp.get_nlp()(text)]
    return grades(art)


def offline_textstat() -> object:
    """textstat, configured so that it never reaches for NLTK's cmudict.

    medlint does not use textstat for its own grades; this is for code that wants
    textstat's other measures.  textstat's syllable counter is replaced by
    :func:`syllables`, so no download is attempted and counts match medlint's.
    (Importing textstat still imports NLTK, which is slow; avoid it on hot paths.)
    """
    import importlib

    import textstat

    def count_syllables(text: str, lang: str = "en_US") -> int:
        return sum(syllables(w) for w in WORD_RE.findall(text))

    patched = "medlint_offline"
    if not getattr(textstat, patched, False):
        for name in (
            "textstat.backend.utils._get_cmudict",
            "textstat.backend.counts._count_syllables",
        ):
            mod = importlib.import_module(name)
            mod.get_cmudict = lambda lang: None  # type: ignore[attr-defined]
        import sys

        for name, mod in list(sys.modules.items()):
            if name.startswith("textstat") and hasattr(mod, "count_syllables"):
                setattr(mod, "count_syllables", count_syllables)  # noqa: B010
        setattr(textstat, patched, True)
    return textstat
