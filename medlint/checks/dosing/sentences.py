"""The dosing context of a sentence: the doses it names, and whether it holds a number and a
dosing verb.  Computed once per block per article (M701, M705, M706 ask), from the shared
spaCy sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis import Analysis, per_article
from medlint.checks.dosing.units import Units, has_digit, units

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article, Block


@dataclass
class DoseSentence:
    start: int
    end: int
    doses: list[tuple[int, int]]
    numbers: bool
    verb: bool

    @property
    def dosing(self) -> bool:
        return bool(self.doses) or (self.numbers and self.verb)


@per_article
def _sentence_table(analysis: Analysis) -> dict[int, list[DoseSentence]]:
    return {}


def sentences(analysis: Analysis, block: Block) -> list[DoseSentence]:
    """The dosing sentences of ``block``, computed once per article."""
    table = _sentence_table(analysis)
    got = table.get(block.index)
    if got is None:
        got = table[block.index] = compute_sentences(analysis.article, block, units())
    return got


def compute_sentences(article: Article, block: Block, u: Units) -> list[DoseSentence]:
    """The dosing sentences of ``block`` (not cached: see ``sentences``)."""
    out: list[DoseSentence] = []
    text = block.text
    for sent in nlp.sentences(article.doc(block)):
        s, e = sent.start_char, sent.end_char
        chunk = text[s:e]
        # str.isdigit also accepts superscripts ("m²"), which \d does not: look at those
        # only in non-ASCII text
        digit = has_digit(chunk) or (not chunk.isascii() and any(c.isdigit() for c in chunk))
        doses = [(s + m.start(), s + m.end()) for m in u.dose.finditer(chunk)] if digit else []
        verb = bool(u.verbs.search(chunk)) if (u.verbs and digit) else False
        out.append(DoseSentence(s, e, doses, digit, verb))
    return out


def sentence_at(sents: list[DoseSentence], i: int) -> DoseSentence | None:
    for s in sents:
        if s.start <= i < s.end:
            return s
    return sents[-1] if sents and i >= sents[-1].start else None


def dose_context(article: Article, block: Block, start: int) -> bool:
    """Whether offset ``start`` of ``block`` lies in a sentence about a dose (for other rules)."""
    s = sentence_at(compute_sentences(article, block, units()), start)
    return bool(s and s.dosing)
