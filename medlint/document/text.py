"""Plain-text articles: one block per line, or per blank-line-separated paragraph."""

from __future__ import annotations

import re

from medlint.document.model import LINE_BREAK, Article, Block, TextBuilder

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,3}[.)])\s+")
_TERMINAL = ".!?:;,"
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def _kind(text: str, first: bool) -> str:
    words = text.split()
    if first and len(words) <= 25 and not text.endswith((".", ":")):
        return "title"
    if _BULLET.match(text):
        return "list_item"
    if 0 < len(words) <= 10 and text[-1] not in _TERMINAL and text[:1].isupper():
        return "heading"
    return "paragraph"


def parse_text(article: Article, body_start: int = 0) -> None:
    src = article.source
    lines: list[tuple[int, str]] = []  # (offset, text without its line break)
    eol_before: dict[int, int] = {}
    pos = body_start
    for br in LINE_BREAK.finditer(src, body_start):
        lines.append((pos, src[pos : br.start()]))
        eol_before[br.end()] = br.end() - br.start()
        pos = br.end()
    if pos < len(src):
        lines.append((pos, src[pos:]))

    # Group non-blank lines into runs separated by blank lines.
    runs: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for off, text in lines:
        if _COMMENT_LINE.match(text):
            continue  # a medlint directive or other comment line is not prose
        if text.strip():
            cur.append((off, text))
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    paragraph_mode = len(runs) > 1 and any(
        len(r) > 1 and not all(_BULLET.match(t) for _, t in r) for r in runs
    )
    groups = runs if paragraph_mode else [[ln] for r in runs for ln in r]

    for group in groups:
        # In paragraph mode a run of bullet lines is a list: one block per item.
        if paragraph_mode and len(group) > 1 and all(_BULLET.match(t) for _, t in group):
            parts = [[ln] for ln in group]
        else:
            parts = [group]
        for part in parts:
            tb = TextBuilder()
            for i, (off, text) in enumerate(part):
                lead = len(text) - len(text.lstrip())
                body = text.strip()
                if i == 0:
                    m = _BULLET.match(text)
                    if m:
                        lead = m.end()
                        body = text[m.end() :].rstrip()
                else:
                    eol = eol_before.get(off, 1)  # the space stands for the line break
                    tb.add(" ", off - eol, eol)
                tb.add(body, off + lead)
            txt, segs = tb.strip()
            if not txt:
                continue
            first = not article.blocks
            is_list = bool(_BULLET.match(part[0][1]))
            kind = "list_item" if is_list else _kind(txt, first)
            article.blocks.append(
                Block(kind=kind, text=txt, segments=segs, index=len(article.blocks))
            )
