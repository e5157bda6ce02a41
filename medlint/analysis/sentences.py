"""The sentence that holds a token or a span, looked up in the Doc's cached sentence list.

``Span.sent`` walks the tokens' sentence-start flags on every use; the rules that ask for
the sentence of every match (claims, advertising) look it up here instead: the sentence
list comes from ``nlp.sentences`` and the sentence starts are kept beside it in the Doc.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from medlint import nlp

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

_STARTS_KEY = ("medlint", "sentence-starts")


def sent_at(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``: ``doc[i].sent``."""
    sents = nlp.sentences(doc)
    data: dict[Any, Any] = doc.user_data
    starts: list[int] | None = data.get(_STARTS_KEY)
    if starts is None:
        starts = data[_STARTS_KEY] = [s.start for s in sents]
    return sents[bisect_right(starts, i) - 1]


def sentence_of(span: Span) -> Span:
    """The sentence holding the span's first token (as spaCy defines it)."""
    return sent_at(span.doc, span.start)


def previous_sentence(span: Span) -> Span | None:
    """The sentence before the one holding ``span``, in the same Doc."""
    s = sentence_of(span)
    if s.start == 0:
        return None
    return sent_at(span.doc, s.start - 1)
