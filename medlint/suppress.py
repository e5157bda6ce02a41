"""Inline suppression: ``<!-- medlint-disable … -->`` comments and front matter ``medlint.ignore``.

Directive forms (Markdown, HTML and plain text):

* ``<!-- medlint-disable [CODES] [-- reason] -->`` … ``<!-- medlint-enable [CODES] -->``
* ``<!-- medlint-disable-next-line [CODES] [-- reason] -->``
* ``<!-- medlint-disable-line [CODES] [-- reason] -->`` (on the line of the comment)
* ``<!-- medlint-disable-file [CODES] [-- reason] -->``

CODES may be codes, prefixes or rule names; none means every rule.

Vale's comments (Markdown and HTML, as Vale reads them) are honoured beside them, with
Vale's semantics (Vale 3.x ``File.UpdateComments``/``QueryComments``): from the comment on,

* ``<!-- vale off -->`` … ``<!-- vale on -->``: every style rule (``Style.Rule``) is off;
* ``<!-- vale Style.Rule = NO -->`` / ``= YES`` (also ``off``/``on``): that rule;
* ``<!-- vale Style = NO -->`` / ``= YES``: every rule of the style;
* ``<!-- vale Style.Rule["match", "other"] = NO -->``: that rule's alerts on exactly
  these texts;
* ``<!-- vale style = A -->`` / ``<!-- vale styles = A, B -->``: only these styles.

A finding of a ``scope: raw`` rule (``finding.extra["vale"]["Raw"]`` true) is silenced only
by a ``vale off`` still open at the end of the file: Vale runs raw rules on the whole file
after reading the comments and resetting the per-rule states.

They silence style rules only: medlint's own rules (``C401``…) stay on inside ``vale off``,
as they do under Vale (use ``medlint-disable`` for them).  A Vale comment is never reported
as an unused (X001) or reasonless (X002) suppression: it is Vale's, and Vale does not.

A comment of either kind written inside Markdown code (a fenced or indented code block, a
code span: ``Article.in_code``) is an example shown to the reader, not a comment: Vale
renders it as code text.  Neither scanner reads it (``_directives`` in medlint.document, and
:func:`vale_comments`).  In HTML a comment inside ``<pre>`` is still a comment, for Vale too.
"""

from __future__ import annotations

import bisect
import difflib
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from medlint.document.model import Article, Directive
from medlint.findings import Finding
from medlint.registry import Registry, is_style_code, style_of

SUPPRESSION_CODES = ("X001", "X002")
FRONT_MATTER_KEYS = ("ignore", "disable")  # medlint: {ignore: [...]}; disable is an alias
_FM_KEY = re.compile(r"^medlint[ \t]*:", re.M)
_EXAMPLE = "such as 'medlint: {ignore: [D304, R101]}'"


@dataclass
class _Range:
    directive: Directive
    codes: frozenset[str] | None  # None = every rule
    first: int
    last: int  # inclusive line range


def _codes(d: Directive, registry: Registry) -> frozenset[str] | None:
    if not d.codes:
        return None
    out: set[str] = set()
    for c in d.codes:
        out.update(registry.expand(c) or [_unknown(c)])
    return frozenset(out)


def _unknown(code: str) -> str:
    """A code no loaded rule has, as it will be compared (``Style.Rule`` keeps its case)."""
    return code if is_style_code(code) else code.upper()


def _next_content_line(article: Article, line: int) -> int:
    n = len(article.line_starts)
    cur = line + 1
    while cur <= n and not article.line_text(cur).strip():
        cur += 1
    return cur


def build_ranges(article: Article, registry: Registry) -> list[_Range]:
    ranges: list[_Range] = []
    open_: list[_Range] = []
    last_line = len(article.line_starts) + 1
    for d in article.directives:
        start_line = article.line_of(d.start)
        end_line = article.line_of(d.end)
        codes = _codes(d, registry)
        if d.action == "disable":
            r = _Range(d, codes, end_line, last_line)
            open_.append(r)
            ranges.append(r)
        elif d.action == "enable":
            d.used = True  # an enable is never "unused"
            for r in list(open_):
                if codes is None or r.codes is None or r.codes & codes:
                    r.last = start_line
                    open_.remove(r)
        elif d.action == "disable-next-line":
            target = _next_content_line(article, end_line)
            ranges.append(_Range(d, codes, target, target))
        elif d.action == "disable-line":
            ranges.append(_Range(d, codes, start_line, end_line))
        elif d.action == "disable-file":
            ranges.append(_Range(d, codes, 1, last_line))
    return ranges


# Vale's comment forms (vale-cli/vale internal/core/file.go), on the stripped comment text
_VALE_HEAD = re.compile(r"<!--\s*vale\b")
_VALE_MATCHES = re.compile(r"^vale (.+\..+)(\[.+\]) = (YES|NO)$")
_VALE_CONTROL = re.compile(r"^vale (.+\..+|[^.]+) = (YES|NO|on|off)$")
_VALE_STYLES = re.compile(r"^vale styles? = (.*)$")
VALE_COMMENT_FORMATS = ("md", "html")  # Vale reads comments in markup, not in plain text


@dataclass
class ValeComments:
    """The ``<!-- vale ... -->`` comments of an article: Vale's comment state after each one."""

    offsets: list[int] = field(default_factory=list)  # where each comment ends
    states: list[dict[str, bool]] = field(default_factory=list)  # the state from there on

    @property
    def off_at_end(self) -> bool:
        """A ``vale off`` still open at the end of the file: what silences a ``scope: raw``
        rule, which Vale runs on the whole file after the comments were read (and every
        per-rule and per-style state was reset)."""
        return bool(self.states) and self.states[-1].get("off", False)

    def silenced(self, code: str, offset: int, match: str) -> bool:
        """Whether the style rule ``code``'s alert at ``offset`` on ``match`` is off."""
        i = bisect.bisect_right(self.offsets, offset) - 1
        if i < 0:
            return False
        state = self.states[i]
        return (
            state.get("off", False)
            or state.get(style_of(code), False)
            or state.get(code, False)
            or state.get(f"{code}[{match}]", False)
        )


def _update_vale_state(state: dict[str, bool], comment: str, styles: list[str]) -> None:
    """Vale's ``File.UpdateComments`` on one comment's text."""
    if comment == "vale off":
        state["off"] = True
    elif comment == "vale on":
        state["off"] = False
    elif m := _VALE_MATCHES.match(comment):
        try:
            parts = json.loads(m.group(2))
        except ValueError:
            return
        if isinstance(parts, list):
            for part in parts:
                if isinstance(part, str):
                    state[f"{m.group(1)}[{part}]"] = m.group(3) == "NO"
    elif m := _VALE_CONTROL.match(comment):
        state[m.group(1)] = m.group(2) in ("NO", "off")
    elif m := _VALE_STYLES.match(comment):
        for style in styles:
            state[style] = True
        for style in m.group(1).split(", "):
            state[style] = False


def vale_comments(article: Article, registry: Registry) -> ValeComments:
    """Vale's comment state through the article (empty outside Markdown and HTML)."""
    out = ValeComments()
    src = article.source
    if article.fmt not in VALE_COMMENT_FORMATS or "vale" not in src:
        return out
    styles = list(registry.styles())
    state: dict[str, bool] = {}
    pos = 0
    while (m := _VALE_HEAD.search(src, pos)) is not None:
        if article.in_code(m.start()):  # code text to Vale, not a comment
            pos = m.end()
            continue
        close = src.find("-->", m.end())
        if close == -1:
            break
        pos = close + 3
        text = html.unescape(src[m.start() + 4 : close].strip())  # as Vale's HTML walker
        _update_vale_state(state, text, styles)
        out.offsets.append(pos)
        out.states.append(dict(state))
    return out


def _vale_silenced(f: Finding, comments: ValeComments, source: str) -> bool:
    if not comments.offsets or not is_style_code(f.code):
        return False
    vale = f.extra.get("vale")
    if isinstance(vale, dict) and vale.get("Raw"):
        return comments.off_at_end
    match = vale.get("Match") if isinstance(vale, dict) else None
    if not isinstance(match, str):
        match = source[f.start : f.end]
    return comments.silenced(f.code, f.start, match)


def _front_matter_issue(value: Any) -> str:
    """What is wrong with the front matter ``medlint`` value, or "" when it is usable."""
    if not isinstance(value, dict):
        shown = repr(value) if len(repr(value)) <= 40 else type(value).__name__
        return f"front matter 'medlint' must be a mapping {_EXAMPLE}, not {shown}; it is ignored"
    for key in value:
        if str(key) not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            return (
                f"front matter 'medlint.{str(key)[:40]}' is not a known key; {hint}"
                f"medlint reads only: {', '.join(FRONT_MATTER_KEYS)}; it is ignored"
            )
    for key in FRONT_MATTER_KEYS:
        codes = value.get(key)
        if codes is None or isinstance(codes, str):
            continue
        if not isinstance(codes, list) or not all(isinstance(c, (str, int)) for c in codes):
            return (
                f"front matter 'medlint.{key}' must be a code or a list of codes "
                f"{_EXAMPLE}; it is ignored"
            )
    return ""


def front_matter_problems(article: Article) -> list[Finding]:
    """An E903 finding when the front matter has a ``medlint`` key medlint cannot use (not a
    mapping, an unknown key such as a misspelt ``ignroe``, codes that are not a list)."""
    if "medlint" not in article.front_matter:
        return []
    message = _front_matter_issue(article.front_matter["medlint"])
    if not message:
        return []
    start, end = article.front_matter_span or (0, 0)
    m = _FM_KEY.search(article.source, start, end)
    a, b = (m.start(), m.end() - 1) if m else (start, start)
    return [Finding(code="E903", message=message, start=a, end=b, name="invalid-front-matter")]


def _front_matter_ignores(article: Article, registry: Registry) -> set[str]:
    """The codes front matter ``medlint: {ignore: [...]}`` turns off for the whole file."""
    fm = article.front_matter.get("medlint")
    out: set[str] = set()
    if not isinstance(fm, dict):
        return out  # reported as E903 (front_matter_problems)
    raw = fm.get("ignore") or fm.get("disable") or []
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list):
        for c in raw:
            if isinstance(c, (str, int)):  # anything else is reported as E903
                out.update(registry.expand(str(c)) or [_unknown(str(c))])
    return out


def apply_suppressions(
    article: Article,
    findings: list[Finding],
    registry: Registry,
    require_reason: bool,
    selected: set[str],
) -> list[Finding]:
    """Drop suppressed findings; add X001 (unused) and X002 (no reason) findings."""
    ranges = build_ranges(article, registry)
    fm_ignore = _front_matter_ignores(article, registry)
    vale = vale_comments(article, registry)
    kept: list[Finding] = []
    for f in findings:
        if f.code in fm_ignore or _vale_silenced(f, vale, article.source):
            continue
        hit = False
        for r in ranges:
            if r.first <= f.line <= r.last and (r.codes is None or f.code in r.codes):
                if f.code in SUPPRESSION_CODES:
                    continue
                r.directive.used = True
                hit = True
        if not hit:
            kept.append(f)
    extra: list[Finding] = []
    seen: set[int] = set()
    for r in ranges:
        d = r.directive
        if id(d) in seen:
            continue
        seen.add(id(d))
        what = ", ".join(d.codes) if d.codes else "all rules"
        if "X001" in selected and not d.used:
            extra.append(
                Finding(
                    code="X001",
                    message=f"this medlint-{d.action} ({what}) suppresses nothing; remove it",
                    start=d.start,
                    end=d.end,
                )
            )
        if "X002" in selected and require_reason and not d.reason:
            extra.append(
                Finding(
                    code="X002",
                    message=(
                        f"medlint-{d.action} ({what}) has no reason; add one after '--', e.g. "
                        f"<!-- medlint-{d.action} {' '.join(d.codes) or 'CODE'} -- why this is fine -->"
                    ),
                    start=d.start,
                    end=d.end,
                )
            )
    return kept + extra
