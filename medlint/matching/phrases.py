"""One PhraseMatcher pass per Doc for every phrase list the selected rules declared.

Calling a PhraseMatcher costs a few microseconds even when nothing matches, and the claim
and advertising rules ask about several phrase lists of every block.  The lists of a
:class:`~medlint.matching.MatchLayer` are compiled into one matcher (``LOWER``); each Doc
is matched once and the matches are handed out by key.  A key that cannot be shared (see
:func:`_compile`) or that matches another attribute gets its own matcher through
``nlp.phrase_matcher``.  ``tests/test_matching.py`` compares both with plain matchers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medlint import nlp, packs

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from medlint.analysis import Analysis
    from medlint.document.model import Block
    from medlint.matching import MatchLayer, PhraseList

_SEP = "\x1f"  # between key and phrase in the shared matcher's labels
_NO_MATCHES: dict[str, list[tuple[str, int, int]]] = {}  # never modified
Compiled = tuple[Any, dict[int, tuple[str, str]], frozenset[str]]


@packs.pack_cache
def _compile(lists: tuple[PhraseList, ...]) -> Compiled:
    """The shared PhraseMatcher (``LOWER``), its match ids → (key, phrase), and its keys.

    Per key, the phrases are de-duplicated and added as ``nlp.phrase_matcher`` adds them,
    so a key's matches are those of its own matcher: the same spans in the same order
    (by start, then length).  The one thing a shared matcher cannot reproduce is the order
    of *several labels on one span*; a key whose list has two phrases with the same tokens
    but different lower-case text (where that order could show) keeps its own matcher."""
    from spacy.matcher import PhraseMatcher

    pipeline = nlp.get_nlp()
    strings = pipeline.vocab.strings
    matcher = PhraseMatcher(pipeline.vocab, attr="LOWER")
    labels: dict[int, tuple[str, str]] = {}
    keys: set[str] = set()
    for pl in lists:
        if pl.attr != "LOWER":
            continue
        phrases = [p for p in dict.fromkeys(pl.phrases()) if p]
        docs = [pipeline.make_doc(p) for p in phrases]
        lower_of: dict[tuple[str, ...], str] = {}
        if any(
            lower_of.setdefault(tuple(nlp.lowers(d)), p.lower()) != p.lower()
            for p, d in zip(phrases, docs, strict=True)
        ):
            continue
        for p, d in zip(phrases, docs, strict=True):
            label = pl.key + _SEP + p
            matcher.add(label, [d])
            labels[strings.add(label)] = (pl.key, p)
        keys.add(pl.key)
    return matcher, labels, frozenset(keys)


def compiled(layer: MatchLayer) -> Compiled:
    return _compile(layer.lists_key)


def doc_matches(layer: MatchLayer, doc: Doc) -> dict[str, list[tuple[str, int, int]]]:
    """The shared matcher's matches in ``doc`` by key, computed once per Doc and layer."""
    data: dict[Any, Any] = doc.user_data
    slot = ("medlint", "phrase-matches", id(compiled(layer)[0]))
    got: dict[str, list[tuple[str, int, int]]] | None = data.get(slot)
    if got is None:
        matcher, labels, _ = compiled(layer)
        got = {}
        for mid, s, e in matcher(doc):
            k, phrase = labels[mid]
            got.setdefault(k, []).append((phrase, s, e))
        data[slot] = got or _NO_MATCHES  # most Docs: one shared (unmodified) dict
    return got


def phrase_matches(layer: MatchLayer, doc: Doc, key: str) -> list[tuple[str, int, int]]:
    """(phrase, start, end) of every match of ``key``'s phrases in ``doc``, in the order of
    ``nlp.phrase_matcher(key, phrases, attr)(doc)``."""
    if key not in compiled(layer)[2]:
        pl = layer.phrase_lists.get(key)
        if pl is None:
            raise KeyError(f"phrase list {key!r} was not declared in the rule's needs")
        matcher = nlp.phrase_matcher(key, pl.phrases(), pl.attr)
        return [(nlp.label(mid), s, e) for mid, s, e in matcher(doc)]
    return doc_matches(layer, doc).get(key, [])


def blocks_with(
    layer: MatchLayer, analysis: Analysis, keys: tuple[str, ...], prose: bool
) -> list[Block]:
    """The body blocks (``prose``: the prose blocks), in order, that can have a match of
    one of ``keys``: those whose Doc has one, when the keys are all in the shared matcher.
    Otherwise every block."""
    if not all(k in compiled(layer)[2] for k in keys):
        return analysis.prose_blocks if prose else analysis.body_blocks
    index = _block_index(layer, analysis)
    found = [b for k in keys for b in index.get(k, ())]
    if len(keys) > 1:
        found = sorted({b.index: b for b in found}.values(), key=lambda b: b.index)
    return [b for b in found if b.is_prose] if prose else found


def _block_index(layer: MatchLayer, analysis: Analysis) -> dict[str, list[Block]]:
    """Key → the body blocks with a match of it, once per article and layer."""
    memo = analysis.memo("matching.phrases")
    got: dict[str, list[Block]] | None = memo.get(layer)
    if got is None:
        got = memo[layer] = {}
        docs = analysis.docs
        for block in analysis.body_blocks:
            for k in doc_matches(layer, docs[block.index]):
                got.setdefault(k, []).append(block)
    return got


def labelled(matches: list[tuple[str, int, int]], doc: Doc) -> list[tuple[str, Span]]:
    """The longest non-overlapping of ``matches`` as spans, each with the phrase that matched
    (the first given for that span).  Most blocks have no match: they return before any
    Span is made."""
    if not matches:
        return []
    from spacy.util import filter_spans

    by_span: dict[tuple[int, int], str] = {}
    spans = []
    for label, s, e in matches:
        by_span.setdefault((s, e), label)
        spans.append(doc[s:e])
    return [
        (by_span[(s.start, s.end)], s) for s in sorted(filter_spans(spans), key=lambda x: x.start)
    ]
