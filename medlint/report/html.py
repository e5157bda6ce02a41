"""A self-contained HTML report: inline CSS, inline SVG charts, one inline script.

Layout: what changed since the previous run (with ``--compare``) and the trend (with
``--history``) first, then summary cards, charts, the rules that fire most, the worst
articles, authors and reviewers, and a sortable, filterable, groupable, paginated table of
every article with CSV and JSON downloads.  Opening an article (``#a-ANCHOR``, the anchor derived from its path) shows its
facts, score, findings grouped by severity then rule, and its text with the flagged spans
highlighted.

Size: the article sections are packed in compressed chunks decoded on demand
(:mod:`medlint.report.html_data`), so 10,000 articles make a file of a few tens of MB that
is usable as soon as the table's JSON is parsed.  The file is written as a stream, one chunk
at a time (each article is read again for its text), so memory stays bounded by the findings,
not by the size of the library.  The CSS and script are package data
(``medlint/report/assets/``).
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, TextIO

from medlint.report.html_article import article_section
from medlint.report.html_changes import change_flags, changes_panel, trend_panel
from medlint.report.html_data import (
    ROW_COLUMNS,
    chunk_element,
    chunks,
    json_for_script,
    row_data,
)
from medlint.report.html_panels import (
    charts,
    news_panel,
    owners_panel,
    plural,
    summary_cards,
    table,
    top_rules,
    worst,
)
from medlint.report.source import read_source

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    from medlint.report.model import Report


@cache
def asset(name: str) -> str:
    """The text of ``medlint/report/assets/NAME`` (the page's CSS and script)."""
    return (resources.files("medlint.report") / "assets" / name).read_text(encoding="utf-8")


def _sections(report: Report) -> Iterator[tuple[str, str]]:
    for row in report.rows:
        text = read_source(row.source_path or row.path) if row.readable else None
        yield row.anchor, article_section(row, text, report.rule_names, row.anchor)


def write(report: Report, out: TextIO) -> None:
    s = report.summary
    out.write(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>medlint report: {plural(s['articles'], 'article')}</title>"
        f'<meta name="generator" content="{escape(report.generator)}">'
        f"<style>{asset('report.css')}</style></head><body>"
        f"<header><h1>medlint report</h1><p>{plural(s['articles'], 'article')} · "
        f"{plural(s['findings'], 'finding')} · as of {report.today.isoformat()} · "
        f"{escape(report.generator)}</p></header><main>"
    )
    out.write(changes_panel(report, {r.anchor for r in report.rows}))
    out.write(trend_panel(report))
    out.write(summary_cards(report))
    out.write(charts(report))
    out.write(f'<div class="row2">{top_rules(report)}{worst(report)}</div>')
    out.write(owners_panel(report))
    out.write(news_panel(report))
    out.write(table(report.comparison is not None))
    out.write('<section id="viewer" hidden></section></main>')
    max_grade = float(s["max_grade"])
    changes = change_flags(report)
    data = {
        "columns": list(ROW_COLUMNS),
        "rows": [row_data(r, max_grade, changes.get(r.anchor, "")) for r in report.rows],
        "rules": report.rule_names,
        "today": report.today.isoformat(),
    }
    out.write(
        f'<script type="application/json" id="medlint-rows">{json_for_script(data)}</script>\n'
    )
    out.write(
        "<footer>Quality score: 100 minus 10 points per error, 4 per warning and 1 per info "
        "finding, counting at most 3 findings of any one rule; 0 for a file that cannot be read."
        f"</footer><script>{asset('report.js')}</script>\n"
    )
    # The page works (table, charts) before the browser has read the chunks below.
    for k, (first, part) in enumerate(chunks(_sections(report))):
        out.write(chunk_element(k, first, part))
    out.write("</body></html>\n")
