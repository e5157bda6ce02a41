"""Regular expressions and message formatting as Vale builds them.

Vale compiles rule patterns with regexp2 (a .NET-style engine: look-behinds, inline flags
anywhere); the ``regex`` package reads the same syntax where Python's ``re`` refuses it.
Word boundaries follow Vale's templates: ``(?m)\\b(?:TOKENS)\\b`` unless ``nonword``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import regex

WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"
IGNORE_CASE = "(?i)"

Pattern = Any  # a compiled ``regex`` pattern (the package ships no type hints)


class PatternError(ValueError):
    """A pattern Vale would refuse (E201 in Vale)."""


def compile_pattern(pattern: str) -> Pattern:
    """Compile ``pattern`` with regexp2's syntax (as far as ``regex`` reads it).

    Compiled once per process: ``regex``'s own cache holds 500 patterns, fewer than a
    large vocabulary's terms (each tried as a pattern by capitalization rules)."""
    compiled = _compile(pattern)
    if isinstance(compiled, str):
        raise PatternError(compiled)
    return compiled


@functools.lru_cache(maxsize=1 << 14)
def _compile(pattern: str) -> Pattern | str:
    """The compiled pattern, or why it does not compile."""
    try:
        return regex.compile(_translate(pattern))
    except (regex.error, re.error, OverflowError, RecursionError) as exc:
        return f"invalid regular expression {pattern!r}: {exc}"


def _translate(pattern: str) -> str:
    # RE2/.NET spellings Python does not share: \z (end of text), \A is the same.
    return pattern.replace(r"\z", r"\Z")


def make_regexp(
    template: str, ignorecase: bool, word: bool, body: str = "", append: bool = True
) -> str:
    """Vale's ``makeRegexp``: the word or non-word template, the raw part before or after,
    ``(?i)`` in front when the rule ignores case."""
    out = (template or WORD_TEMPLATE) if word else NONWORD_TEMPLATE
    out = out + body if append else body + out
    return IGNORE_CASE + out if ignorecase else out


def exceptions_pattern(exceptions: list[str], accepted: list[str], vocab: bool) -> Pattern | None:
    """Vale's ``updateExceptions``: exceptions (and accepted vocabulary terms) as one
    case-sensitive word-bounded alternation, longest first; None when there are none."""
    terms = [*exceptions, *(accepted if vocab else [])]
    terms = [t for t in terms if t != ""]
    if not terms:
        return None
    terms.sort(key=len, reverse=True)
    parts = [f"(?i:{t[4:]})" if t.startswith("(?i)") else f"(?-i:{t})" for t in terms]
    whole = WORD_TEMPLATE % "|".join(parts)
    own = [t for t in exceptions if t != ""]
    if not vocab or not accepted or not own:
        return compile_pattern(whole)
    # the vocabulary's part is the same for every rule: compiled once, not once per rule
    # with its own exceptions (a vocabulary of thousands of terms made each rule slow)
    return _Either(
        whole, [exceptions_pattern(own, [], False), exceptions_pattern([], accepted, True)]
    )


class _Either:
    """A pattern made of alternatives compiled apart: ``search`` finds what the whole
    alternation would find somewhere (the first part's match); ``pattern`` is the whole."""

    def __init__(self, pattern: str, parts: list[Pattern]) -> None:
        self.pattern = pattern
        self._parts = parts

    def search(self, text: str) -> Any:
        for part in self._parts:
            m = part.search(text)
            if m is not None:
                return m
        return None


def phrase_pattern(exceptions: list[str], accepted: list[str], vocab: bool) -> Pattern | None:
    """Vale's ``buildPhraseRe``: the multi-word exceptions (and accepted terms) as one
    case-insensitive pattern, so a match inside an accepted phrase stays quiet."""
    terms = [*exceptions, *(accepted if vocab else [])]
    phrases = [t for t in terms if " " in t or "\t" in t or r"\s" in t]
    if not phrases:
        return None
    try:
        return compile_pattern(IGNORE_CASE + r"\b(?:" + "|".join(phrases) + r")\b")
    except PatternError:
        return None


def exception_patterns(
    exceptions: list[str], accepted: list[str], vocab: bool
) -> tuple[Pattern | None, Pattern | None]:
    """A rule's exceptions (and, with ``vocab``, the accepted terms) as Vale checks them: a
    whole-match pattern (:func:`exceptions_pattern`) and a phrase pattern
    (:func:`phrase_pattern`)."""
    return (
        exceptions_pattern(exceptions, accepted, vocab),
        phrase_pattern(exceptions, accepted, vocab),
    )


def within_phrase(pattern: Pattern | None, text: str, start: int, end: int) -> bool:
    """The span lies inside a match of ``pattern`` (Vale's ``withinPhrase``)."""
    if pattern is None:
        return False
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text))


def get_options(value: str) -> list[str]:
    """``a|b|c`` → the options (an escaped ``\\|`` is a literal bar; Vale's ``getOptions``)."""
    temp = value.replace("\\|", "\x00")
    return [o.replace("\x00", "|") for o in temp.split("|") if o]


_LITERAL_STOP = set("[](){}|.*+^$")


def recase_to_term(term: str, observed: str) -> str:
    """A regex term for one fixed spelling (``OAuth2?``) re-cased to that spelling when it
    matches ``observed`` ignoring case (Vale's ``recaseToTerm``); else the term."""
    out: list[str] = []
    i = 0
    while i < len(term):
        c = term[i]
        if c == "\\":
            if i + 1 >= len(term):
                return term
            out.append(term[i + 1])
            i += 2
            continue
        if c in _LITERAL_STOP:
            return term
        if c != "?":
            out.append(c)
        i += 1
    skel = "".join(out)
    return skel if skel and skel.lower() == observed.lower() else term


def is_match(pattern: Pattern | None, text: str) -> bool:
    """Vale's ``isMatch``: the pattern is found anywhere in ``text``."""
    return pattern is not None and pattern.search(text) is not None


def is_phrase(s: str) -> bool:
    """Letters, digits, spaces and hyphens only (Vale's ``IsPhrase``)."""
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)


def match_token(expected: str, observed: str, ignorecase: bool = False) -> bool:
    """Vale's ``matchToken``: a phrase compares as text, anything else as an anchored
    pattern."""
    if is_phrase(expected):
        return expected == observed
    try:
        pat = compile_pattern((IGNORE_CASE if ignorecase else "") + f"^(?:{expected})$")
    except PatternError:
        return expected == observed
    return pat.search(observed) is not None


def cap_first(s: str) -> str:
    """Upper-case the first character (Vale's ``CapFirst``)."""
    return s[:1].upper() + s[1:]


def to_sentence(words: list[str], conj: str = "or") -> str:
    """``'a'``, ``'a' or 'b'``, ``'a', 'b', or 'c'`` (Vale's ``ToSentence``); none: ""."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {conj} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{conj} {quoted[-1]}"
    return ", ".join(quoted)


_VERB = re.compile(r"%(?:\[(\d+)\])?([-+# 0-9.]*)([a-zA-Z%])")


def format_message(msg: str, *subs: str | int) -> str:
    """Go's ``fmt.Sprintf`` as Vale's ``FormatMessage`` calls it: ``%s`` verbs take the
    substitutions in turn (``%[2]s`` by index), ``%%`` is a percent sign, extra
    substitutions are dropped and a missing one reads ``%!s(MISSING)``."""
    pos = 0

    def verb(m: re.Match[str]) -> str:
        nonlocal pos
        if m.group(3) == "%":
            return "%"
        if m.group(1) is not None:
            pos = int(m.group(1)) - 1
        i = pos
        pos += 1
        if i >= len(subs):
            return f"%!{m.group(3)}(MISSING)"
        value, verb_char = subs[i], m.group(3)
        if isinstance(value, int):
            if verb_char in "dsv":  # Vale means both %d and %s to print a count
                return str(value)
            return f"%!{verb_char}(int={value})"
        if verb_char in "sqv":
            return f'"{value}"' if verb_char == "q" else value
        return f"%!{verb_char}(string={value})"

    return _VERB.sub(verb, msg)


_SPACES = re.compile(r" {2,}")


def whitespace_to_space(msg: str) -> str:
    """Newlines and runs of spaces become one space (Vale before 3.10 did this to every
    message)."""
    return _SPACES.sub(" ", msg.replace("\n", " "))
