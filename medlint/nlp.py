"""One lazily built spaCy pipeline, shared by every rule.

``spacy.blank("en")`` + ``sentencizer`` + a ``LEMMA`` attribute equal to the
lower-case form, so Matcher patterns may use ``LEMMA``.  (Rules that need
inflections list them, as ``rules/safety.yaml`` does: spaCy's English lookup
table is too crude for medical text - "does" becomes "doe", "as" becomes "a" -
and loading it cost a quarter of a second at every start.)  If a trained
English pipeline happens to be installed and ``MEDLINT_SPACY_MODEL`` names it,
it is used instead, with its own lemmas; medlint never requires one.

Matchers are compiled once per process and cached by a key.  A token
:func:`matcher` groups its patterns by *anchor* (a required token with literal
``LOWER``/``ORTH``/``TEXT``/``LEMMA`` values): a block that contains no anchor
word of any pattern is skipped, and one that contains the anchors of a single
group runs only that group (spaCy's Matcher costs tokens x patterns).  Results,
order included, are exactly those of one spaCy Matcher.

Performance notes (see docs/performance.md): ``docs_for`` runs the tokenizer
and then sets sentence starts and lemmas in one array pass that gives exactly what
the ``sentencizer`` and ``medlint_lemmas`` components give (``nlp.pipe`` adds
batching overhead for the many short blocks of an article, and the sentencizer
makes a Python Token object per token; tests/test_nlp.py compares the two).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from medlint.spacy_adapter import import_spacy
from medlint.spacy_adapter import prepare_spacy_import as prepare_spacy_import  # re-export

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span

    from medlint.document.model import Article

_NLP: Language | None = None
_NEEDS_PIPE = False  # a trained pipeline (MEDLINT_SPACY_MODEL) is run with nlp.pipe
_MATCHERS: dict[tuple[str, str, str], Any] = {}
MAX_BLOCK_CHARS = 200_000  # longer blocks are tokenised in pieces of at most this size
# spaCy's tokenizer strips prefixes and suffixes one at a time and searches the rest of the
# whitespace-free chunk again after each, so a long run of punctuation ("[[[[…", "!!!!…")
# costs the square of its length.  Runs of at least PUNCT_RUN such characters are
# tokenised in pieces of PUNCT_PIECE characters (the pieces' Docs are joined into one, so
# offsets are exact; the tokens change only inside such a run, if at all).
PUNCT_RUN = 256
PUNCT_PIECE = 128
_PUNCT_RUN = re.compile(rf"(?:[^\w\s]|_){{{PUNCT_RUN},}}")
_SENTENCE_GAP = re.compile(r"[.!?][\"')\]]*\s(?=\S)")  # where a sentence likely ends
_GAP = re.compile(r"\s(?=\S)")  # a whitespace character before a word


def _lower_lemmas(doc: Doc) -> Doc:
    """The ``medlint_lemmas`` component: ``LEMMA`` = ``LOWER``, set as one array copy."""
    from spacy.attrs import LEMMA, LOWER

    if len(doc):
        doc.from_array([LEMMA], doc.to_array([LOWER]))  # type: ignore[arg-type]
    return doc


_PUNCT_HASHES: frozenset[int] | None = None  # the sentencizer's punct_chars (blank pipeline)
_PUNCT_CHARS: frozenset[str] | None = None  # the same characters
_NOT_START = 2**64 - 1  # SENT_START -1 ("not a sentence start") in a uint64 array


def _sentences_and_lemmas(doc: Doc) -> Doc:
    """The ``sentencizer`` and ``medlint_lemmas`` components in one pass over token arrays.

    spaCy's Sentencizer starts a sentence at the first token after a sentence-final
    character (its ``punct_chars``) that is neither such a character nor punctuation; the
    first token always starts one.  The same test runs here over (ORTH, IS_PUNCT) hashes,
    without creating a Token object per token, and LEMMA (= LOWER) is written in the same
    ``from_array`` call.
    """
    from spacy.attrs import IS_PUNCT, LEMMA, LOWER, ORTH, SENT_START

    n = len(doc)
    if not n or _PUNCT_HASHES is None:
        return doc
    arr = doc.to_array([LOWER, ORTH, IS_PUNCT])
    punct = _PUNCT_HASHES
    starts = [_NOT_START] * n
    starts[0] = 1
    seen = False
    for i, (orth, is_punct) in enumerate(arr[:, 1:].tolist()):
        if orth in punct:
            seen = True
        elif seen and not is_punct:
            starts[i] = 1
            seen = False
    user_data: dict[Any, Any] = doc.user_data
    for i in user_data.get(_PIECE_STARTS_KEY, ()):  # a long block's length cuts
        starts[i] = 1
    user_data[_LOWER_HASHES_KEY] = arr[:, 0].tolist()  # for lower_hashes(): no second copy
    arr[:, 1] = starts
    doc.from_array([LEMMA, SENT_START], arr[:, :2])  # type: ignore[arg-type]
    return doc


def get_nlp() -> Language:
    global _NLP, _NEEDS_PIPE
    if _NLP is not None:
        return _NLP
    spacy = import_spacy()
    from spacy.language import Language

    model = os.environ.get("MEDLINT_SPACY_MODEL")
    nlp: Language | None = None
    if model and spacy.util.is_package(model):
        nlp = spacy.load(model, exclude=["ner", "parser"])
        if "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        _NEEDS_PIPE = True
    if nlp is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        name = "medlint_lemmas"
        if name not in Language.factories:
            Language.component(name, func=_lower_lemmas)
        nlp.add_pipe(name)
    nlp.max_length = max(nlp.max_length, MAX_BLOCK_CHARS * 2)
    global _PUNCT_HASHES, _PUNCT_CHARS
    _PUNCT_HASHES = _PUNCT_CHARS = None
    if nlp.pipe_names == ["sentencizer", "medlint_lemmas"]:
        punct_chars = nlp.get_pipe("sentencizer").punct_chars  # type: ignore[union-attr]
        _PUNCT_CHARS = frozenset(punct_chars)
        _PUNCT_HASHES = frozenset(nlp.vocab.strings.add(c) for c in punct_chars)
    _NLP = nlp
    return nlp


def lemma_is_lower() -> bool:
    """True when every token's ``LEMMA`` is its lower-case form: medlint's own pipeline, not
    a trained one (``MEDLINT_SPACY_MODEL``) with real lemmas."""
    get_nlp()
    return _PUNCT_CHARS is not None


def sentence_final_chars() -> frozenset[str] | None:
    """The characters after which ``sentences`` may start a sentence (the sentencizer's
    ``punct_chars``: a sentence starts at the first token after one of them that is not
    itself punctuation), or None with a trained pipeline, where sentences may start
    anywhere.  Rules use it to know, from the text alone, where sentences cannot start."""
    get_nlp()
    return _PUNCT_CHARS


def _block_cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of ``text`` that starts at ``start`` and may not reach
    ``limit``: after the last sentence end in its second half, else after its last
    whitespace character before a word, else at ``limit``."""
    lo = start + (limit - start) // 2
    cut = -1
    for m in _SENTENCE_GAP.finditer(text, lo, limit):
        cut = m.end()
    if cut == -1:
        for m in _GAP.finditer(text, lo, limit):
            cut = m.end()
    return cut if cut > start else limit


def _length_cuts(text: str) -> list[int]:
    """Cuts into pieces of at most MAX_BLOCK_CHARS, at a sentence end or a space."""
    cuts: list[int] = []
    start = 0
    while len(text) - start > MAX_BLOCK_CHARS:
        start = _block_cut(text, start, start + MAX_BLOCK_CHARS)
        cuts.append(start)
    return cuts


def piece_bounds(text: str) -> list[int]:
    """The offsets where ``text`` is cut for tokenising (empty: in one piece): pieces of
    at most MAX_BLOCK_CHARS cut at a sentence end or a space, and long runs of punctuation
    cut every PUNCT_PIECE characters."""
    cuts = _length_cuts(text) if len(text) > MAX_BLOCK_CHARS else []
    if len(text) >= PUNCT_RUN:
        for m in _PUNCT_RUN.finditer(text):
            cuts.extend(range(m.start() + PUNCT_PIECE, m.end(), PUNCT_PIECE))
    return sorted(set(cuts))


def _pieces(text: str) -> list[str] | None:
    """``text`` cut at :func:`piece_bounds`, or None when it is tokenised whole."""
    cuts = piece_bounds(text)
    if not cuts:
        return None
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds) if b > a]


_PIECE_STARTS_KEY = ("medlint", "piece-starts")


def tokenize(text: str) -> Doc:
    """The tokenizer's Doc for ``text`` (no pipeline component), tokenised in pieces when
    it is long or has a long run of punctuation (:func:`piece_bounds`): one Doc whose text
    is exactly ``text``.  A text longer than MAX_BLOCK_CHARS gets a sentence start at each
    of its length cuts (kept in ``user_data``), so no sentence is longer than that."""
    tokenizer = get_nlp().tokenizer
    pieces = _pieces(text)
    if pieces is None:
        return tokenizer(text)
    from spacy.tokens import Doc

    docs = [tokenizer(p) for p in pieces]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if len(text) > MAX_BLOCK_CHARS:
        starts = set(_length_cuts(text))
        firsts: list[int] = []
        chars = tokens = 0
        for piece, d in zip(pieces, docs, strict=True):
            if chars in starts and tokens < len(doc):
                firsts.append(tokens)
            chars += len(piece)
            tokens += len(d)
        user_data: dict[Any, Any] = doc.user_data
        user_data[_PIECE_STARTS_KEY] = firsts
    return doc


def _piped(nlp: Language, texts: list[str]) -> list[Doc]:
    """``nlp.pipe`` over ``texts``, each long text run in pieces and joined into one Doc."""
    from spacy.tokens import Doc

    out: list[Doc] = []
    for text in texts:
        pieces = _pieces(text)
        if pieces is None:
            out.extend(nlp.pipe([text]))
        else:
            out.append(Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False))
    return out


def docs_for(article: Article) -> list[Doc]:
    """One Doc per block, over the block's whole text (long blocks are tokenised in
    pieces, see :func:`tokenize`)."""
    nlp = get_nlp()
    texts = [b.text for b in article.blocks]
    if _NEEDS_PIPE:
        if any(piece_bounds(t) for t in texts):
            return _piped(nlp, texts)
        return list(nlp.pipe(texts, batch_size=64))
    if _PUNCT_HASHES is not None:  # the blank pipeline: its two components in one pass
        return [_sentences_and_lemmas(tokenize(text)) for text in texts]
    # Another rule-based pipeline: tokenizer then each component, with no batching machinery.
    procs = [proc for _, proc in nlp.pipeline]
    docs: list[Doc] = []
    for text in texts:
        doc = tokenize(text)
        for proc in procs:
            doc = proc(doc)
        docs.append(doc)
    return docs


_LOWERS_KEY = ("medlint", "lowers")
_SENTS_KEY = ("medlint", "sentences")
_LOWER_HASHES_KEY = ("medlint", "lower-hashes")


def lower_hashes(doc: Doc) -> list[int]:
    """The string-store hash of every token's lower-case form (``LOWER``), computed once per
    Doc (the default pipeline keeps it from its annotation pass).  Do not modify the list."""
    data: dict[Any, Any] = doc.user_data
    got: list[int] | None = data.get(_LOWER_HASHES_KEY)
    if got is None:
        from spacy.attrs import LOWER

        got = doc.to_array(LOWER).tolist() if len(doc) else []
        data[_LOWER_HASHES_KEY] = got
    return got


def lowers(doc: Doc) -> list[str]:
    """The lower-case form of every token, computed once per Doc and shared by every rule.

    Cheaper than ``[t.lower_ for t in doc]`` (which makes a Token object per token) and free
    the second time; index it with token offsets.  Do not modify the list.
    """
    data: dict[Any, Any] = doc.user_data
    got: list[str] | None = data.get(_LOWERS_KEY)
    if got is None:
        strings = doc.vocab.strings
        got = [strings[h] for h in lower_hashes(doc)]
        data[_LOWERS_KEY] = got
    return got


def known_lowers(doc: Doc) -> list[str] | None:
    """``lowers(doc)`` when a rule has already computed it for this Doc, else None (computing
    it costs about as much as making a Token object per token, more than the few tokens a
    short window reads).  Do not modify the list."""
    data: dict[Any, Any] = doc.user_data
    got: list[str] | None = data.get(_LOWERS_KEY)
    return got


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a Doc as a list, computed once per Doc (``doc.sents`` rescans the
    whole Doc on every use).  Do not modify the list."""
    data: dict[Any, Any] = doc.user_data
    got: list[Span] | None = data.get(_SENTS_KEY)
    if got is None:
        got = list(doc.sents) if len(doc) else []
        data[_SENTS_KEY] = got
    return got


def make_doc(text: str) -> Doc:
    """Tokenise a pack phrase the way article text is tokenised (no pipeline components)."""
    return get_nlp().make_doc(text)


def phrase_matcher(key: str, phrases: Iterable[str], attr: str = "LOWER") -> PhraseMatcher:
    """A PhraseMatcher for ``phrases``, compiled once per process under ``key``.

    Each phrase is added under its own label (the phrase itself), so
    ``nlp.vocab.strings[match_id]`` gives back the pack entry that matched.
    """
    cache_key = ("phrase", key, attr)  # rules call this per block: keep the lookup cheap
    m = _MATCHERS.get(cache_key)
    if m is None:
        from spacy.matcher import PhraseMatcher

        nlp = get_nlp()
        m = PhraseMatcher(nlp.vocab, attr=attr)
        for p in dict.fromkeys(phrases):
            if not p:
                continue
            doc = nlp(p) if attr == "LEMMA" else nlp.make_doc(p)
            m.add(p, [doc])
        _MATCHERS[cache_key] = m
    return m


def matcher(key: str, patterns: dict[str, list[list[dict[str, Any]]]]) -> AnchoredMatcher:
    """A token Matcher compiled once per process under ``key``; ``patterns`` maps label → patterns.

    Called like spaCy's Matcher (on a Doc or Span, with ``as_spans``/``with_alignments``).
    Patterns are grouped by their anchor word(s) so that a block runs only the groups
    whose anchors it contains (see the module docstring); results are the same.
    """
    cache_key = ("matcher", key, "")
    m = _MATCHERS.get(cache_key)
    if m is None:
        m = AnchoredMatcher(get_nlp().vocab)
        for label, pats in patterns.items():
            m.add(label, pats)
        _MATCHERS[cache_key] = m
    return m


# -- anchored token matchers ------------------------------------------------------

_ANCHOR_ATTRS = {"LOWER": "LOWER", "ORTH": "LOWER", "TEXT": "LOWER", "LEMMA": "LEMMA"}


def _is_optional(op: Any) -> bool:
    """True when a token with this ``OP`` may match zero tokens (or is a negation)."""
    if op is None or op in ("+", "1"):
        return False
    if op in ("?", "*", "!"):
        return True
    text = str(op)
    if text.startswith("{"):
        low = text[1:].split(",", 1)[0].strip("} ")
        return not (low.isdigit() and int(low) >= 1)
    return True  # unknown operator: do not rely on this token


def _anchor(
    pattern: list[dict[str, Any]], stop_words: frozenset[str] = frozenset()
) -> tuple[str, frozenset[str]] | None:
    """(attribute, words) such that a match needs one of the words in the document, or None.

    Every required token with a literal ``LOWER``/``ORTH``/``TEXT``/``LEMMA`` value (or an
    ``IN`` list of them) is a candidate (``ORTH``/``TEXT`` values compared in lower case, a
    necessary condition for the exact match); the rarest-looking one is chosen: no stop
    words first, then the longest shortest word ("studies" rather than "many" or "show").
    """
    best: tuple[tuple[bool, int], str, frozenset[str]] | None = None
    for spec in pattern:
        if not isinstance(spec, dict) or _is_optional(spec.get("OP")):
            continue
        for attr, value in spec.items():
            kind = _ANCHOR_ATTRS.get(str(attr).upper())
            if kind is None:
                continue
            words: list[Any]
            if isinstance(value, str):
                words = [value]
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"} and "IN" in value:
                words = list(value["IN"])
            else:
                continue
            if not words or not all(isinstance(w, str) for w in words):
                continue
            if str(attr).upper() in ("ORTH", "TEXT"):
                words = [w.lower() for w in words]
            score = (not any(w.lower() in stop_words for w in words), min(len(w) for w in words))
            if best is None or score > best[0]:
                best = (score, kind, frozenset(words))
    return None if best is None else (best[1], best[2])


class AnchoredMatcher:
    """A spaCy Matcher whose patterns are also grouped by anchor (see ``_anchor``).

    A call looks up which groups have their anchor words in the Doc/Span.  None: there
    can be no match, and nothing runs.  One (counting the patterns without an anchor as a
    group): only that group's Matcher runs.  Several: the Matcher of all the patterns runs.
    The result is always exactly spaCy's, order included: patterns that cannot match leave
    no trace in the Matcher's output, and each group keeps the patterns' order.
    ``on_match`` and ``greedy`` make every call use the Matcher of all the patterns.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self._adds: list[tuple[str, list[list[dict[str, Any]]], Any, str | None]] = []
        self._groups: dict[tuple[str, frozenset[str]] | None, Any] = {}
        self._index: dict[str, dict[int, list[Any]]] = {}  # attr -> word hash -> matchers
        self._full: Any = None  # the Matcher of all the patterns, compiled when first needed
        self._grouped = True  # False once on_match/greedy are used

    def add(
        self,
        key: str,
        patterns: list[list[dict[str, Any]]],
        *,
        on_match: Any = None,
        greedy: str | None = None,
    ) -> None:
        from spacy.matcher import Matcher

        self._adds.append((key, patterns, on_match, greedy))
        if self._full is not None:
            self._full.add(key, patterns, on_match=on_match, greedy=greedy)
        if on_match is not None or greedy is not None:
            self._grouped = False
        if not self._grouped:
            return
        strings = self.vocab.strings
        stop_words = frozenset(get_nlp().Defaults.stop_words)
        for p in patterns:
            anchor = _anchor(p, stop_words)
            m = self._groups.get(anchor)
            if m is None:
                m = self._groups[anchor] = Matcher(self.vocab)
                if anchor is not None:
                    attr, words = anchor
                    index = self._index.setdefault(attr, {})
                    for w in words:
                        index.setdefault(strings.add(w), []).append(m)
            m.add(key, [p])

    def _all(self) -> Any:
        if self._full is None:
            from spacy.matcher import Matcher

            self._full = Matcher(self.vocab)
            for key, patterns, on_match, greedy in self._adds:
                self._full.add(key, patterns, on_match=on_match, greedy=greedy)
        return self._full

    def __len__(self) -> int:
        return len({k for k, *_ in self._adds})

    def __contains__(self, key: str) -> bool:
        return any(k == key for k, *_ in self._adds)

    def _present(self, doclike: Any, attr: str) -> set[int]:
        from spacy.attrs import IDS

        doc = doclike.doc if hasattr(doclike, "doc") and doclike.doc is not doclike else doclike
        cache = doc.user_data.setdefault(("medlint", "anchor-words"), {})
        full = cache.get(attr)
        if full is None:
            arr = doc.to_array([IDS[attr]]).tolist() if len(doc) else []
            full = cache[attr] = (arr, set(arr))
        if doclike is doc:
            return full[1]
        return set(full[0][doclike.start : doclike.end])

    def __call__(self, doclike: Any, **kwargs: Any) -> Any:
        if not self._grouped:
            return self._all()(doclike, **kwargs)
        active = self._groups.get(None)  # patterns without an anchor can always match
        for attr, index in self._index.items():
            for h in self._present(doclike, attr):
                for m in index.get(h, ()):
                    if active is None:
                        active = m
                    elif m is not active:
                        return self._all()(doclike, **kwargs)
        if active is None:
            return []
        return active(doclike, **kwargs)


def label(match_id: int) -> str:
    return str(get_nlp().vocab.strings[match_id])


def clear_matchers() -> None:
    _MATCHERS.clear()
