"""The parts of a news article the N rules read: its sentences, its title and its lede.

A news story puts what matters in the headline and the first paragraphs (the "lede");
several criteria ask whether something is said there (N804) or anywhere (N802, N803…).
:func:`news_sentences` lists every sentence of the title, the headings and the prose, once
per article; :func:`lede` is the title plus the first paragraphs (:func:`opening`: and
further paragraphs up to a number of words); :func:`neighbourhood`
is the text around a block (the paragraph before and after), where a figure that answers
a claim is expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis import Analysis, per_article

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

#: how many prose paragraphs after the title count as the lede (a deck line and the
#: first paragraph of a scraped story are often two blocks)
LEDE_PARAGRAPHS = 2


@dataclass(frozen=True)
class Sentence:
    """One sentence: its block, its offsets in ``block.text`` and its text."""

    block: Block
    start: int
    end: int
    text: str

    @property
    def in_title(self) -> bool:
        return self.block.kind == "title" or (
            self.block.kind == "meta" and self.block.meta_key == "title"
        )


def is_title(block: Block) -> bool:
    return block.kind == "title" or (block.kind == "meta" and block.meta_key == "title")


def read_blocks(analysis: Analysis) -> list[Block]:
    """The title (front matter or first line), headings and prose blocks, in order."""
    return [b for b in analysis.article.blocks if is_title(b) or b.kind == "heading" or b.is_prose]


@per_article
def news_sentences(analysis: Analysis) -> list[Sentence]:
    """Every sentence of :func:`read_blocks`, in order (computed once per article)."""
    out: list[Sentence] = []
    for block in read_blocks(analysis):
        doc = analysis.doc(block)
        for sent in nlp.sentences(doc):
            text = sent.text
            if text.strip():
                out.append(Sentence(block, sent.start_char, sent.end_char, text))
    return out


@per_article
def lede(analysis: Analysis) -> list[Block]:
    """The title, any heading before the body, and the first :data:`LEDE_PARAGRAPHS` prose
    paragraphs."""
    out: list[Block] = []
    paragraphs = 0
    for block in read_blocks(analysis):
        if block.is_prose:
            if paragraphs == LEDE_PARAGRAPHS:
                break
            paragraphs += 1
        elif not is_title(block) and paragraphs:
            break  # a heading after the first paragraph starts the body
        out.append(block)
    return out


def opening(analysis: Analysis, words: int) -> list[Block]:
    """The :func:`lede`, then further prose paragraphs (headings passed over) until the
    prose read holds at least ``words`` words: where a feature story that opens with a
    person names what it is about."""
    out = list(lede(analysis))
    seen = {b.index for b in out}
    count = sum(len(b.text.split()) for b in out if b.is_prose)
    for block in read_blocks(analysis):
        if count >= words:
            break
        if block.index in seen or not block.is_prose:
            continue
        out.append(block)
        count += len(block.text.split())
    return out


def neighbourhood(analysis: Analysis, block: Block, before: int = 1, after: int = 1) -> list[Block]:
    """``block`` and up to ``before``/``after`` prose blocks around it (headings end it)."""
    blocks = read_blocks(analysis)
    try:
        i = next(k for k, b in enumerate(blocks) if b.index == block.index)
    except StopIteration:
        return [block]
    out = [block]
    for step, count in ((-1, before), (1, after)):
        k = i + step
        while count and 0 <= k < len(blocks) and blocks[k].is_prose:
            out.append(blocks[k])
            count -= 1
            k += step
    return sorted(out, key=lambda b: b.index)
