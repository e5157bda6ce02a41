"""C4xx: claims and evidence (HealthNewsReview criteria; HONcode justifiability).

All rules read the article's shared spaCy Docs (``ctx.article.doc(block)``) and the
shared evidence (``medlint.evidence``: citations, named sources, stated rates).
Word lists live in rules/frequency.yaml, rules/attribution.yaml,
rules/absolute-claims.yaml and rules/hype.yaml.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.analysis.evidence import Evidence, Rate, evidence, format_rate
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from medlint.document.model import Article, Block

# Clause boundaries for negation and hedge windows (punctuation and contrast words).
_BOUNDARY_PUNCT = frozenset({";", ":", "—", "–"})
_BOUNDARY_WORDS = frozenset({"but", "however", "although", "though", "whereas", "yet"})
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


# -- shared helpers -----------------------------------------------------------


_STARTS_KEY = ("medlint", "sentence-starts")


def body_list(art: Article) -> list[Block]:
    """``list(art.body_blocks())``, made once per article (the rules walk the body blocks
    several times; the generator costs a step per block, meta blocks included, each time).
    Do not modify the list."""
    got: list[Block] | None = art.cache.get("body-blocks")
    if got is None:
        got = art.cache["body-blocks"] = list(art.body_blocks())
    return got


def _sent_at(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``: ``doc[i].sent``, looked up in the Doc's cached
    sentence list (``Span.sent`` walks the tokens' sentence-start flags on every use)."""
    sents = nlp.sentences(doc)
    data: dict[Any, Any] = doc.user_data
    starts: list[int] | None = data.get(_STARTS_KEY)
    if starts is None:
        starts = data[_STARTS_KEY] = [s.start for s in sents]
    return sents[bisect_right(starts, i) - 1]


def _sent(span: Span) -> Span:
    """``_sent(span)``: the sentence holding the span's first token (as spaCy defines it)."""
    return _sent_at(span.doc, span.start)


def _str_list(value: Any) -> list[str]:
    return [str(x) for x in value or [] if x is not None]


# -- one PhraseMatcher pass per block for every phrase list ------------------------
#
# Calling a PhraseMatcher costs a few microseconds even when nothing matches, and the
# claim and advertising rules ask about eight phrase lists of every block.  The lists are
# registered here by matcher key (``register_phrases``) and compiled into one matcher;
# each Doc is matched once and the matches are handed out by key.  A key that is not
# registered (or cannot be shared, see ``_shared_matcher``) gets its own matcher through
# ``nlp.phrase_matcher`` as before.

_PHRASE_LISTS: dict[str, Callable[[], Iterable[str]]] = {}
_SEP = "\x1f"  # between key and phrase in the shared matcher's labels
_MATCHES_KEY = ("medlint", "shared-phrase-matches")
_NO_MATCHES: dict[str, list[tuple[str, int, int]]] = {}  # never modified


def register_phrases(key: str, getter: Callable[[], Iterable[str]]) -> None:
    """Give the phrases matched under ``key`` (``getter`` reads them from a pack) to the
    shared matcher.  ``getter`` must return what the rule passes with that key."""
    _PHRASE_LISTS[key] = getter
    _shared_matcher.cache_clear()  # type: ignore[attr-defined]  # (a pack_cache function)


@packs.pack_cache
def _shared_matcher() -> tuple[Any, dict[int, tuple[str, str]], frozenset[str]]:
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
    for key, getter in _PHRASE_LISTS.items():
        phrases = [p for p in dict.fromkeys(getter()) if p]
        docs = [pipeline.make_doc(p) for p in phrases]
        lower_of: dict[tuple[str, ...], str] = {}
        if any(
            lower_of.setdefault(tuple(nlp.lowers(d)), p.lower()) != p.lower()
            for p, d in zip(phrases, docs, strict=True)
        ):
            continue
        for p, d in zip(phrases, docs, strict=True):
            label = key + _SEP + p
            matcher.add(label, [d])
            labels[strings.add(label)] = (key, p)
        keys.add(key)
    return matcher, labels, frozenset(keys)


def _phrase_matches(
    doc: Doc, key: str, phrases: Iterable[str], attr: str = "LOWER"
) -> list[tuple[str, int, int]]:
    """(phrase, start, end) of every match of ``key``'s phrases in ``doc``, in the order of
    ``nlp.phrase_matcher(key, phrases, attr)(doc)``."""
    if attr != "LOWER" or key not in _shared_matcher()[2]:
        return [(nlp.label(mid), s, e) for mid, s, e in nlp.phrase_matcher(key, phrases, attr)(doc)]
    return _doc_matches(doc).get(key, [])


def _doc_matches(doc: Doc) -> dict[str, list[tuple[str, int, int]]]:
    """The shared matcher's matches in ``doc`` by key, computed once per Doc."""
    data: dict[Any, Any] = doc.user_data
    got: dict[str, list[tuple[str, int, int]]] | None = data.get(_MATCHES_KEY)
    if got is None:
        matcher, labels, _ = _shared_matcher()
        got = {}
        for mid, s, e in matcher(doc):
            k, phrase = labels[mid]
            got.setdefault(k, []).append((phrase, s, e))
        data[_MATCHES_KEY] = got or _NO_MATCHES  # most Docs: one shared (unmodified) dict
    return got


def _blocks_with(art: Article, *keys: str, prose: bool = False) -> Iterable[Block]:
    """The body blocks (``prose``: the prose blocks), in order, that can have a match of one
    of ``keys``: those whose Doc has one, when the keys are all in the shared matcher
    (a block without any has nothing for the rule to report).  Otherwise every block."""
    if not all(k in _shared_matcher()[2] for k in keys):
        return art.prose_blocks() if prose else art.body_blocks()
    index: dict[str, list[Block]] | None = art.cache.get("claims:blocks-by-key")
    if index is None:
        index = {}
        docs = art.docs
        for block in body_list(art):
            for k in _doc_matches(docs[block.index]):
                index.setdefault(k, []).append(block)
        art.cache["claims:blocks-by-key"] = index
    found = [b for k in keys for b in index.get(k, ())]
    if len(keys) > 1:
        found = sorted({b.index: b for b in found}.values(), key=lambda b: b.index)
    return [b for b in found if b.is_prose] if prose else found


def _spans(doc: Doc, key: str, phrases: Iterable[str], attr: str = "LOWER") -> list[Span]:
    """Longest non-overlapping matches of pack phrases in ``doc``.

    Most blocks have no match: they return before any Span is made."""
    matches = _phrase_matches(doc, key, phrases, attr)
    if not matches:
        return []
    from spacy.util import filter_spans

    found = [doc[s:e] for _, s, e in matches]
    return sorted(filter_spans(found), key=lambda s: s.start)


def _labelled(
    doc: Doc, key: str, phrases: Iterable[str], attr: str = "LOWER"
) -> list[tuple[str, Span]]:
    """Like :func:`_spans` but with the pack phrase that matched."""
    matches = _phrase_matches(doc, key, phrases, attr)
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


def _known_lowers(doc: Doc) -> list[str] | None:
    """``nlp.lowers(doc)`` when a rule has already computed it for this Doc, else None
    (computing it costs about as much as making a Token object per token, more than the
    few tokens a clause window reads)."""
    data: dict[Any, Any] = doc.user_data
    got: list[str] | None = data.get(nlp._LOWERS_KEY)  # (where nlp.lowers keeps it)
    return got


def _lower_at(doc: Doc, lows: list[str] | None, i: int) -> str:
    return lows[i] if lows is not None else doc[i].lower_


def _before(span: Span, n: int) -> list[str]:
    """The lower-case forms of up to ``n`` tokens before ``span`` in its clause, nearest
    first (a token that is clause punctuation is the same in lower case)."""
    out: list[str] = []
    doc = span.doc
    lows = _known_lowers(doc)
    stop = _sent(span).start
    i = span.start - 1
    while i >= stop and len(out) < n:
        low = _lower_at(doc, lows, i)
        if low in _BOUNDARY_PUNCT or low in _BOUNDARY_WORDS:
            break
        out.append(low)
        i -= 1
    return out


def _after(span: Span, n: int) -> list[str]:
    """The lower-case forms of up to ``n`` tokens after ``span`` in its clause, nearest
    first (see ``_before``)."""
    out: list[str] = []
    doc = span.doc
    lows = _known_lowers(doc)
    stop = _sent(span).end
    i = span.end
    while i < stop and len(out) < n:
        low = _lower_at(doc, lows, i)
        if low in _BOUNDARY_PUNCT or low in _BOUNDARY_WORDS or low in ".!?":
            break
        out.append(low)
        i += 1
    return out


def _is_question(span: Span, text: str) -> bool:
    """The span's sentence ends with a question mark.  ``text`` is the text of the span's
    block, which its Doc was made from: the tokenizer keeps every character, so the
    sentence's character offsets cut the same text from it as from ``doc.text`` (a block
    cut for spaCy, ``nlp.MAX_BLOCK_CHARS``, has the Doc's text as its beginning)."""
    sent = _sent(span)
    cut = text[sent.start_char : sent.end_char]
    cut = cut.rstrip().rstrip("".join(_QUOTES)).rstrip()
    return cut.endswith("?")


def _prev_token(span: Span) -> Token | None:
    return span.doc[span.start - 1] if span.start > _sent(span).start else None


def _next_token(span: Span) -> Token | None:
    return span.doc[span.end] if span.end < _sent(span).end else None


def _is_name_use(block: Block, span: Span) -> bool:
    """A capitalised word mid-sentence in running text ("Cure Alzheimer's Fund") is a name."""
    if block.kind in ("title", "heading", "meta"):
        return False
    first = span[0]
    if not first.text[:1].isupper() or first.i == _sent(span).start:
        return False
    prev = span.doc[first.i - 1]
    return prev.text not in _QUOTES and prev.text not in ":(-–—"


@packs.pack_cache
def _claim_words() -> tuple[frozenset[str], frozenset[str]]:
    pack = packs.load("absolute-claims")
    neg = frozenset(w.lower().replace("’", "'") for w in _str_list(pack.get("negators")))
    hedge = frozenset(w.lower() for w in _str_list(pack.get("hedges")))
    return neg, hedge


def _negated(span: Span, before: int = 8, after: int = 4) -> bool:
    neg, _ = _claim_words()
    window = _before(span, before) + _after(span, after)
    return any(t.replace("’", "'") in neg for t in window)


def _hedged(span: Span, before: int = 8, after: int = 4) -> bool:
    _, hedge = _claim_words()
    window = _before(span, before) + _after(span, after)
    return any(t in hedge for t in window)


def _supported_near(ev: Evidence, block: Block, span: Span) -> bool:
    sent = _sent(span)
    return ev.supported(block, sent.start_char, sent.end_char) or bool(
        ev.rates_in(block, sent.start_char, sent.end_char)
    )


def _token_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _sentences(doc: Doc) -> list[Span]:
    return list(doc.sents)


def _prev_sentence(span: Span) -> Span | None:
    doc = span.doc
    s = _sent(span)
    if s.start == 0:
        return None
    return _sent_at(doc, s.start - 1)


# -- C401 / C402: frequency words ------------------------------------------------


@dataclass(frozen=True)
class _Band:
    name: str
    lo: float
    hi: float
    label: str


@packs.pack_cache
def _frequency() -> dict[str, Any]:
    pack = packs.load("frequency")
    bands: dict[str, _Band] = {}
    for name, spec in (pack.get("bands") or {}).items():
        if isinstance(spec, dict):
            bands[str(name)] = _Band(
                str(name),
                float(spec.get("min", 0.0)),
                float(spec.get("max", 1.0)),
                str(spec.get("label", "")),
            )
    words: dict[str, str] = {}
    for band, phrases in (pack.get("band_words") or {}).items():
        for p in _str_list(phrases if isinstance(phrases, list) else [phrases]):
            words[p.lower()] = str(band)
    stems = {w for w in words if " " not in w}
    return {
        "bands": bands,
        "band_words": words,
        "band_stems": frozenset(x for x in stems if not any(o != x and o in x for o in stems)),
        "claims": _str_list(pack.get("claims")) + _str_list(pack.get("quantities")),
        "quantities": _str_list(pack.get("quantities")),
        "quantity_set": frozenset(w.lower() for w in _str_list(pack.get("quantities"))),
        "condition_nouns": frozenset(w.lower() for w in _str_list(pack.get("condition_nouns"))),
        "rare_categories": frozenset(w.lower() for w in _str_list(pack.get("rare_categories"))),
        "effect_verbs": frozenset(w.lower() for w in _str_list(pack.get("effect_verbs"))),
        "non_condition": frozenset(w.lower() for w in _str_list(pack.get("non_condition_nouns"))),
        "adverse_nouns": frozenset(w.lower() for w in _str_list(pack.get("adverse_nouns"))),
        "topics": frozenset(w.lower() for w in _str_list(pack.get("topics"))),
        "not_after": frozenset(w.lower() for w in _str_list(pack.get("not_after"))),
        "not_before": frozenset(w.lower() for w in _str_list(pack.get("not_before"))),
        "not_context": frozenset(w.lower() for w in _str_list(pack.get("not_context"))),
        "word_not_before": {
            str(k).lower(): frozenset(w.lower() for w in _str_list(v))
            for k, v in (pack.get("word_not_before") or {}).items()
            if isinstance(v, list)
        },
        "adverse": frozenset(w.lower() for w in _str_list(pack.get("adverse_context"))),
        "rate_window": int(pack.get("rate_window") or 12),
    }


def _has_word(sent: Span, words: frozenset[str], lemmas: bool = True) -> bool:
    """``any(t.lower_ in words or t.lemma_ in words for t in sent)`` (``lemmas=False``:
    only ``lower_``), read from ``nlp.lowers`` without Token objects; the lemmas are read
    only when a trained pipeline gives lemmas other than the lower-case forms."""
    if not words.isdisjoint(nlp.lowers(sent.doc)[sent.start : sent.end]):
        return True
    return lemmas and not nlp.lemma_is_lower() and any(t.lemma_ in words for t in sent)


def _has_topic(span: Span, freq: dict[str, Any]) -> bool:
    """The sentence (or, when it has no subject of its own, the one before) is about an
    effect or a condition."""
    topics: frozenset[str] = freq["topics"]
    sent = _sent(span)
    if _has_word(sent, topics):
        return True
    if _has_word(sent, freq["non_condition"], lemmas=False):
        return False  # "… treatments …, of which the most common are paracetamol …"
    prev = _prev_sentence(span)
    return prev is not None and _has_word(prev, topics)


_STOPS = frozenset(
    {
        "of", "in", "for", "that", "which", "who", "with", "to", "among", "at", "on", "by",
        "from", "than", "as", "like", "such", "including", "is", "are", "was", "were", "be",
        "been", "can", "could", "may", "might", "will", "would", "should", "must", "do",
        "does", "did", "has", "have", "had", "but", "and", "or", "nor", "if", "when", "while",
        "because", "although", "especially", "after", "before", "during", "within",
    }
)  # fmt: skip


def _noun_phrase(span: Span) -> list[Token]:
    """For an attributive use ("a rare side effect"), the words of the phrase it describes."""
    doc = span.doc
    i = span.end
    head: Token | None = None
    out: list[Token] = []
    while i < _sent(span).end and i < span.end + 6:
        tok = doc[i]
        low = tok.lower_
        if tok.text == "-" or tok.text == "‑":
            i += 1
            continue
        if low in ("and", "or", "but") and head is not None:
            nxt = doc[i + 1] if i + 1 < _sent(span).end else None
            if nxt is not None and nxt.is_alpha and nxt.lower_ not in _STOPS:
                i += 1
                continue
            break
        if not tok.is_alpha or low in _STOPS:
            break
        head = tok
        out.append(tok)
        i += 1
    return out


def _about_effect(span: Span, freq: dict[str, Any]) -> bool:
    """Is this use of a frequency word a claim about how often an effect or condition occurs?"""
    low = span.text.lower()
    prev = _prev_token(span)
    if prev is not None and prev.text in ('"', "“", "‘", "'"):
        return False  # a quoted term: what he calls "infrequent tension headaches"
    if low in freq["quantity_set"]:
        window = _after(span, 10)
        return any(t in freq["effect_verbs"] or t in freq["adverse_nouns"] for t in window)
    if span[-1].lower_.endswith("ly"):
        near = _before(span, 3) + _after(span, 3)
        return any(t in freq["effect_verbs"] or t in freq["condition_nouns"] for t in near)
    nxt = _next_token(span)
    if nxt is not None and nxt.is_alpha and nxt.lower_ not in _STOPS:
        phrase = _noun_phrase(span)
        if not phrase:
            return False
        if span[-1].lower_ == "rare" and any(t.lower_ in freq["rare_categories"] for t in phrase):
            return False  # "rare disease", "a rare genetic disorder": a category name
        nouns: frozenset[str] = freq["condition_nouns"]
        if any(t.lower_ in nouns or t.lemma_ in nouns for t in phrase):
            return True
        head = phrase[-1]
        if head.lower_ in ("type", "types", "form", "forms", "kind", "kinds"):
            after = span.doc[head.i + 1] if head.i + 1 < _sent(span).end else None
            if after is not None and after.lower_ == "of":
                return True  # "the most common form of leukemia"
            return _has_topic(span, freq)
        return False
    return _has_topic(span, freq)


def _frequency_context_ok(span: Span, freq: dict[str, Any]) -> bool:
    """Shared filters: not a comparison, not "common sense", not "commonly prescribed"."""
    prev = _prev_token(span)
    if prev is not None and prev.lower_ in freq["not_before"]:
        return False
    if prev is not None and prev.lower_ in freq["word_not_before"].get(span.text.lower(), ()):
        return False
    nxt = _next_token(span)
    if nxt is not None and nxt.lower_ in freq["not_after"]:
        return False
    # adverbs: "commonly prescribed", "is frequently used" — the verb a word or two later
    if span[-1].lower_.endswith("ly"):
        for t in _after(span, 2):
            if t in freq["not_context"]:
                return False
    return True


def _block_context(article: Article, block: Block) -> list[Block]:
    """The block plus the lead-in a list item or short paragraph hangs from."""
    out = [block]
    if block.index > 0:
        prev = article.blocks[block.index - 1]
        lead_in = block.kind == "list_item" or prev.kind == "heading"
        if (lead_in or prev.text.rstrip().endswith(":")) and prev.kind != "title":
            out.append(prev)
    return out


def _may_name_band(text: str, freq: dict[str, Any]) -> bool:
    """A cheap test before any token work: does the text contain a band word at all?"""
    low = text.lower()
    return any(stem in low for stem in freq["band_stems"])


def _band_name(span: Span, freq: dict[str, Any]) -> str | None:
    words: dict[str, str] = freq["band_words"]
    return words.get(span.text.lower().replace("’", "'"))


def _nearest_rate(ev: Evidence, block: Block, span: Span, window: int) -> Rate | None:
    """The rate beside a frequency word: same sentence, within ``window`` tokens, not a
    relative change ("a 50% reduction")."""
    doc = span.doc
    sent = _sent(span)
    best: tuple[int, Rate] | None = None
    for r in ev.rates_in(block, sent.start_char, sent.end_char):
        rspan = _token_span(doc, r.start, r.end)
        if rspan is None or _rate_is_change(doc, rspan):
            continue
        dist = rspan.start - span.end if rspan.start >= span.end else span.start - rspan.end
        if dist <= window and (best is None or dist < best[0]):
            best = (dist, r)
    return best[1] if best else None


def _consistent(rate: Rate, band: _Band, tol: float) -> bool:
    lo_edge = band.lo * (1 - tol)
    hi_edge = band.hi * (1 + tol) if band.hi < 1.0 else 1.0
    return rate.hi >= lo_edge and rate.lo <= hi_edge


def _defined_bands(art: Article, freq: dict[str, Any]) -> frozenset[str]:
    """Bands the article defines with their rate ("Rare (may affect up to 1 in 1,000
    people)"): their words are quantified for the reader everywhere in the article."""
    cached = art.cache.get("defined-frequency-bands")
    if isinstance(cached, frozenset):
        return cached
    ev = evidence(art)
    bands: dict[str, _Band] = freq["bands"]
    words = sorted(freq["band_words"], key=len, reverse=True)
    found: set[str] = set()
    for block in _blocks_with(art, "C402:band-words"):
        if not _may_name_band(block.text, freq) or not ev.rates_in(block):
            continue
        doc = art.doc(block)
        for span in _spans(doc, "C402:band-words", words):
            name = _band_name(span, freq)
            band = bands.get(name or "")
            if band is None or name in found:
                continue
            rate = _nearest_rate(ev, block, span, freq["rate_window"])
            if rate is not None and _consistent(rate, band, 0.1):
                found.add(band.name)
    result = frozenset(found)
    art.cache["defined-frequency-bands"] = result
    return result


@rule(
    "C401",
    "unsupported-frequency-claim",
    "warning",
    "A frequency word ('rare', 'common', 'most people') about an effect or condition with "
    "no rate and no citation in its sentence or paragraph.",
    rationale=(
        "Readers overestimate risks described only in words: in randomised trials, 'common' "
        "or 'rare' led to estimates several times higher than the same risk given as a number "
        "(Büchter et al., BMC Med Inform Decis Mak 2014). CIOMS III and the EU SmPC guideline "
        "tie each word to a numeric band; the Patient Information Forum asks that verbal "
        "descriptors always come with the number. Words and phrases: rules/frequency.yaml."
    ),
    source="CIOMS Working Group III (1995); EU SmPC guideline rev. 2 (2009); HealthNewsReview criterion 3",
    bad="Dizziness is a rare side effect of this medicine.",
    good="Dizziness affects fewer than 1 in 1,000 people who take this medicine [4].",
    fix=(
        "Give the rate ('about 1 in 100 people', '3%') or cite the source of the claim "
        "(reference, link, or a named source with a year)."
    ),
)
def unsupported_frequency_claim(ctx: Context) -> Iterator[Finding]:
    freq = _frequency()
    art = ctx.article
    ev = evidence(art)
    for block in _blocks_with(art, "C401:claims", prose=True):
        doc = art.doc(block)
        spans = _spans(doc, "C401:claims", freq["claims"])
        if not spans:
            continue
        # The tests are pure, so they run cheapest first: the words' own context, then
        # (once per block, only if a word is left) the evidence around the block.
        supported: bool | None = None
        for span in spans:
            if _is_question(span, block.text) or not _frequency_context_ok(span, freq):
                continue
            if not _about_effect(span, freq):
                continue
            if supported is None:
                context = _block_context(art, block)
                supported = any(ev.rates_in(b) or ev.supported(b) for b in context)
            if supported:
                break
            band = _band_name(span, freq)
            if band is not None and band in _defined_bands(art, freq):
                continue  # the article says what this word means ("Rare: up to 1 in 1,000")
            word = span.text
            hint = ""
            if band is not None and band in freq["bands"]:
                b = freq["bands"][band]
                hint = f" (CIOMS: '{band}' means {b.label})"
            yield ctx.span_finding(
                block,
                span,
                f"'{word}' says how often without a number or a source{hint}: give the rate "
                "(e.g. 'about 1 in 100 people') or cite where it comes from",
            )


_CHANGE_WORDS = frozenset(
    {
        "reduction", "reductions", "increase", "increases", "increased", "decrease", "decreased",
        "lower", "higher", "more", "less", "fewer", "greater", "drop", "rise", "reduced",
        "improvement", "improved", "risk", "chance", "likely", "likelier", "faster", "slower",
    }
)  # fmt: skip


def _shown_rate(r: Rate) -> str:
    """'5%', or '1 in 500 (0.2%)' when the text is not already a percentage."""
    if r.text.rstrip().endswith("%") or "percent" in r.text.lower() or "per cent" in r.text.lower():
        return r.text
    return f"{r.text} ({format_rate(r.value)})"


def _band_of(value: float, bands: dict[str, _Band]) -> _Band | None:
    for b in bands.values():
        if b.lo <= value < b.hi or (b.hi >= 1.0 and value >= b.lo):
            return b
    return None


def _rate_is_change(doc: Doc, rspan: Span) -> bool:
    """'a 50% reduction', 'reduced by 30%', '20% more likely': a relative change, not a rate."""
    after = [t.lower_ for t in doc[rspan.end : min(rspan.end + 3, len(doc))]]
    before = [t.lower_ for t in doc[max(rspan.start - 2, 0) : rspan.start]]
    return bool(_CHANGE_WORDS.intersection(after[:2])) or "by" in before[-1:]


@rule(
    "C402",
    "frequency-number-mismatch",
    "error",
    "A frequency word contradicts the rate beside it under the CIOMS/EU SmPC bands "
    "('a rare side effect (5% of patients)').",
    rationale=(
        "CIOMS III and the EU SmPC guideline define the words: very common is 1/10 or more, "
        "common 1/100 to 1/10, uncommon 1/1,000 to 1/100, rare 1/10,000 to 1/1,000, very rare "
        "less than 1/10,000. A word that disagrees with its own number misleads readers about "
        "risk. Bands live in rules/frequency.yaml."
    ),
    source="CIOMS Working Group III (1995); EU SmPC guideline rev. 2 (2009), section 4.8",
    options={
        "tolerance": Option(
            0.1,
            "relative distance from a band edge within which a rate is not reported (rounding)",
        )
    },
    bad="Rash is a rare side effect (5% of patients).",
    good="Rash is a common side effect (5% of patients).",
    fix="Use the word of the band the rate falls in, or check the rate.",
)
def frequency_number_mismatch(ctx: Context) -> Iterator[Finding]:
    freq = _frequency()
    bands: dict[str, _Band] = freq["bands"]
    tol = float(ctx.options.get("tolerance", 0.1))
    art = ctx.article
    ev = evidence(art)
    words = sorted(freq["band_words"], key=len, reverse=True)
    for block in _blocks_with(art, "C402:band-words"):
        if not _may_name_band(block.text, freq) or not ev.rates_in(block):
            continue
        doc = art.doc(block)
        for span in _spans(doc, "C402:band-words", words):
            band = bands.get(_band_name(span, freq) or "")
            if band is None or not _frequency_context_ok(span, freq):
                continue
            prev = _prev_token(span)
            if prev is not None and prev.lower_ in ("most", "least", "more", "less"):
                continue
            sent = _sent(span)
            if not _has_word(sent, freq["adverse"]):
                continue
            r = _nearest_rate(ev, block, span, freq["rate_window"])
            if r is None or _consistent(r, band, tol):
                continue
            actual = _band_of(r.value, bands)
            where = f"'{actual.name}' ({actual.label})" if actual else "outside the bands"
            yield ctx.span_finding(
                block,
                span,
                f"'{span.text}' contradicts the rate beside it: {_shown_rate(r)} is {where} "
                f"under CIOMS/EU SmPC, while '{band.name}' means {band.label}; use "
                f"'{actual.name if actual else band.name}' or check the number",
            )


# -- C403 / C405: attribution ---------------------------------------------------


@packs.pack_cache
def _attribution() -> dict[str, Any]:
    pack = packs.load("attribution")
    subjects = pack.get("vague_subjects") or {}
    verbs = pack.get("vague_verbs") or {}
    if not isinstance(subjects, dict):
        subjects = {"plural": subjects}
    if not isinstance(verbs, dict):
        verbs = {"plural": verbs}
    # subject phrase → the verb phrases (as token tuples) that agree with it
    agree: dict[str, frozenset[tuple[str, ...]]] = {}
    for number in ("singular", "plural"):
        vs = frozenset(
            tuple(v.lower().split())
            for v in _str_list(verbs.get(number)) + _str_list(verbs.get("any"))
        )
        for subj in _str_list(subjects.get(number)):
            agree[subj.lower()] = agree.get(subj.lower(), frozenset()) | vs
    return {
        "subjects": agree,
        "adverbs": frozenset(w.lower() for w in _str_list(pack.get("vague_adverbs"))),
        "vague": _str_list(pack.get("vague")),
        "specific": frozenset(w.lower() for w in _str_list(pack.get("specific"))),
        "conditional": frozenset(w.lower() for w in _str_list(pack.get("conditional"))),
        "topical": frozenset(w.lower() for w in _str_list(pack.get("topical"))),
        "own_review": _str_list(pack.get("own_review")),
        "study_subjects": frozenset(
            w.lower()
            for number in ("singular", "plural")
            for subj in _str_list(subjects.get(number))
            for w in subj.split()[-1:]
            if w.lower() in ("research", "studies", "science")
        ),
        "claims": _str_list(pack.get("evidence_claims")),
    }


def _vague_kind(span: Span, att: dict[str, Any], text: str) -> str | None:
    """'vague', 'topical' (refers to the story's study), or None (specific/hypothetical).
    ``text``: the text of the span's block."""
    if _is_question(span, text):
        return None
    prev = _prev_token(span)
    if prev is not None and prev.lower_ in att["specific"]:
        return None
    if (
        prev is not None
        and prev.text[:1].isupper()
        and prev.is_alpha
        and prev.i > _sent(span).start
        and span[0].text[:1].islower()
    ):
        return None  # "MD Anderson research showed", "Harvard experts say": a named source
    for t in _before(span, 4):
        if t in att["conditional"]:
            return None
    if prev is not None and prev.lower_ in att["topical"]:
        return "topical"
    return "vague"


def _vague_attributions(art: Article) -> list[tuple[Block, Span, str]]:
    """Vague attributions in the prose (shared by C403 and C405; computed once)."""
    cached = art.cache.get("vague-attributions")
    if cached is not None:
        return list(cached)
    att = _attribution()
    out: list[tuple[Block, Span, str]] = []
    from spacy.util import filter_spans

    # A plain language summary of the article's own review: "studies found" there means
    # the review's included studies.  Looked up only when needed.
    own_review: bool | None = None

    def is_own_review() -> bool:
        nonlocal own_review
        if own_review is None:
            own_review = bool(att["own_review"]) and any(
                _spans(art.doc(b), "C403:own-review", att["own_review"]) for b in art.body_blocks()
            )
        return own_review

    subjects: dict[str, frozenset[tuple[str, ...]]] = att["subjects"]
    subject_phrases = list(subjects)
    for block in _blocks_with(art, "C403:vague", "C403:subjects", prose=True):
        doc = art.doc(block)
        found = _spans(doc, "C403:vague", att["vague"])
        # vague subject + an agreeing claim verb ("studies show", "research also suggests")
        subject_hits = _labelled(doc, "C403:subjects", subject_phrases)
        if not found and not subject_hits:
            continue
        lows = nlp.lowers(doc)  # token.lower_ by index, without Token objects
        for label, subj in subject_hits:
            i = subj.end
            if i < len(lows) and lows[i] in att["adverbs"]:
                i += 1
            for verb in subjects.get(label.lower(), ()):
                n = len(verb)
                if tuple(lows[i : i + n]) == verb:
                    found.append(doc[subj.start : i + n])
                    break
        for span in sorted(filter_spans(found), key=lambda x: x.start):
            study = att["study_subjects"]
            if any(w in study for w in lows[span.start : span.end]) and is_own_review():
                continue
            kind = _vague_kind(span, att, block.text)
            if kind is not None:
                out.append((block, span, kind))
    art.cache["vague-attributions"] = out
    return list(out)


def _next_prose_sentence(art: Article, block: Block, span: Span) -> tuple[Block, Span] | None:
    sent = _sent(span)
    doc = art.doc(block)
    if sent.end < len(doc):
        return block, _sent_at(doc, sent.end)
    for b in art.blocks[block.index + 1 :]:
        if b.kind == "meta":
            continue
        if not b.is_prose:
            return None
        d = art.doc(b)
        if len(d):
            return b, _sent_at(d, 0)
        return None
    return None


@rule(
    "C403",
    "vague-attribution",
    "warning",
    "'Research suggests', 'studies show', 'experts say' with no citation, link or named "
    "source nearby.",
    rationale=(
        "An appeal to unnamed research cannot be checked. HONcode principle 5 (justifiability) "
        "and the JAMA 'attribution' benchmark ask that claims be backed by named, referenced "
        "sources; HealthNewsReview criterion 4 asks stories to say what kind of evidence "
        "supports a claim. Phrases live in rules/attribution.yaml."
    ),
    source="HONcode principles 4-5; JAMA benchmarks (Silberg et al., 1997); HealthNewsReview criterion 4",
    bad="Research suggests that magnesium prevents migraine.",
    good="A 2021 Cochrane review of 12 trials suggests that magnesium may prevent migraine [2].",
    fix=(
        "Name the source (journal and year, organisation, or researcher) or add a reference "
        "number or link in the same sentence, the next one, or the paragraph."
    ),
)
def vague_attribution(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    ev = evidence(art)
    # the lede: the first two paragraphs of some length summarise the story's own study
    attributions = _vague_attributions(art)
    if not attributions:
        return
    lede = list(islice((b.index for b in art.prose_blocks() if len(b.text.split()) >= 8), 2))
    for block, span, kind in attributions:
        if ev.supported(block):
            continue
        if kind == "topical" and ev.any_source:
            continue  # "this research suggests": the study the article names
        if block.index in lede and ev.source_in_text:
            continue  # "new research suggests" in the lede, about the study the text names
        nxt = _next_prose_sentence(art, block, span)
        if nxt is not None and ev.supported(nxt[0], nxt[1].start_char, nxt[1].end_char):
            continue
        yield ctx.span_finding(
            block,
            span,
            f"'{span.text}' names no source: say which study or organisation (e.g. 'a 2021 "
            "Cochrane review found…') or add a reference or link",
        )


@rule(
    "C405",
    "missing-sources",
    "warning",
    "The article makes evidence claims but has no references section, no citations and no "
    "links to sources.",
    rationale=(
        "Readers and editors must be able to check where health claims come from. The JAMA "
        "benchmarks require 'references and sources for all content'; HONcode principle 4 "
        "asks sites to cite sources; DISCERN question 4 rates whether sources are clear."
    ),
    source="JAMA benchmark 'attribution' (Silberg et al., 1997); HONcode principle 4; DISCERN Q4",
    options={"min-claims": Option(1, "evidence claims needed before the rule applies")},
    bad="Studies show that walking lowers blood pressure. (no references anywhere)",
    good="Studies show that walking lowers blood pressure [1].\n\nReferences\n1. …",
    fix="Add a 'References' or 'Sources' section, inline citations, or links to the studies.",
)
def missing_sources(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    claims = _vague_attributions(art)
    att = _attribution()
    if att["claims"]:
        for block in _blocks_with(art, "C405:claims", prose=True):
            doc = art.doc(block)
            for span in _spans(doc, "C405:claims", att["claims"]):
                if not _negated(span) and not _is_question(span, block.text):
                    claims.append((block, span, "claim"))
    if len(claims) < int(ctx.options.get("min-claims", 1)):
        return
    if evidence(art).any_source:  # read the whole article only when there are claims
        return
    claims.sort(key=lambda c: (c[0].index, c[1].start))
    shown = ", ".join(
        f"'{span.text}' (line {art.line_of(block.src_offset(span.start_char))})"
        for block, span, _ in claims[:3]
    )
    more = f" and {len(claims) - 3} more" if len(claims) > 3 else ""
    yield ctx.article_finding(
        f"the article makes evidence claims ({shown}{more}) but cites no source: add a "
        "'References' section, citations or links to the studies"
    )


# -- C404 / C406: absolute claims and hype ----------------------------------------


@packs.pack_cache
def _terms(pack_name: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Term specs by lower-case term or form, and the phrases to match."""
    specs: dict[str, dict[str, Any]] = {}
    phrases: list[str] = []
    for item in packs.load(pack_name).get("terms") or []:
        spec = dict(item) if isinstance(item, dict) else {"term": item}
        term = str(spec.get("term", "")).strip()
        if not term:
            continue
        spec["not_after"] = frozenset(w.lower() for w in _str_list(spec.get("not_after")))
        spec["not_before"] = frozenset(w.lower() for w in _str_list(spec.get("not_before")))
        spec["inflected"] = bool(spec.get("forms"))
        for form in [term, *_str_list(spec.get("forms"))]:
            specs[form.lower()] = spec
            phrases.append(form)
    return specs, phrases


# The phrase lists of this module, for the shared matcher (same keys and lists as the calls).
register_phrases("C401:claims", lambda: _frequency()["claims"])
register_phrases(
    "C402:band-words", lambda: sorted(_frequency()["band_words"], key=len, reverse=True)
)
register_phrases("C403:vague", lambda: _attribution()["vague"])
register_phrases("C403:subjects", lambda: list(_attribution()["subjects"]))
register_phrases("C403:own-review", lambda: _attribution()["own_review"])
register_phrases("C405:claims", lambda: _attribution()["claims"])
register_phrases("absolute-claims:terms", lambda: _terms("absolute-claims")[1])
register_phrases("hype:terms", lambda: _terms("hype")[1])


def _term_matches(doc: Doc, pack_name: str) -> list[tuple[dict[str, Any], Span]]:
    specs, phrases = _terms(pack_name)
    out: list[tuple[dict[str, Any], Span]] = []
    for label, span in _labelled(doc, f"{pack_name}:terms", phrases):
        spec = specs.get(label.lower())
        if spec is not None:
            out.append((spec, span))
    return out


def _technical_use(spec: dict[str, Any], span: Span) -> bool:
    nxt = _next_token(span)
    if nxt is not None and nxt.lower_ in spec["not_after"]:
        return True
    prev = _prev_token(span)
    return prev is not None and prev.lower_ in spec["not_before"]


@packs.pack_cache
def _claim_settings() -> tuple[int, int, frozenset[str]]:
    pack = packs.load("absolute-claims")
    return (
        int(pack.get("window") or 8),
        int(pack.get("after_window") or 4),
        frozenset(w.lower() for w in _str_list(pack.get("infinitive_claims"))),
    )


def _goal_infinitive(span: Span, claims: frozenset[str]) -> bool:
    """'drugs to cure the infection', 'used to diagnose, cure or treat': a goal, not a claim."""
    doc = span.doc
    i = span.start - 1
    hops = 0
    while i >= _sent(span).start and hops < 4:
        tok = doc[i]
        if tok.lower_ == "to":
            prev = doc[i - 1] if i - 1 >= _sent(span).start else None
            return prev is None or prev.lower_ not in claims
        if tok.text in (",",) or tok.lower_ in ("or", "and", "even", "the", "a"):
            i -= 1
            hops += 1
            continue
        if tok.is_alpha and tok.is_lower and hops < 3 and doc[i + 1].text in (",", "or", "and"):
            i -= 1
            hops += 1
            continue
        return False
    return False


@rule(
    "C404",
    "absolute-claim",
    "error",
    "Overpromising words: 'cure', 'guaranteed', '100% safe', 'no side effects', 'miracle', "
    "'clinically proven' (unsourced), 'risk-free'; not when negated or hedged.",
    rationale=(
        "No treatment is certain to work or free of harm. The FDA lists 'miracle cure', "
        "'guaranteed results' and 'no side effects' among the tip-offs of health fraud; the "
        "FTC requires the proof an establishment claim such as 'clinically proven' implies. "
        "Negated and hedged uses ('there is no cure', 'no medicine is completely safe', 'may "
        "cure') are not reported. Terms: rules/absolute-claims.yaml."
    ),
    source="FDA health-fraud tip-offs; FTC Health Products Compliance Guidance (2022); HealthNewsReview",
    bad="This supplement cures arthritis and is completely safe.",
    good="In two trials, the supplement eased joint pain for about 1 in 5 people; no medicine is completely safe.",
    fix="Describe the measured benefit and the known risks, with numbers and a source.",
)
def absolute_claim(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    ev = evidence(art)
    before_n, after_n, inf_claims = _claim_settings()
    for block in _blocks_with(art, "absolute-claims:terms"):
        doc = art.doc(block)
        matches = _term_matches(doc, "absolute-claims")
        if not matches:
            continue
        hype = {(s.start, s.end) for _, s in _term_matches(doc, "hype")}
        hype_tokens = {i for a, b in hype for i in range(a, b)}
        for spec, span in matches:
            if any(i in hype_tokens for i in range(span.start, span.end)):
                continue  # "miracle drug" is reported by C406 (one code for the same words)
            if (
                _is_question(span, block.text)
                or _technical_use(spec, span)
                or _is_name_use(block, span)
            ):
                continue
            if _negated(span, before_n, after_n) or _hedged(span, before_n, after_n):
                continue
            if spec["inflected"] and _goal_infinitive(span, inf_claims):
                continue
            if spec.get("supported_ok"):
                sent = _sent(span)
                others = [
                    r
                    for r in ev.rates_in(block, sent.start_char, sent.end_char)
                    if not (span.start_char <= r.start < span.end_char)
                ]
                if others or ev.supported(block, sent.start_char, sent.end_char):
                    continue
            instead = str(spec.get("instead") or "describe the evidence, with numbers")
            yield ctx.span_finding(
                block, span, f"'{span.text}' overpromises: {instead}, and cite the source"
            )


@rule(
    "C406",
    "hype-language",
    "warning",
    "Sensational words HealthNewsReview flagged: 'breakthrough', 'game-changer', 'holy grail', "
    "'revolutionary', 'first-of-its-kind', 'miracle drug'.",
    rationale=(
        "HealthNewsReview.org reviewers marked news stories and releases down for "
        "'unjustifiable, sensational language'; such words raise expectations no single study "
        "supports. Hedging ('could be a breakthrough') does not remove the hype; negation "
        "('not a breakthrough') does. Technical terms ('breakthrough pain', 'FDA breakthrough "
        "therapy designation') are not reported. Terms: rules/hype.yaml."
    ),
    source="HealthNewsReview.org review criteria and red-flag terms",
    bad="A revolutionary new pill is a game-changer for asthma.",
    good="A new pill reduced asthma attacks by a third in a 12-month trial of 1,200 adults.",
    fix="Replace the word with what the study found and how large the effect was.",
)
def hype_language(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    before_n, after_n, _ = _claim_settings()
    for block in _blocks_with(art, "hype:terms"):
        doc = art.doc(block)
        for spec, span in _term_matches(doc, "hype"):
            if _technical_use(spec, span) or _is_name_use(block, span):
                continue
            if _negated(span, before_n, after_n):
                continue
            instead = str(spec.get("instead") or "say what the evidence shows")
            yield ctx.span_finding(block, span, f"'{span.text}' is hype: {instead}")
