"""Regular expressions and message formatting as Vale builds them.

Vale compiles rule patterns with regexp2 (a .NET-style engine: look-behinds, inline flags
anywhere); the ``regex`` package reads the same syntax where Python's ``re`` refuses it.
Word boundaries follow Vale's templates: ``(?m)\\b(?:TOKENS)\\b`` unless ``nonword``.
"""

from __future__ import annotations

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
    """Compile ``pattern`` with regexp2's syntax (as far as ``regex`` reads it)."""
    try:
        return regex.compile(_translate(pattern))
    except (regex.error, re.error, OverflowError, RecursionError) as exc:
        raise PatternError(f"invalid regular expression {pattern!r}: {exc}") from exc


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
    return compile_pattern(WORD_TEMPLATE % "|".join(parts))


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
    """``'a'``, ``'a' or 'b'``, ``'a', 'b', or 'c'`` (Vale's ``ToSentence``)."""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' or '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{conj} {quoted[-1]}"
    return ", ".join(quoted)


_VERB = re.compile(r"%(?:\[(\d+)\])?([-+# 0-9.]*)([a-zA-Z%])")


def format_message(msg: str, *subs: str) -> str:
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
        if m.group(3) in "sqv":
            return f'"{subs[i]}"' if m.group(3) == "q" else subs[i]
        return f"%!{m.group(3)}(string={subs[i]})"

    return _VERB.sub(verb, msg)


_SPACES = re.compile(r" {2,}")


def whitespace_to_space(msg: str) -> str:
    """Newlines and runs of spaces become one space (Vale before 3.10 did this to every
    message)."""
    return _SPACES.sub(" ", msg.replace("\n", " "))
