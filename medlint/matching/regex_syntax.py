"""A small parser of the regular-expression syntax medlint's patterns use.

The literal pre-filters (``prefilter``) need two facts about a pattern: literal strings one
of which every match contains, and whether its letters are all lower case (so it may run
without IGNORECASE on lower-cased text).  Both are read from this parse tree, built with
the public ``re`` documentation's grammar rather than CPython's private ``re._parser``.

The subset understood: literals and escaped punctuation; ``\\n \\t \\r \\f \\v \\a
\\xhh \\uhhhh \\Uhhhhhhhh``; ``.``, ``^``, ``$``, ``\\b \\B \\A \\Z``; ``\\d \\w \\s`` and
their negations; classes ``[...]`` / ``[^...]`` with ranges and those escapes; groups
``(...)``, ``(?:...)``, ``(?P<name>...)``, ``(?>...)``, scoped flags ``(?i:...)``;
look-arounds ``(?=...) (?!...) (?<=...) (?<!...)``; comments ``(?#...)``; a leading
global flag group ``(?i)``; alternation; the quantifiers ``* + ? {m} {m,} {,n} {m,n}``,
lazy or possessive; VERBOSE whitespace and comments.  Anything else (back-references,
conditionals, ``\\N{...}``, octal escapes...) raises :class:`Unsupported`, and callers then
assume nothing about the pattern (the regex runs on every text): a parse is used only to
skip work, never to decide a finding.  ``tests/test_prefilter.py`` checks the facts on every
pattern medlint compiles against the fixtures and the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias


class Unsupported(ValueError):
    """The pattern uses syntax outside the subset."""


@dataclass(frozen=True)
class Lit:
    char: str


@dataclass(frozen=True)
class CharClass:
    """``[...]`` (or ``\\d``, ``\\w``, ``\\s``, which hold only a category)."""

    chars: frozenset[str]
    negated: bool = False
    categories: bool = False  # holds \d, \w, \s or a negation of one
    wide_range: bool = False  # a range of more than 0x400 characters (not expanded)
    ranges: bool = False  # holds a range a-b (its characters are in chars unless wide)


@dataclass(frozen=True)
class AnyChar:
    pass


@dataclass(frozen=True)
class At:
    """A zero-width position: ``^ $ \\b \\B \\A \\Z``."""


@dataclass(frozen=True)
class Group:
    alternatives: tuple[Seq, ...]
    local_flags: bool = False
    capturing: bool = False
    atomic: bool = False


@dataclass(frozen=True)
class Look:
    body: tuple[Seq, ...]


@dataclass(frozen=True)
class Repeat:
    min: int
    body: Seq


Node: TypeAlias = Lit | CharClass | AnyChar | At | Group | Look | Repeat
Seq: TypeAlias = tuple[Node, ...]

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CATEGORIES = frozenset("dDwWsS")
_AT_ESCAPES = frozenset("bBAZ")
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
_FLAG_GROUP = re.compile(r"\(\?[aiLmsux]+\)")
_SCOPED_FLAGS = re.compile(r"\(\?[aimsx]*(?:-[imsx]+)?:")
_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_]\w*>")
_LOOKS = ("(?<=", "(?<!", "(?=", "(?!")


def parse(pattern: str, flags: int = 0) -> tuple[Seq, ...]:
    """The alternatives of ``pattern`` (compiled with ``flags``, which include its inline
    global flags), each a sequence of nodes; raises :class:`Unsupported`."""
    return _Parser(pattern, bool(flags & re.VERBOSE)).parse()


class _Parser:
    def __init__(self, pattern: str, verbose: bool) -> None:
        self.src = pattern
        self.pos = 0
        self.verbose = verbose
        m = _FLAG_GROUP.match(pattern)
        if m:
            self.pos = m.end()

    def parse(self) -> tuple[Seq, ...]:
        alts = self.alternatives()
        if self.pos != len(self.src):
            raise Unsupported(f"unbalanced ')' at {self.pos}")
        return alts

    def alternatives(self) -> tuple[Seq, ...]:
        alts = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            alts.append(self.sequence())
        return tuple(alts)

    def peek(self) -> str:
        self.skip_verbose()
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def skip_verbose(self) -> None:
        while self.verbose and self.pos < len(self.src):
            ch = self.src[self.pos]
            if ch == "#":
                end = self.src.find("\n", self.pos)
                self.pos = len(self.src) if end == -1 else end + 1
            elif ch.isspace():
                self.pos += 1
            else:
                return

    def sequence(self) -> Seq:
        nodes: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            if atom is not None:
                nodes.append(self.quantified(atom))
        return tuple(nodes)

    def quantified(self, atom: Node) -> Node:
        ch = self.peek()
        lo: int | None = None
        if ch in ("*", "?"):
            lo = 0
            self.pos += 1
        elif ch == "+":
            lo = 1
            self.pos += 1
        elif ch == "{":
            m = _QUANTIFIER.match(self.src, self.pos)
            if m and (m.group(1) or m.group(2)):
                lo = int(m.group(1) or 0)
                self.pos = m.end()
        if lo is None:
            return atom
        if self.src.startswith(("?", "+"), self.pos):
            self.pos += 1  # lazy or possessive: the same matches are possible
        return Repeat(lo, (atom,))

    def atom(self) -> Node | None:
        ch = self.src[self.pos]
        self.pos += 1
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == "\\":
            return self.escape()
        if ch == ".":
            return AnyChar()
        if ch in ("^", "$"):
            return At()
        if ch in ("*", "+", "?"):
            raise Unsupported(f"nothing to repeat at {self.pos - 1}")
        return Lit(ch)

    def group(self) -> Node | None:
        start = self.pos - 1
        local_flags = atomic = False
        capturing = not self.src.startswith("?", self.pos)
        if self.src.startswith("?#", self.pos):
            end = self.src.find(")", self.pos)
            if end == -1:
                raise Unsupported("unterminated comment")
            self.pos = end + 1
            return None
        look = next((x for x in _LOOKS if self.src.startswith(x, start)), None)
        m = _NAMED_GROUP.match(self.src, start) or _SCOPED_FLAGS.match(self.src, start)
        if look is not None:
            self.pos = start + len(look)
        elif self.src.startswith("(?>", start):
            self.pos = start + 3
            atomic = True
        elif m is not None:
            local_flags = m.group().endswith(":") and m.group() != "(?:"
            if local_flags and "x" in m.group():
                raise Unsupported("scoped VERBOSE")
            capturing = m.group().startswith("(?P")
            self.pos = m.end()
        elif self.src.startswith("?", self.pos):
            raise Unsupported(f"group syntax at {start}")
        alts = self.alternatives()
        if self.peek() != ")":
            raise Unsupported(f"unclosed group at {start}")
        self.pos += 1
        return Look(alts) if look is not None else Group(alts, local_flags, capturing, atomic)

    def escape(self) -> Node:
        if self.pos >= len(self.src):
            raise Unsupported("a trailing backslash")
        ch = self.src[self.pos]
        self.pos += 1
        if ch in _CATEGORIES:
            return CharClass(frozenset(), negated=ch.isupper(), categories=True)
        if ch in _AT_ESCAPES:
            return At()
        return Lit(self.escaped_char(ch))

    def escaped_char(self, ch: str) -> str:
        """The character an escape other than a category or position stands for."""
        if ch in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[ch]
        if ch in _HEX_ESCAPES:
            width = _HEX_ESCAPES[ch]
            digits = self.src[self.pos : self.pos + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise Unsupported(f"\\{ch} escape")
            self.pos += width
            return chr(int(digits, 16))
        if ch.isascii() and ch.isalnum():
            raise Unsupported(f"escape \\{ch}")  # back-references, octal, \N{...}
        return ch

    def char_class(self) -> CharClass:
        negated = self.src.startswith("^", self.pos)
        self.pos += negated
        chars: set[str] = set()
        categories = wide = ranges = False
        first = True
        while True:
            if self.pos >= len(self.src):
                raise Unsupported("unterminated class")
            ch = self.src[self.pos]
            if ch == "]" and not first:
                self.pos += 1
                break
            first = False
            item = self.class_item()
            if item is None:
                categories = True
                continue
            if self.src.startswith("-", self.pos) and not self.src.startswith("-]", self.pos):
                self.pos += 1
                end = self.class_item()
                if end is None or ord(end) < ord(item):
                    raise Unsupported("a bad class range")
                ranges = True
                if ord(end) - ord(item) > 0x3FF:
                    wide = True
                    continue
                chars.update(chr(c) for c in range(ord(item), ord(end) + 1))
            else:
                chars.add(item)
        return CharClass(frozenset(chars), negated, categories, wide, ranges)

    def class_item(self) -> str | None:
        """One character of a class, or None for a category escape (``\\d`` ...)."""
        ch = self.src[self.pos]
        self.pos += 1
        if ch != "\\":
            if ch == "[" and self.src.startswith(":", self.pos):
                raise Unsupported("a possible POSIX class (re warns about it)")
            return ch
        if self.pos >= len(self.src):
            raise Unsupported("a trailing backslash")
        esc = self.src[self.pos]
        self.pos += 1
        if esc in _CATEGORIES:
            return None
        if esc == "b":
            return "\b"
        return self.escaped_char(esc)
