"""Fast matching of the safety pack's token patterns (``rules/safety.yaml``).

``compile_pattern`` turns each line of the pack into a spaCy ``Matcher`` pattern; the hits
must stay exactly what that Matcher, run on every sentence of a block, gives: every
``(label, start, end)``, in its order once sorted by ``(start, -end)``.  spaCy's Matcher
is slow on these patterns (an ``IN`` list is a Python predicate per token and state, and a
``_{0,12}`` gap is twelve optional tokens whose branches multiply), so it only runs where
the order of two matches is its business.  Instead:

1. **One character per token.**  Every word of every pattern gets a code (a private-use
   character, consecutive codes for a word class); an article becomes one string with a
   code per token (``.`` for any other word) and a line per sentence, built once per
   article, with an index of the sentences each code occurs in.
2. **Required words.**  A pattern can only match in a sentence that has a word of each of
   its required slots (a slot that may match zero tokens is not required).  With one bit
   per required slot, the index gives at once the sentences where each pattern of a
   section may match; a section none of whose patterns can match anywhere costs a few
   dictionary lookups.
3. **All the matches.**  A pattern is also a regular expression over the codes: a word
   slot is the character class of its words' codes, ``_`` is ``[^\\n]``, the quantifier
   is the same, and no slot matches the newline that ends a sentence, as no Matcher match
   crosses a sentence boundary.  In a candidate sentence every start where the expression
   matches is extended slot by slot to every end it can reach (spaCy's Matcher, not
   greedy, returns every ``(start, end)`` a pattern matches).  Where two patterns match
   the same ``(start, end)``, that sentence is given to a spaCy Matcher of the patterns
   found there and its answer is used, so their relative order is spaCy's.

``IS_SENT_START`` (false on every slot but the first) needs no test: in a sentence only
the first token starts one, and the first slot is always a required one (a pattern where
it is not, or with a slot of another form, e.g. from a house pack, is left to spaCy in
the sentences that have its required words).  The codes need ``LEMMA`` = lower-case
form, which the default pipeline gives (its ``medlint_lemmas`` component); with a trained
pipeline, spaCy runs on every sentence of the blocks that have the required words
(lower-case forms or lemmas).  Checked against a plain spaCy Matcher on the gate corpus
(581 files, 47,914 hits, all sections): identical.

Rules declare the sections they read (:class:`~medlint.matching.TokenSection` in their
``needs=``) and read the hits with ``ctx.matches.token_hits(block, key)`` or
``ctx.matches.first_token_hit(key)``; the block views, the code text, each section's scan
and its hits are kept once per article on the shared analysis (:func:`hits`,
:func:`first_hit`, :func:`block_view`).  What depends on one block's Doc alone (its lines
of codes, and per section which patterns may match in each of its sentences) is kept in
the Doc, so the language server's re-lint of an edited article, which reuses the Docs of
unchanged blocks (``medlint.analysis.block_docs``), scans only the changed blocks.
``tests/test_safety_matching.py`` is the equivalence test (and ``tests/test_block_docs.py``
for the reuse).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING, Any, overload

from medlint import nlp, packs

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from medlint.analysis import Analysis
    from medlint.document.model import Block
    from medlint.matching import TokenSection

_WORD_ATTRS = ("LEMMA", "LOWER")
_OTHER = "."  # the code of a token that is no pattern word

# a slot: (codes of its words, or None for any token; least and most repetitions)
_Slot = tuple[frozenset[str] | None, int, int]


def _bounds(op: str) -> tuple[int, int] | None:
    """(least, most) repetitions of a slot with this ``OP`` (most: -1 = no limit)."""
    if not op or op == "1":
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, -1
    if op == "+":
        return 1, -1
    m = re.fullmatch(r"\{(\d*),(\d*)\}", op)
    if m is None:
        return None
    lo = int(m.group(1) or 0)
    hi = int(m.group(2)) if m.group(2) else -1
    return (lo, hi) if hi < 0 or hi >= lo else None


def _slot_words(spec: dict[str, Any]) -> list[str] | None:
    """The words of a ``LEMMA``/``LOWER`` ``IN`` slot; None for a wildcard slot."""
    for attr in _WORD_ATTRS:
        if attr in spec:
            return [str(w) for w in spec[attr]["IN"]]
    return None


def _codes_of(words: list[str], codes: dict[str, str]) -> frozenset[str]:
    """The codes of these words; new words get the next codes, in sorted order, so that a
    word class gets a run of consecutive codes (a short character range)."""
    for w in sorted(set(words) - codes.keys()):
        codes[w] = _code(len(codes))
    return frozenset(codes[w] for w in words)


def _slot(spec: dict[str, Any], first: bool, codes: dict[str, str]) -> _Slot | None:
    """One slot of a pattern; None if it is not a form ``compile_pattern`` produces."""
    if set(spec) - {"LEMMA", "LOWER", "IS_SENT_START", "OP"}:
        return None
    if len([a for a in _WORD_ATTRS if a in spec]) > 1:
        return None
    if first != ("IS_SENT_START" not in spec) or spec.get("IS_SENT_START", False) is not False:
        return None
    bounds = _bounds(str(spec.get("OP", "")))
    if bounds is None or (first and bounds[0] < 1):
        return None
    words = _slot_words(spec)
    chars = None if words is None else _codes_of(words, codes)
    return chars, bounds[0], bounds[1]


def _slot_regex(slot: _Slot) -> str:
    chars, lo, hi = slot
    if chars is None:
        unit = "[^\\n]"
    else:  # a character class of ranges of consecutive codes
        points = sorted(map(ord, chars))
        ranges: list[str] = []
        start = prev = points[0]
        for p in [*points[1:], -2]:
            if p != prev + 1:
                ranges.append(chr(start) if start == prev else chr(start) + "-" + chr(prev))
                start = p
            prev = p
        unit = "[" + "".join(ranges) + "]"
    if (lo, hi) == (1, 1):
        return unit
    return unit + "{" + str(lo) + "," + ("" if hi < 0 else str(hi)) + "}"


def _code(n: int) -> str:
    """The ``n``-th word code: a private-use character (never in a code string otherwise)."""
    return chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)


@dataclass
class Section:
    """One pack section's patterns, prepared for the tests."""

    labels: list[str]
    patterns: list[list[dict[str, Any]]]
    slots: list[list[_Slot] | None]  # None: a pattern only spaCy matches
    regexes: list[re.Pattern[str] | None]
    lengths: list[int | None]  # per pattern: its length when it has no quantifier
    need_bits: list[int]  # per pattern: one bit per required slot
    code_bits: dict[str, int]  # word code -> the bits of the required slots it is in
    matchers: dict[tuple[int, ...], Any] = field(default_factory=dict)

    def candidates(self, present: Iterable[str]) -> tuple[int, ...]:
        """Patterns (in order) whose required slots all have a word whose code is in
        ``present`` (a slot that may match no token is not required)."""
        have = 0
        bits = self.code_bits
        for c in present:
            have |= bits.get(c, 0)
        return tuple(i for i, need in enumerate(self.need_bits) if need & have == need)

    def matcher(self, idxs: tuple[int, ...]) -> Any:
        """A spaCy Matcher of these patterns, in the section's order (built once)."""
        m = self.matchers.get(idxs)
        if m is None:
            from spacy.matcher import Matcher

            m = Matcher(nlp.get_nlp().vocab)
            for i in idxs:
                m.add(self.labels[i], [self.patterns[i]])
            self.matchers[idxs] = m
        return m


def build_section(
    patterns: dict[str, list[list[dict[str, Any]]]], codes: dict[str, str]
) -> Section:
    """Prepare a section (``label -> [pattern]`` as given to a Matcher); ``codes`` (shared
    by all the sections) gets a code for each new word."""
    sec = Section([], [], [], [], [], [], {})
    n_bits = 0
    for label, plist in patterns.items():
        for pat in plist:
            need = 0
            slots: list[_Slot] | None = []
            for j, spec in enumerate(pat):
                words = _slot_words(spec)
                bounds = _bounds(str(spec.get("OP", "")))
                if words is not None and bounds is not None and bounds[0] >= 1:
                    bit = 1 << n_bits
                    n_bits += 1
                    need |= bit
                    for c in _codes_of(words, codes):
                        sec.code_bits[c] = sec.code_bits.get(c, 0) | bit
                slot = _slot(spec, j == 0, codes)
                slots = None if slot is None or slots is None else [*slots, slot]
            fixed = bool(slots) and all(lo == hi for _, lo, hi in slots or ())
            sec.labels.append(label)
            sec.patterns.append(pat)
            sec.slots.append(slots or None)
            sec.regexes.append(re.compile("".join(map(_slot_regex, slots))) if slots else None)
            sec.lengths.append(sum(lo for _, lo, _ in slots or ()) if fixed else None)
            sec.need_bits.append(need)
    return sec


@dataclass
class BlockView:
    """What the tests need from a block's Doc, computed once per article and block: the
    string-store hashes of its tokens' lower-case forms (one array copy; the strings
    themselves, ``lowers``, are only made for the blocks that need them) and sentences."""

    doc: Doc
    hashes: list[int]  # LOWER of each token
    words: set[int]  # the hashes of the block's words (and lemmas, see ``block_view``)
    sents: list[Span]
    _starts: list[int] | None = None

    @property
    def lowers(self) -> list[str]:
        """The tokens' lower-case forms (``nlp.lowers``, shared by the rules)."""
        return nlp.lowers(self.doc)

    def sent_index(self, i: int) -> int:
        """Index in ``sents`` of the sentence holding token ``i`` (what ``doc[i].sent`` is,
        without making Token and Span objects)."""
        if self._starts is None:
            self._starts = [s.start for s in self.sents]
        return bisect_right(self._starts, i) - 1


class TokenWords(Sequence[str]):
    """A block's lower-case token forms (as ``nlp.lowers`` gives them), each looked up in
    the string store when it is read: cheaper than the whole list when a rule reads only
    the few tokens around a candidate."""

    __slots__ = ("_hashes", "_strings")

    def __init__(self, view: BlockView) -> None:
        self._hashes = view.hashes
        self._strings = view.doc.vocab.strings

    def __len__(self) -> int:
        return len(self._hashes)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            strings = self._strings
            return [strings[h] for h in self._hashes[i]]
        return str(self._strings[self._hashes[i]])


def block_view(analysis: Analysis, block: Block) -> BlockView:
    """The block's view, made once per article (shared by every rule that reads it)."""
    views = _state(analysis).views
    view = views.get(block.index)
    if view is None:
        from spacy.attrs import LEMMA

        doc = analysis.doc(block)
        hashes: list[int] = nlp.lower_hashes(doc)
        words = set(hashes)
        if not nlp.lemma_is_lower() and hashes:
            words.update(doc.to_array(LEMMA).tolist())
        view = views[block.index] = BlockView(doc, hashes, words, nlp.sentences(doc))
    return view


def hashes_of(words: Iterable[str]) -> frozenset[int]:
    """The string-store hashes of these words (as in ``BlockView.words``)."""
    strings = nlp.get_nlp().vocab.strings
    return frozenset(strings.add(w) for w in words)


_HASH_CODES: tuple[dict[str, str], int, dict[int, str]] | None = None


def _hash_codes(codes: dict[str, str]) -> dict[int, str]:
    """``codes`` keyed by the words' string-store hashes (rebuilt when codes are added)."""
    global _HASH_CODES
    got = _HASH_CODES
    if got is None or got[0] is not codes or got[1] != len(codes):
        strings = nlp.get_nlp().vocab.strings
        got = _HASH_CODES = (codes, len(codes), {strings.add(w): c for w, c in codes.items()})
    return got[2]


def _ends(slots: list[_Slot], text: str, start: int) -> set[int]:
    """Every end of a match of ``slots`` that starts at ``start`` in ``text`` (a match
    never crosses a newline: no slot matches one)."""
    n = len(text)
    at = {start}
    for chars, lo, hi in slots:
        nxt: set[int] = set()
        for p in at:
            q, count = p, 0
            if lo == 0:
                nxt.add(q)
            while (hi < 0 or count < hi) and q < n:
                c = text[q]
                if c == "\n" or (chars is not None and c not in chars):
                    break
                q += 1
                count += 1
                if count >= lo:
                    nxt.add(q)
        if not nxt:
            return nxt
        at = nxt
    at.discard(start)
    return at


@dataclass
class ArticleText:
    """Every sentence of an article as a line of token codes (see ``BlockView.coded``)."""

    ncodes: int  # len(codes) when built
    text: str
    offsets: list[int]  # position in ``text`` of each line's first token
    lines: list[tuple[int, int, int]]  # per line: block index, sentence index, first token
    block_first: dict[int, int]  # block index -> its first line


@dataclass
class BlockLines:
    """One block's sentences as lines of token codes, and the codes in each line: a
    function of the block's Doc and of the word codes, kept in the Doc (``user_data``) so
    an unchanged block's Doc, reused by the next lint (``analysis.block_docs``), comes
    with it."""

    codes: dict[str, str]  # the word codes it was made with ...
    ncodes: int  # ... when they were this many
    lines: list[str]
    code_sets: list[frozenset[str]]  # per line: the pattern-word codes in it
    starts: list[int]  # per line: the sentence's first token


_BLOCK_LINES_KEY = ("medlint", "token-code-lines")
_BLOCK_SCANS_KEY = ("medlint", "token-scans")


def block_lines(view: BlockView, codes: dict[str, str]) -> BlockLines:
    """The block's lines of codes (made once per Doc and set of codes)."""
    data: dict[Any, Any] = view.doc.user_data
    got: BlockLines | None = data.get(_BLOCK_LINES_KEY)
    if got is None or got.codes is not codes or got.ncodes != len(codes):
        lines: list[str] = []
        sets: list[frozenset[str]] = []
        starts: list[int] = []
        if view.sents:
            full = "".join(map(_hash_codes(codes).get, view.hashes, repeat(_OTHER)))
            for sent in view.sents:
                line = full[sent.start : sent.end]
                lines.append(line)
                sets.append(frozenset(line.replace(_OTHER, "")))
                starts.append(sent.start)
        got = data[_BLOCK_LINES_KEY] = BlockLines(codes, len(codes), lines, sets, starts)
    return got


def article_text(analysis: Analysis, codes: dict[str, str]) -> ArticleText:
    """The article's sentences as lines of codes, built once per article (and again when
    sections prepared since then added codes)."""
    state = _state(analysis)
    got = state.text
    if got is None or got.ncodes != len(codes):  # (re)built when sections added codes
        parts: list[str] = []
        offsets: list[int] = []
        lines: list[tuple[int, int, int]] = []
        block_first: dict[int, int] = {}
        pos = 0
        for block in analysis.article.blocks:
            bl = block_lines(block_view(analysis, block), codes)
            block_first[block.index] = len(lines)
            for k, (line, start) in enumerate(zip(bl.lines, bl.starts, strict=True)):
                offsets.append(pos)
                lines.append((block.index, k, start))
                parts.append(line)
                pos += len(line) + 1
        text = "\n".join(parts)
        got = ArticleText(len(codes), text, offsets, lines, block_first)
        state.text = got
    return got


@dataclass
class Scan:
    """Where a section may match in an article: per block, per sentence, the patterns
    whose required words are all in the sentence (to be enumerated, or given to spaCy).
    Do not modify the tables (a block's are shared with the next lint of its Doc)."""

    lines: dict[int, dict[int, list[int]]]  # block index -> sentence -> patterns
    spacy_lines: dict[int, dict[int, list[int]]]  # the same for patterns only spaCy matches

    def blocks(self) -> set[int]:
        """The blocks where the section may match."""
        return set(self.lines) | set(self.spacy_lines)


# a block's part of a scan: (the section, len(codes), its lines table, its spaCy table)
_BlockScan = tuple["Section", int, dict[int, list[int]], dict[int, list[int]]]


def scan(sec: Section, analysis: Analysis, codes: dict[str, str]) -> Scan:
    """The sentences of the article where each pattern of the section may match: those
    with a word of each of its required slots.

    Which patterns may match in a sentence depends on the sentence alone, so each block's
    part is kept in its Doc (an unchanged block reused by the next lint brings it along);
    the blocks without one are scanned together, from an index of their codes."""
    got = Scan({}, {})
    if not nlp.lemma_is_lower():
        for block in analysis.article.blocks:
            view = block_view(analysis, block)
            hcodes = _hash_codes(codes)
            cands = sec.candidates({hcodes[h] for h in view.words if h in hcodes})
            if cands:
                got.spacy_lines[block.index] = {k: list(cands) for k in range(len(view.sents))}
        return got
    parts: list[tuple[int, dict[int, _BlockScan]]] = []
    missing: list[tuple[dict[int, _BlockScan], BlockLines]] = []
    for block in analysis.article.blocks:
        view = block_view(analysis, block)
        data: dict[Any, Any] = view.doc.user_data
        scans: dict[int, _BlockScan] = data.setdefault(_BLOCK_SCANS_KEY, {})
        part = scans.get(id(sec))
        if part is None or part[0] is not sec or part[1] != len(codes):
            missing.append((scans, block_lines(view, codes)))
        parts.append((block.index, scans))
    if missing:
        _scan_blocks(sec, codes, missing)
    key = id(sec)
    for index, scans in parts:
        _sec, _n, regex_table, spacy_table = scans[key]
        if regex_table:
            got.lines[index] = regex_table
        if spacy_table:
            got.spacy_lines[index] = spacy_table
    return got


def _scan_blocks(
    sec: Section, codes: dict[str, str], blocks: list[tuple[dict[int, _BlockScan], BlockLines]]
) -> None:
    """Scan these blocks' lines together and keep each block's part in its Doc."""
    code_lines: dict[str, list[int]] = {}
    where: list[tuple[int, int]] = []  # per line: (the block's position in ``blocks``, j)
    for b, (_scans, bl) in enumerate(blocks):
        for j, cset in enumerate(bl.code_sets):
            for c in cset:
                code_lines.setdefault(c, []).append(len(where))
            where.append((b, j))
    tables: list[tuple[dict[int, list[int]], dict[int, list[int]]]] = [({}, {}) for _ in blocks]
    bits = sec.code_bits
    common = code_lines.keys() & bits.keys()  # the section's words in these blocks
    have = 0
    for c in common:
        have |= bits[c]
    found = [i for i, need in enumerate(sec.need_bits) if need & have == need]
    if found:
        # per sentence line: the required slots that have a word there
        masks: dict[int, int] = {}
        for c in common:
            bc = bits[c]
            for k in code_lines[c]:
                masks[k] = masks.get(k, 0) | bc
        for i in found:
            need = sec.need_bits[i]
            lines = (
                range(len(where))
                if not need
                else sorted(k for k, m in masks.items() if m & need == need)
            )
            spacy = not (sec.regexes[i] is not None and sec.slots[i])
            for k in lines:
                b, j = where[k]
                tables[b][1 if spacy else 0].setdefault(j, []).append(i)
    for (scans, _bl), (regex_table, spacy_table) in zip(blocks, tables, strict=True):
        scans[id(sec)] = (sec, len(codes), regex_table, spacy_table)


def block_matches(
    sec: Section, analysis: Analysis, block: Block, codes: dict[str, str], where: Scan
) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` of every match of the section in the block (``where``: the
    section's ``scan`` of the article), sorted by ``(start, -end)`` and, for equal spans,
    in the Matcher's order."""
    found = where.lines.get(block.index, {})
    spacy_only = where.spacy_lines.get(block.index, {})
    if not found and not spacy_only:
        return []
    out: list[tuple[str, int, int]] = []
    strings = nlp.get_nlp().vocab.strings
    view = block_view(analysis, block)
    at = article_text(analysis, codes) if found else None
    for j in sorted(set(found) | set(spacy_only)):
        idxs = found.get(j, [])
        if at is not None and j not in spacy_only:
            k = at.block_first[block.index] + j
            text, offsets = at.text, at.offsets
            stop = offsets[k + 1] - 1 if k + 1 < len(offsets) else len(text)
            got: list[tuple[int, int, int]] = []
            for i in idxs:
                rx = sec.regexes[i]
                slots = sec.slots[i]
                length = sec.lengths[i]
                assert rx is not None and slots is not None
                for s in range(offsets[k], stop):
                    if rx.match(text, s):
                        if length is not None:  # no quantifier: one match per start
                            got.append((i, s, s + length))
                        else:
                            got.extend((i, s, e) for e in _ends(slots, text, s))
            if len({(s, e) for _, s, e in got}) == len(got):
                base = view.sents[j].start - offsets[k]
                out.extend((sec.labels[i], base + s, base + e) for i, s, e in got)
                continue
        # a pattern only spaCy matches, or two patterns with the same span (their order
        # is the Matcher's): the Matcher of the patterns found in this sentence decides
        sent = view.sents[j]
        m = sec.matcher(tuple(sorted(set(idxs) | set(spacy_only.get(j, ())))))
        for mid, s, e in m(sent):
            out.append((strings[mid], sent.start + s, sent.start + e))
    out.sort(key=lambda h: (h[1], -h[2]))
    return out


# -- a pack section's hits in an article (what ``Matches.token_hits`` answers) -----------


@dataclass
class Hit:
    """A match of a section's pattern in a block: token offsets in the block's Doc."""

    block: Block
    start: int
    end: int
    label: str

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]

    def within(self, sent: Span) -> bool:
        """Does the hit lie inside the sentence?"""
        return self.start >= sent.start and self.end <= sent.end

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end


_NO_HITS: list[Hit] = []  # shared answer for the (many) blocks with no hit: never modified


@dataclass
class _ArticleState:
    """The token matching of one article: block views, the code text, and per section its
    scan and the hits found so far."""

    views: dict[int, BlockView] = field(default_factory=dict)
    text: ArticleText | None = None
    scans: dict[TokenSection, Scan] = field(default_factory=dict)
    hits: dict[tuple[TokenSection, int], list[Hit]] = field(default_factory=dict)


def _new_state(analysis: Analysis) -> _ArticleState:
    return _ArticleState()


def _state(analysis: Analysis) -> _ArticleState:
    """This article's matching state, made once per article (``Analysis.fact``; the matching
    layer does not import the analysis package, which uses its pre-filters)."""
    return analysis.fact(_new_state)


@packs.pack_cache
def codes() -> dict[str, str]:
    """Word codes shared by every section (filled as sections are prepared)."""
    return {}


@packs.pack_cache
def compiled(section: TokenSection) -> Section:
    """The section's patterns prepared for fast matching (once per process)."""
    return build_section(section.patterns(section.key), codes())


def section_scan(analysis: Analysis, section: TokenSection) -> Scan:
    """Where the section may match in the article (one pass over it, once per article)."""
    scans = _state(analysis).scans
    got = scans.get(section)
    if got is None:
        got = scans[section] = scan(compiled(section), analysis, codes())
    return got


def hits(analysis: Analysis, block: Block, section: TokenSection) -> list[Hit]:
    """Matches of the section in a block (computed once per article and block; do not
    modify the list).

    The same matches, in the same order, as the section's spaCy Matcher run on every
    sentence of the block, found with word-set tests and regular expressions over token
    codes run once over the whole article.
    """
    state = _state(analysis)
    where = state.scans.get(section)
    if where is None:
        where = section_scan(analysis, section)
    if block.index not in where.lines and block.index not in where.spacy_lines:
        return _NO_HITS  # no sentence of the block has the words of any pattern
    cache = state.hits
    key = (section, block.index)
    got = cache.get(key)
    if got is None:
        found = block_matches(compiled(section), analysis, block, codes(), where)
        got = cache[key] = [Hit(block, s, e, label) for label, s, e in found]
    return got


def first_hit(
    analysis: Analysis, section: TokenSection, blocks: Iterable[Block] | None = None
) -> Hit | None:
    """The first hit of the section in the blocks (default: the body), or None.  Only the
    blocks the article-wide scan found are looked at."""
    possible = section_scan(analysis, section).blocks()
    if not possible:
        return None
    for block in blocks if blocks is not None else analysis.body_blocks:
        if block.index in possible:
            found = hits(analysis, block, section)
            if found:
                return found[0]
    return None
