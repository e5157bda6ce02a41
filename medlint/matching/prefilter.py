"""Literal pre-filters for regular expressions: the matching layer's cheapest test.

Python's ``re`` tries a pattern that starts with ``\b``, a look-behind or a case-folded
alternation at every position of the text; for block-sized texts that costs several
microseconds per pattern even when nothing matches.  ``needles`` finds literal strings one
of which every match must contain (read from the pattern's parse by ``regex_syntax``, a
parser of the documented syntax, not CPython's private ``re._parser``); ``may_match`` tests those with ``str.__contains__``
first and runs the regex only when one is there.  Rules do not call these for speed's
sake on their own: the engine's matching layer and the shared analysis do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from medlint.matching.regex_syntax import (
    AnyChar,
    At,
    CharClass,
    Group,
    Lit,
    Look,
    Node,
    Repeat,
    Seq,
    Unsupported,
    parse,
)

# Non-ASCII letters that IGNORECASE matches to ASCII ones ("ſ" ~ "s", Kelvin sign ~ "k"):
# a text holding one of them is always given to the regex.
_ODD_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_NEEDLES: dict[tuple[str, int], frozenset[str] | None] = {}  # (``re`` pattern, flags) → needles
# Vale's patterns (the ``regex`` package's syntax), apart: ``_NEEDLES`` holds only patterns
# ``re`` compiles with their flags (tests/test_prefilter.py recompiles every key)
_PATTERN_NEEDLES: dict[str, frozenset[str] | None] = {}
_MAX_CLASS_NEEDLES = 16


@dataclass(frozen=True)
class _Branch:
    """Alternatives left after their common prefix was taken out (``_factored``)."""

    alternatives: tuple[tuple[Node | _Branch, ...], ...]


def _factored(alternatives: tuple[Seq, ...]) -> list[Node | _Branch]:
    """The alternatives as one sequence, the way ``re`` compiles them: non-capturing groups
    opened into their parent, a prefix common to all alternatives taken out of the branch,
    single-character alternatives made one class; so a literal before, inside and after a
    ``(?:...)`` group reads as one needle."""
    alts = [_inlined(a) for a in alternatives]
    if len(alts) == 1:
        return alts[0]
    out: list[Node | _Branch] = []
    while all(alts) and all(a[0] == alts[0][0] for a in alts):
        out.append(alts[0][0])
        alts = [a[1:] for a in alts]
    if all(len(a) == 1 and _as_class(a[0]) is not None for a in alts):
        classes = [_as_class(a[0]) for a in alts]
        out.append(
            CharClass(
                frozenset().union(*(c.chars for c in classes if c)),
                categories=any(c.categories for c in classes if c),
                wide_range=any(c.wide_range for c in classes if c),
                ranges=any(c.ranges for c in classes if c),
            )
        )
    else:
        out.append(_Branch(tuple(tuple(a) for a in alts)))
    return out


def _as_class(node: Node | _Branch) -> CharClass | None:
    if isinstance(node, Lit):
        return CharClass(frozenset({node.char}))
    if isinstance(node, CharClass) and not node.negated:
        return node
    return None


def _inlined(items: Sequence[Node | _Branch]) -> list[Node | _Branch]:
    out: list[Node | _Branch] = []
    for node in items:
        if isinstance(node, Group) and not (node.capturing or node.local_flags or node.atomic):
            out.extend(_factored(node.alternatives))
        elif (
            isinstance(node, CharClass)
            and len(node.chars) == 1
            and not (node.negated or node.categories or node.ranges)
        ):
            out.append(Lit(next(iter(node.chars))))
        else:
            out.append(node)
    return out


def _required_in(node: Node | _Branch) -> frozenset[str] | None:
    """Strings one of which any match of a non-literal node contains (None: unknown)."""
    if isinstance(node, Group):
        return _required(_factored(node.alternatives))
    if isinstance(node, _Branch):
        alts = [_required(_inlined(a)) for a in node.alternatives]
        return frozenset().union(*alts) if all(a is not None for a in alts) else None  # type: ignore[arg-type]
    if isinstance(node, Repeat):
        return _required(_inlined(node.body)) if node.min >= 1 else None
    if (
        isinstance(node, CharClass)
        and node.chars
        and not (node.negated or node.categories or node.ranges)
        and len(node.chars) <= _MAX_CLASS_NEEDLES
    ):
        return frozenset(ch.lower() for ch in node.chars)
    return None


def _required(items: list[Node | _Branch]) -> frozenset[str] | None:
    """Strings (lower case) one of which any match of the sequence contains."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for node in items:
        if isinstance(node, Lit):
            run.append(node.char)
            continue
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()
        got = _required_in(node)
        if got:
            candidates.append(got)
    if run:
        candidates.append(frozenset({"".join(run).lower()}))
    candidates = [x for x in candidates if all(x)]
    if not candidates:
        return None
    # the most selective: longest shortest needle, then fewest needles
    best = max(candidates, key=lambda x: (min(map(len, x)), -len(x)))
    return frozenset(n for n in best if not any(o != n and o in n for o in best))


def needles(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings (ASCII or caseless characters) one of which every match of ``rx``
    contains, or None when the pattern has no such literals."""
    key = (rx.pattern, rx.flags)
    if key in _NEEDLES:
        return _NEEDLES[key]
    got: frozenset[str] | None = None
    try:
        got = _required(_factored(parse(rx.pattern, rx.flags)))
    except Unsupported:
        got = None
    if got is not None and not all(n.isascii() or n.lower() == n.upper() for n in got):
        got = None  # a cased non-ASCII letter: its case folding is not worth modelling
    _NEEDLES[key] = got
    return got


def lowering_is_exact(text: str, low: str) -> bool:
    """True when ``low`` (``text.lower()``) has ``text``'s offsets and no character whose
    case folding ``str.lower`` does not mirror, so a caseless search may run on ``low``."""
    return len(low) == len(text) and (text.isascii() or not _ODD_FOLDS.search(text))


def may_match(rx: re.Pattern[str], text: str, low: str | None = None) -> bool:
    """False only when ``rx`` cannot match in ``text`` (none of its needles is there).

    ``low`` is ``text.lower()`` when the caller has it already.  Needles are compared in
    lower case, a necessary condition whether or not the pattern ignores case."""
    found = needles(rx)
    if found is None:
        return True
    if low is None:
        low = text.lower()
    if not text.isascii() and _ODD_FOLDS.search(text):
        return True
    for n in found:  # noqa: SIM110 - a plain loop is cheaper than any() over a generator
        if n in low:
            return True
    return False


def texts_with_needles(
    rx: re.Pattern[str], texts: list[str], whole: str, low: str
) -> set[int] | None:
    """The positions in ``texts`` of the texts where ``rx`` may match (``may_match``), found
    by looking each needle up once in ``low`` (``whole.lower()``, where ``whole`` is
    ``"\\n".join(texts)``) instead of in every text; None when ``rx`` has no needles or
    lowering the text moved offsets (then every text may hold a match).

    A text holds a needle exactly when the needle occurs inside the text's stretch of
    ``low``: lowering works character by character (the one context rule, the final sigma,
    sees the same neighbours at a newline as at the end of a string)."""
    found = needles(rx)
    if found is None or len(low) != len(whole):
        return None
    if not whole.isascii() and _ODD_FOLDS.search(whole):
        return None
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    hit: set[int] = set()
    last = len(texts) - 1
    for n in found:
        i = low.find(n)
        while i != -1:
            k = bisect_right(starts, i) - 1
            if k in hit or i + len(n) <= starts[k] + len(texts[k]):
                hit.add(k)
                # the rest of text k can add nothing: go on at the next text's start
                if k == last:
                    break
                i = low.find(n, starts[k + 1])
            else:
                i = low.find(n, i + 1)
    return hit


_LOWER_VARIANTS: dict[tuple[str, int], re.Pattern[str] | None] = {}


def _class_caseless_safe(node: CharClass) -> bool:
    """No upper-case letter without its lower-case one (no cased letter at all if negated);
    a range too wide to expand is not judged."""
    if node.wide_range:
        return False
    for ch in node.chars:
        if node.negated and ch.lower() != ch.upper():
            return False
        if ch != ch.lower() and ch.lower() not in node.chars:
            return False
    return True


def _node_caseless_safe(node: Node) -> bool:
    if isinstance(node, Lit):
        return node.char == node.char.lower()
    if isinstance(node, CharClass):
        return _class_caseless_safe(node)
    if isinstance(node, Group):
        return not node.local_flags and all(map(_caseless_safe, node.alternatives))
    if isinstance(node, Look):
        return all(map(_caseless_safe, node.body))
    if isinstance(node, Repeat):
        return _caseless_safe(node.body)
    return isinstance(node, (At, AnyChar))


def _caseless_safe(items: Seq) -> bool:
    """True when the sequence (without IGNORECASE) matches the lower-cased text exactly
    where it matches the text with IGNORECASE: no upper-case literal, no class that holds an
    upper-case letter without its lower-case one (or any cased letter, if negated), no
    scoped flags (back-references are outside the parsed subset)."""
    return all(_node_caseless_safe(node) for node in items)


_INLINE_OK = ("(?:", "(?=", "(?!", "(?<=", "(?<!")


def lower_variant(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a case-insensitive pattern with only lower-case letters, the same pattern without
    IGNORECASE, to run on ``text.lower()`` (``re`` scans much faster without IGNORECASE);
    None when that would not give the same matches (see ``_caseless_safe``)."""
    key = (rx.pattern, rx.flags)
    if key in _LOWER_VARIANTS:
        return _LOWER_VARIANTS[key]
    got: re.Pattern[str] | None = None
    src = rx.pattern[4:] if rx.pattern.startswith("(?i)") else rx.pattern
    rest = src
    for ok in _INLINE_OK:
        rest = rest.replace(ok, "")
    if rx.flags & re.IGNORECASE and "(?" not in rest:  # no other inline flags or groups
        flags = rx.flags & ~re.IGNORECASE
        try:
            if all(map(_caseless_safe, parse(src, flags))):
                got = re.compile(src, flags)
        except Unsupported:
            got = None
    _LOWER_VARIANTS[key] = got
    return got


def find_spans(rx: re.Pattern[str], text: str, low: str) -> list[tuple[int, int]]:
    """``[m.span() for m in rx.finditer(text)]``, run on ``low`` (``text.lower()``) with
    ``lower_variant(rx)`` when the pattern allows it and lowering kept every offset."""
    variant = lower_variant(rx)
    if variant is not None and lowering_is_exact(text, low):
        return [m.span() for m in variant.finditer(low)]
    return [m.span() for m in rx.finditer(text)]


class NeedleIndex:
    """The texts of one article joined once, for ``texts_with_needles`` look-ups of many
    regexes: ``may_match(rx, k)`` is False only when ``rx`` cannot match in ``texts[k]``."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.whole = "\n".join(texts)
        self.low = self.whole.lower()
        self._where: dict[re.Pattern[str], set[int] | None] = {}

    def where(self, rx: re.Pattern[str]) -> set[int] | None:
        """The positions of the texts where ``rx`` may match; None: any of them."""
        try:
            return self._where[rx]
        except KeyError:
            got = self._where[rx] = texts_with_needles(rx, self.texts, self.whole, self.low)
            return got

    def may_match(self, rx: re.Pattern[str], k: int) -> bool:
        found = self.where(rx)
        return found is None or k in found


# -- patterns of the ``regex`` package (Vale styles) ---------------------------------------

_ANY_FLAG_GROUP = re.compile(r"\(\?([a-zA-Z0-9]+)\)")
_PLAIN_FLAGS = frozenset("imsu")
_WORD_PIECE = re.compile(r"\w+")


def _without_flag_groups(pattern: str) -> str | None:
    """``pattern`` with its global flag groups (``(?i)``, ``(?m)``…, anywhere outside a
    class) taken out, or None when one of them could change how literals read (``x``,
    ``V1``, fuzzy or other ``regex``-only flags) or the pattern cannot be scanned."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":  # copy the class as written (a ']' first is a literal)
            j = i + 1
            if pattern.startswith("^", j):
                j += 1
            if pattern.startswith("]", j):
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                return None
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        m = _ANY_FLAG_GROUP.match(pattern, i) if ch == "(" else None
        if m is not None:
            if not set(m.group(1)) <= _PLAIN_FLAGS:
                return None
            i = m.end()
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def pattern_needles(pattern: str) -> frozenset[str] | None:
    """``needles`` for a pattern of the ``regex`` package as Vale writes them (global flag
    groups anywhere, as regexp2 allows): lower-case strings one of which every match
    contains, or None when nothing is known (then the pattern runs on every text).

    The flags ``i m s u`` do not change which literals a match holds (needles are compared
    in lower case anyway); any other inline flag, and any syntax outside ``regex_syntax``'s
    subset (``\\p{…}``, ``(?<name>…)``, POSIX classes…), gives None."""
    if pattern in _PATTERN_NEEDLES:
        return _PATTERN_NEEDLES[pattern]
    got: frozenset[str] | None = None
    body = _without_flag_groups(pattern)
    if body is not None:
        try:
            got = _required(_factored(parse(body, 0)))
        except Unsupported:
            got = None
    if got is not None and not all(n.isascii() or n.lower() == n.upper() for n in got):
        got = None
    _PATTERN_NEEDLES[pattern] = got
    return got


_PIECES: dict[str, tuple[str, ...]] = {}


def _pieces(needle: str) -> tuple[str, ...]:
    got = _PIECES.get(needle)
    if got is None:
        got = _PIECES[needle] = tuple(_WORD_PIECE.findall(needle))
    return got


_MAX_PIECE = 24


@dataclass(frozen=True)
class _PieceIndex:
    """A needle set by the word pieces of its needles: ``needles[piece]`` hold ``piece``
    (each needle under its longest piece); ``other`` are the needles without a piece or
    with one longer than ``_MAX_PIECE`` (tested one by one)."""

    pieces: frozenset[str]
    needles: dict[str, list[str]]
    other: tuple[str, ...]


_PIECE_INDEXES: dict[frozenset[str], _PieceIndex] = {}


def _piece_index(found: frozenset[str]) -> _PieceIndex:
    got = _PIECE_INDEXES.get(found)
    if got is None:
        by_piece: dict[str, list[str]] = {}
        other: list[str] = []
        for n in sorted(found):
            pieces = _pieces(n)
            if not pieces or max(map(len, pieces)) > _MAX_PIECE:
                other.append(n)
            else:
                by_piece.setdefault(max(pieces, key=len), []).append(n)
        got = _PIECE_INDEXES[found] = _PieceIndex(frozenset(by_piece), by_piece, tuple(other))
    return got


class WordGate:
    """One article's texts for many needle look-ups.

    ``present(needles)`` keeps the needles that may be in the article (None: any may, the
    article's lower case moved offsets or folds a letter to ASCII); ``holds(k, present)``
    tells whether text ``k`` holds one of them.  Most needles are absent from most
    articles, so each is first tested on the article's distinct words: every run of word
    characters in a needle lies inside one word of any text that holds the needle, so a
    needle one of whose pieces is in no word is absent (a piece is looked up as a word,
    then by its three-letter pieces, and only then in the words' text)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.whole = "\n".join(texts)
        self.low = self.whole.lower()
        self.exact = len(self.low) == len(self.whole) and (
            self.whole.isascii() or not _ODD_FOLDS.search(self.whole)
        )
        words = set(_WORD_PIECE.findall(self.low)) if self.exact else set()
        self.words = words
        self.blob = "\n".join(words)
        self.trigrams = {w[i : i + 3] for w in words for i in range(len(w) - 2)}
        self.starts: list[int] = []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t) + 1
        self._lows: dict[int, str] = {}
        self._known: dict[str, bool] = {}
        self._subs: set[str] | None = None

    def _piece_in_words(self, piece: str) -> bool:
        if piece in self.words:
            return True
        if len(piece) >= 3:
            tri = self.trigrams
            for i in range(len(piece) - 2):
                if piece[i : i + 3] not in tri:
                    return False
        return piece in self.blob

    def _maybe_in(self, needle: str) -> bool:
        known = self._known.get(needle)
        if known is None:
            pieces = _pieces(needle)
            known = all(map(self._piece_in_words, pieces)) if pieces else needle in self.low
            self._known[needle] = known
        return known

    @property
    def substrings(self) -> set[str]:
        """Every substring (up to ``_MAX_PIECE`` characters) of the article's words."""
        if self._subs is None:
            self._subs = {
                w[i:j]
                for w in self.words
                for i in range(len(w))
                for j in range(i + 1, min(len(w), i + _MAX_PIECE) + 1)
            }
        return self._subs

    def present(self, found: frozenset[str] | None) -> list[str] | None:
        """The needles of ``found`` that may be in the article; None: assume all are.

        The needles' pieces are intersected with the words' substrings at once; only
        needles with a piece found there are looked at one by one."""
        if found is None or not self.exact:
            return None
        index = _piece_index(found)
        subs = self.substrings
        out = [n for n in index.other if self._maybe_in(n)]
        candidates: set[str] = set()
        for piece in index.pieces & subs:
            candidates.update(index.needles[piece])
        for n in candidates:
            if all(p in subs for p in _pieces(n)):
                out.append(n)
        return sorted(out)

    def low_text(self, k: int) -> str:
        """``texts[k].lower()`` (a slice of the lower-cased join)."""
        got = self._lows.get(k)
        if got is None:
            a = self.starts[k]
            got = self._lows[k] = self.low[a : a + len(self.texts[k])]
        return got

    def holds(self, k: int, present: list[str] | None) -> bool:
        """Text ``k`` may hold one of ``present`` (from :meth:`present`)."""
        if present is None:
            return True
        if not present:
            return False
        low = self.low_text(k)
        for n in present:  # noqa: SIM110 - cheaper than any() over a generator
            if n in low:
                return True
        return False

    def where(self, found: frozenset[str] | None) -> set[int] | None:
        """The positions of the texts that may hold one of ``found``; None: any of them."""
        present = self.present(found)
        if present is None:
            return None
        return {k for k in range(len(self.texts)) if self.holds(k, present)}


# -- literal alternations as a trie ---------------------------------------------------------

_TRIE_PLAIN = re.compile(r"[A-Za-z0-9 '’,;:!&/#%@=<>~`\"-]+")
_END = ""


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def trie_alternation(literals: list[str], fold: bool, bounded: bool = False) -> str | None:
    """``a|b|c`` (plain literals: ASCII letters, digits, spaces and punctuation that is no
    regex syntax) as one trie-shaped alternation that a backtracking engine matches with
    the same spans, or None when that cannot be promised.

    At one position the first literal in list order that matches (and lets the rest of the
    pattern match) wins.  Literals that match at one position are all prefixes of the
    longest (``fold``: ignoring ASCII case, which is all IGNORECASE does to these
    characters), so the trie's path is that chain: where a literal ends inside a longer
    one, the trie tries ending there first when the literal comes before every longer one
    that can match with it, and the longer ones first when it comes after all of them
    (else None).  With ``bounded`` (the alternation is followed by ``\\b`` and nothing
    else) a literal that ends between two word characters or two other characters of a
    longer literal cannot match where the longer one does."""
    if not literals or not all(_TRIE_PLAIN.fullmatch(t) for t in literals):
        return None
    keys = [t.lower() if fold else t for t in literals]
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    longer: dict[str, list[int]] = {}
    for k, i in first.items():
        for n in range(1, len(k)):
            if k[:n] in first and not (bounded and _is_word(k[n - 1]) == _is_word(k[n])):
                longer.setdefault(k[:n], []).append(i)
    lazy: set[str] = set()
    for k, later in longer.items():
        if first[k] < min(later):
            lazy.add(k)
        elif first[k] < max(later):
            return None
    root: dict[str, Any] = {}
    for k in first:
        node = root
        for ch in k:
            node = node.setdefault(ch, {})
        node[_END] = k in lazy
    return _trie_source(root)


def _trie_source(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_source(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    if _END not in node:
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + "|".join(branches) + (")??" if node[_END] else ")?")
