"""P606 stigmatizing-language: wording health-communication guides ask writers to avoid."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from medlint import packs
from medlint.checks.plain_language.typography import quoted, shouting
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "P606",
    "stigmatizing-language",
    "warning",
    "Wording health-communication guides ask writers to avoid, with the preferred form.",
    rationale=(
        "Labels and loaded phrases stigmatize people and discourage them from seeking care. "
        "Safe-messaging guidelines ask for 'died by suicide', not 'committed suicide'; NIDA's "
        "'Words Matter' for 'person with a substance use disorder', not 'addict' or 'substance "
        "abuser'; the AMA Manual of Style for person-first language: 'a person with diabetes', "
        "not 'a diabetic'; 'has' or 'lives with', not 'suffers from'; 'uses a wheelchair', not "
        "'wheelchair-bound'. Adjectives stay fine ('diabetic foot ulcer', 'epileptic seizure'). "
        "A phrase in quotation marks (being discussed) or in a Title Case name is not reported. "
        "Phrases live in rules/stigma.yaml with their sources."
    ),
    source=(
        "Recommendations for Reporting on Suicide (safe-messaging guidelines); NIDA 'Words "
        "Matter'; AMA Manual of Style 11th ed. §11.10 (person-first language); CDC "
        "'Communicating With and About People with Disabilities'"
    ),
    bad="He committed suicide after years as an addict. Diabetics should check their feet daily.",
    good=(
        "He died by suicide after years of living with a substance use disorder. People with "
        "diabetes should check their feet daily."
    ),
    fix="Use the preferred wording the message gives (person-first: the person, then the condition).",
)
def stigmatizing_language(ctx: Context) -> Iterator[Finding]:
    # Fast path: an entry whose hints occur nowhere in the article (all blocks joined by
    # newlines, lower case) cannot match in any block, so it is dropped for the article;
    # usually none is left.  The remaining entries are tested block by block as before.
    blocks = ctx.article.blocks
    whole = ctx.article.joined_text(lower=True)
    entries = [e for e in _stigma() if not e.hints or any(h in whole for h in e.hints)]
    if not entries:
        return
    for block in blocks:
        text = block.text
        low = text.lower()
        hits: list[tuple[int, int, str, str, _StigmaEntry]] = []
        for e in entries:
            if e.hints and not any(h in low for h in e.hints):
                continue
            for m in e.pattern.finditer(text):
                start, end = m.span()
                if quoted(text, start, end) or _title_case_name(text, start, end):
                    continue
                if e.not_after is not None and e.not_after.search(_sentence_before(text, start)):
                    continue  # about a thing: "the quality of care may suffer from …"
                hits.append((start, end, m.group(0), _preferred(e, m), e))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, shown, preferred, e in hits:
            if start < last_end:
                continue  # overlapping entries: keep the first, longest
            last_end = end
            yield ctx.finding(
                block,
                start,
                end,
                f"'{shown}' is stigmatizing wording ({', '.join(e.src) or 'style guides'}): "
                f"write '{preferred}'",
                entry=e.ident,
            )


@dataclass(frozen=True)
class _StigmaEntry:
    ident: str
    pattern: re.Pattern[str]
    preferred: str
    src: tuple[str, ...]
    hints: tuple[str, ...]  # the pattern runs only on blocks containing one (none: always)
    not_after: re.Pattern[str] | None = None  # on the sentence before: about a thing


def _preferred(e: _StigmaEntry, m: re.Match[str]) -> str:
    """The preferred wording, keeping the noun the writer used ("patients with obesity")."""
    if "{noun}" not in e.preferred:
        return e.preferred
    noun = m.groupdict().get("noun") or "people"
    return e.preferred.replace("{noun}", noun.lower())


def _sentence_before(text: str, start: int) -> str:
    head = text[:start]
    cut = max(head.rfind(". "), head.rfind("! "), head.rfind("? "), head.rfind("\n"))
    return head[cut + 1 :]


def _build_stigma(pack: dict[str, Any]) -> tuple[_StigmaEntry, ...]:
    out: list[_StigmaEntry] = []
    for item in pack.get("entries") or []:
        if not isinstance(item, dict) or not item.get("match"):
            continue
        src = item.get("src") or []
        if isinstance(src, str):
            src = [src]
        not_after = str(item.get("not_after") or "")
        hints = item.get("hint") or []
        if isinstance(hints, str):
            hints = [hints]
        out.append(
            _StigmaEntry(
                str(item.get("id") or item["match"]),
                re.compile(str(item["match"]), re.I),
                str(item.get("preferred") or ""),
                tuple(str(x) for x in src),
                tuple(str(h).lower() for h in hints),
                re.compile(not_after, re.I) if not_after else None,
            )
        )
    return tuple(out)


@packs.pack_cache
def _stigma() -> tuple[_StigmaEntry, ...]:
    return _build_stigma(packs.load("stigma"))


def _title_case_name(text: str, start: int, end: int) -> bool:
    """'Substance Abuse' inside 'National Institute on Drug Abuse': every word capitalised."""
    words = re.findall(r"[A-Za-z]+", text[start:end])
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?:"“(' and not shouting(text)
