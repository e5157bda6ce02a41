"""Title and sentence case as Vale computes them: jdkato/twine's ``strcase`` converters
(AP and Chicago title case, sentence case with indicators and a vocabulary) and Vale's
``title``/``sentence`` tests of how far a text follows them.

The AP style's part-of-speech test for "to" is left out: "to" stays lower case.
"""

from __future__ import annotations

import re

from medlint.vale.patterns import Pattern, PatternError, compile_pattern, is_match

SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "en",
        "for",
        "if",
        "in",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "vs",
        "vs.",
        "via",
        "v",
        "v.",
    ]
)
PREPOSITIONS = frozenset(
    [
        "with",
        "from",
        "into",
        "during",
        "including",
        "until",
        "against",
        "among",
        "throughout",
        "despite",
        "towards",
        "upon",
        "concerning",
        "about",
        "over",
        "through",
        "before",
        "between",
        "after",
        "since",
        "without",
        "under",
        "within",
        "along",
        "following",
        "across",
        "beyond",
        "around",
        "down",
        "near",
        "above",
    ]
)
_SPLIT = re.compile(r"[^\W_][^\s\-/]*")
_NUMBER_LIST = re.compile(r"\d+\.")
_SANITIZE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def to_title_word(m: str, strict: bool) -> str:
    """The first letter in title case; with ``strict`` the rest in lower case."""
    return m[:1].title() + (m[1:].lower() if strict else m[1:])


def converter_vocab(exceptions: list[str], accepted: list[str], vocab_on: bool) -> list[str]:
    """The vocabulary Vale's case converters get, longest first.

    In Vale, building the exceptions pattern rewrites the rule's own ``exceptions`` list in
    place (each term becomes ``(?-i)term``) whenever no accepted vocabulary is added to it;
    the converters then see case-sensitive patterns.  The same here, so headings such as
    "This vs. heading" pass as they do in Vale.
    """
    if vocab_on and accepted:
        return sorted([*exceptions, *accepted], key=len, reverse=True)
    ordered = sorted(exceptions, key=len, reverse=True)
    return [t if t.startswith("(?i)") else f"(?-i:{t})" for t in ordered]


def _alternative(term: str) -> str:
    return f"(?i:{term[4:]})" if term.startswith("(?i)") else term


_META = frozenset("\\.^$*+?{}[]|()")


def in_vocab(vocab: list[str], s: str) -> str:
    low = s.lower()
    for token in vocab:
        if token.lower() == low:
            return token
        if _META.isdisjoint(token):  # a plain word: the pattern's search is a substring test
            if token in s:
                return s
            continue
        try:
            if compile_pattern(token).search(s):
                return s
        except PatternError:
            continue
    return ""


def _split_prefix(s: str, prefix: str) -> tuple[str, str]:
    """``s`` as (what the rule's ``prefix`` pattern matches, if it matches at the start; the
    rest), as twine's converters take a prefix off before they convert."""
    if prefix:
        m = re.search(prefix, s)
        if m:
            return m.group(0), s.removeprefix(m.group(0))
    return "", s


def sentence_case(s: str, vocab: list[str], indicators: list[str], prefix: str = "") -> str:
    """twine's ``SentenceConverter.Convert``."""
    pre, s = _split_prefix(s, prefix)
    ps = r"[\p{N}\p{L}*]+[^\s]*"
    if vocab:
        ps = r"\b(?:" + "|".join(_alternative(v) for v in vocab) + r")\b|" + ps
    tokens = [m.group(0) for m in compile_pattern("(?i)" + ps).finditer(s)]
    made = []
    for i, token in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        entry = in_vocab(vocab, token)
        if entry:
            made.append(entry)
        elif i == 0 or _indicator(indicators, prev, i - 1):
            made.append(to_title_word(token, True))
        else:
            made.append(token.lower())
    return pre + " ".join(made)


def _indicator(indicators: list[str], word: str, idx: int) -> bool:
    if any(word.endswith(s) for s in indicators):
        return True
    return idx == 0 and _NUMBER_LIST.search(word) is not None


def title_case(s: str, vocab: list[str], chicago: bool, prefix: str = "") -> str:
    """twine's ``TitleConverter.Convert`` (AP or Chicago style)."""
    pre, s = _split_prefix(s, prefix)
    t = s.translate(_SANITIZE)
    end = len(t)
    idx = 0

    def char_at(i: int) -> str:
        return t[i] if 0 <= i < len(t) else ""

    def repl(mo: re.Match[str]) -> str:
        nonlocal idx
        m = mo.group(0)
        sm = m.lower()
        found = t.find(m, idx)
        pos = found if found != -1 else idx
        idx = pos + len(m)
        entry = in_vocab(vocab, m)
        if entry:
            return entry
        small = sm in SMALL_WORDS or (chicago and sm in PREPOSITIONS)
        bounding = pos == 0 or idx == end
        if (
            small
            and not bounding
            and char_at(pos - 1) in (" ", "-", "/")
            and char_at(pos - 2) not in (":", "-")
            and (char_at(pos + len(m)) != "-" or char_at(pos - 1) == "-")
        ):
            return sm
        return to_title_word(m, False)

    return pre + _SPLIT.sub(repl, s)


_WORDS = r"[\p{N}\p{L}*]+[^\s]*"


def _words(pattern: Pattern | None, s: str) -> list[str]:
    ps = _WORDS if pattern is None else pattern.pattern + "|" + _WORDS
    return [m.group(0) for m in compile_pattern(ps).finditer(s)]


def title_ok(s: str, expected: str, exc: Pattern | None, threshold: float) -> bool:
    observed, wanted = _words(exc, s), _words(exc, expected)
    count = words = 0.0
    for i, word in enumerate(observed):
        if i >= len(wanted) or word == wanted[i] or is_match(exc, word) or word == word.upper():
            count += 1
        words += 1
    return words == 0 or count / words >= threshold


def sentence_ok(s: str, expected: str, exc: Pattern | None, threshold: float) -> bool:
    observed, wanted = _words(exc, s), _words(exc, expected)
    count = words = 0.0
    for i, word in enumerate(observed):
        if i >= len(wanted) or word == wanted[i] or is_match(exc, word):
            count += 1
        elif i == 0 and word != word.lower().title():
            return False
        words += 1
    return words == 0 or count / words >= threshold
