"""Around a claim word: the tokens of its clause, its neighbours, questions and names, and
word-list tests on those tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis.sentences import sentence_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from medlint.document.model import Block

# Clause boundaries for negation and hedge windows (punctuation and contrast words).
BOUNDARY_PUNCT = frozenset({";", ":", "—", "–"})
BOUNDARY_WORDS = frozenset({"but", "however", "although", "though", "whereas", "yet"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def _lower_at(doc: Doc, lows: list[str] | None, i: int) -> str:
    return lows[i] if lows is not None else doc[i].lower_


def before(span: Span, n: int) -> list[str]:
    """The lower-case forms of up to ``n`` tokens before ``span`` in its clause, nearest
    first (a token that is clause punctuation is the same in lower case)."""
    out: list[str] = []
    doc = span.doc
    lows = nlp.known_lowers(doc)
    stop = sentence_of(span).start
    i = span.start - 1
    while i >= stop and len(out) < n:
        low = _lower_at(doc, lows, i)
        if low in BOUNDARY_PUNCT or low in BOUNDARY_WORDS:
            break
        out.append(low)
        i -= 1
    return out


def after(span: Span, n: int) -> list[str]:
    """The lower-case forms of up to ``n`` tokens after ``span`` in its clause, nearest
    first (see ``before``)."""
    out: list[str] = []
    doc = span.doc
    lows = nlp.known_lowers(doc)
    stop = sentence_of(span).end
    i = span.end
    while i < stop and len(out) < n:
        low = _lower_at(doc, lows, i)
        if low in BOUNDARY_PUNCT or low in BOUNDARY_WORDS or low in ".!?":
            break
        out.append(low)
        i += 1
    return out


def is_question(span: Span, text: str) -> bool:
    """The span's sentence ends with a question mark.  ``text`` is the text of the span's
    block, which its Doc was made from: the tokenizer keeps every character, so the
    sentence's character offsets cut the same text from it as from ``doc.text`` (a block
    cut for spaCy, ``nlp.MAX_BLOCK_CHARS``, has the Doc's text as its beginning)."""
    sent = sentence_of(span)
    cut = text[sent.start_char : sent.end_char]
    cut = cut.rstrip().rstrip("".join(QUOTES)).rstrip()
    return cut.endswith("?")


def prev_token(span: Span) -> Token | None:
    """The token before ``span`` in its sentence."""
    return span.doc[span.start - 1] if span.start > sentence_of(span).start else None


def next_token(span: Span) -> Token | None:
    """The token after ``span`` in its sentence."""
    return span.doc[span.end] if span.end < sentence_of(span).end else None


def is_name_use(block: Block, span: Span) -> bool:
    """A capitalised word mid-sentence in running text ("Cure Alzheimer's Fund") is a name."""
    if block.kind in ("title", "heading", "meta"):
        return False
    first = span[0]
    if not first.text[:1].isupper() or first.i == sentence_of(span).start:
        return False
    prev = span.doc[first.i - 1]
    return prev.text not in QUOTES and prev.text not in ":(-–—"


# Modal verbs skipped before a verb ("many people might use it") and the copulas
# ("the damage is widespread").
MODALS = frozenset({"might", "may", "could", "can"})
COPULAS = frozenset({"is", "are", "was", "were"})


def has_any(words: list[str], vocab: frozenset[str]) -> bool:
    """Is one of ``words`` in ``vocab``?"""
    return any(t in vocab for t in words)


def contains_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Does one of ``phrases`` (each one or more words) start at some word of ``words``?"""
    text = " " + " ".join(words) + " "
    return any(f" {p} " in text for p in phrases)


def starts_with(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Do ``words`` begin with one of ``phrases`` (each one or more words)?"""
    text = " ".join(words) + " "
    return any(text.startswith(p + " ") for p in phrases)
