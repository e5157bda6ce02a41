"""A self-contained HTML report: inline CSS, inline SVG charts, a little inline JavaScript.

Layout: summary cards, charts (reading grades, months since review, findings by group), the
rules that fire most, the worst articles, then a sortable, filterable, paginated table of every
article.  Each article's section (its facts, score, findings and text with the flagged spans
highlighted) is written as an inert ``<script type="text/html" id="t-ID">`` block and put on the
page only when the reader opens it (``#a-ID``), so a 10,000-article report opens quickly: the
browser parses one JSON array for the table and never builds the DOM of unopened sections.

The file is written as a stream, one article section at a time (each file is read again for its
text), so memory stays bounded by the findings, not by the size of the library.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any, TextIO

from medlint.findings import SEVERITY_RANK
from medlint.report.model import AGE_BUCKETS, GRADE_BUCKETS
from medlint.report.source import (
    MAX_TEXT_CHARS,
    finding_span,
    line_starts,
    pieces,
    read_source,
)

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import ArticleRow, Report

ROW_COLUMNS = (
    "id",
    "path",
    "title",
    "reviewer",
    "review_date",
    "age",
    "words",
    "fk",
    "smog",
    "score",
    "errors",
    "warnings",
    "info",
    "codes",
    "flags",
)
# flags: s = stale (R102), n = no review date, m = medication article, w = missing stop-warning
# (S201), g = above the max reading grade, u = unreadable


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element (no "</script", no "<!--")."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _fmt(value: Any, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}{suffix}"
    return f"{value}{suffix}"


# -- charts ----------------------------------------------------------------------


def bar_chart(
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[int], str]],
    colors: list[str] | None = None,
    x_title: str = "",
) -> str:
    """A vertical bar chart as inline SVG; ``series`` = (name, values, colour)."""
    width, height = 440, 230
    left, right, top, bottom = 40, 10, 38, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for _n, vals, _c in series for v in vals), default=0) or 1
    group_w = plot_w / max(len(labels), 1)
    bar_w = max(2.0, (group_w - 8) / max(len(series), 1))
    out = [
        f'<svg id="{chart_id}" class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">',
        f'<text x="{left}" y="16" class="chart-title">{_e(title)}</text>',
    ]
    for k in range(5):  # grid lines
        y = top + plot_h - plot_h * k / 4
        val = round(peak * k / 4)
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" class="axis" text-anchor="end">{val}</text>'
        )
    for i, label in enumerate(labels):
        gx = left + i * group_w + 4
        for j, (name, values, color) in enumerate(series):
            v = values[i]
            h = plot_h * v / peak
            x = gx + j * bar_w
            y = top + plot_h - h
            fill = colors[i] if colors and len(series) == 1 else color
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" '
                f'height="{h:.1f}" fill="{fill}" data-series="{_e(name)}" '
                f'data-label="{_e(label)}" data-value="{v}">'
                f"<title>{_e(name)} {_e(label)}: {v}</title></rect>"
            )
            if v and bar_w >= 14:
                out.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" class="val" '
                    f'text-anchor="middle">{v}</text>'
                )
        out.append(
            f'<text x="{gx + group_w / 2 - 4:.1f}" y="{top + plot_h + 16}" class="axis" '
            f'text-anchor="middle">{_e(label)}</text>'
        )
    if x_title:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" class="axis" '
            f'text-anchor="middle">{_e(x_title)}</text>'
        )
    if len(series) > 1:
        lx = width - right - 110 * len(series)
        for j, (name, _v, color) in enumerate(series):
            out.append(
                f'<rect x="{lx + j * 110}" y="20" width="10" height="10" fill="{color}"/>'
                f'<text x="{lx + j * 110 + 14}" y="29" class="axis">{_e(name)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def hbar_chart(chart_id: str, title: str, labels: list[str], values: list[int], color: str) -> str:
    """A horizontal bar chart as inline SVG (labels on the left)."""
    width, height = 440, 230
    left, right, top = 120, 44, 38
    row_h = min(22.0, (height - top - 8) / max(len(labels), 1))
    peak = max(values, default=0) or 1
    out = [
        f'<svg id="{chart_id}" class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">',
        f'<text x="40" y="16" class="chart-title">{_e(title)}</text>',
    ]
    if not labels:
        out.append(f'<text x="40" y="{top + 14}" class="axis">No findings.</text>')
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row_h
        w = (width - left - right) * v / peak
        out.append(
            f'<text x="{left - 6}" y="{y + row_h * 0.65:.1f}" class="axis" '
            f'text-anchor="end">{_e(label)}</text>'
            f'<rect class="bar" x="{left}" y="{y + 2:.1f}" width="{w:.1f}" '
            f'height="{row_h - 4:.1f}" fill="{color}" data-series="findings" '
            f'data-label="{_e(label)}" data-value="{v}"><title>{_e(label)}: {v}</title></rect>'
            f'<text x="{left + w + 4:.1f}" y="{y + row_h * 0.65:.1f}" class="val">{v}</text>'
        )
    out.append("</svg>")
    return "".join(out)


SHORT_GROUP_NAMES = {
    "R": "review",
    "S": "safety",
    "D": "duplication",
    "C": "claims",
    "A": "ads",
    "P": "plain language",
    "M": "dose style",
    "E": "file problems",
    "X": "suppressions",
    "other": "plugins",
}


def _charts(report: Report) -> str:
    s = report.summary
    fk = s["flesch_kincaid"]["distribution"]
    sm = s["smog"]["distribution"]
    grades = bar_chart(
        "chart-grades",
        "Reading grade (articles per grade)",
        list(GRADE_BUCKETS),
        [
            ("Flesch–Kincaid", [fk[b] for b in GRADE_BUCKETS], "#3b6fb6"),
            ("SMOG", [sm[b] for b in GRADE_BUCKETS], "#9a5bb5"),
        ],
        x_title=f"US school grade (target: {s['max_grade']:g} or lower)",
    )
    age_colors = {
        "future": "#c0392b",
        "0–5": "#2e8b57",
        "6–11": "#6aa84f",
        "12–17": "#e0a526",
        "18–23": "#e07b26",
        "24–35": "#d0542b",
        "36+": "#b03a2e",
        "no date": "#888888",
    }
    ages = bar_chart(
        "chart-age",
        "Months since the last review or update",
        list(AGE_BUCKETS),
        [("articles", [s["review_age"][b] for b in AGE_BUCKETS], "#2e8b57")],
        colors=[age_colors[b] for b in AGE_BUCKETS],
        x_title="months",
    )
    groups = [g for g in s["by_group"] if s["by_group"][g]]  # medlint's groups, then styles
    by_group = hbar_chart(
        "chart-groups",
        "Findings by rule group",
        [f"{g} {SHORT_GROUP_NAMES.get(g, 'Vale style')}" for g in groups],
        [s["by_group"][g] for g in groups],
        "#5f7d95",
    )
    return f'<div class="charts">{grades}{ages}{by_group}</div>'


# -- summary ---------------------------------------------------------------------


def _card(label: str, value: str, note: str = "", cls: str = "") -> str:
    return (
        f'<div class="card {cls}"><div class="v">{_e(value)}</div>'
        f'<div class="l">{_e(label)}</div><div class="n">{_e(note)}</div></div>'
    )


def _summary(report: Report) -> str:
    s = report.summary
    sev = s["by_severity"]
    cards = [
        _card(
            "articles checked",
            str(s["articles"]),
            f"{s['unreadable']} unreadable" if s["unreadable"] else "",
        ),
        _card(
            "findings",
            str(s["findings"]),
            f"{sev['error']} errors · {sev['warning']} warnings · {sev['info']} info",
        ),
        _card(
            "without a review date",
            _fmt(s["without_review_date_pct"], "%"),
            f"{s['without_review_date']} articles",
            "bad" if s["without_review_date"] else "",
        ),
        _card(
            "stale (R102)",
            _fmt(s["stale_pct"], "%"),
            "R102 not selected" if s["stale"] is None else f"{s['stale']} articles",
            "bad" if s["stale"] else "",
        ),
        _card(
            "medication articles missing a stop-warning (S201)",
            _fmt(s["missing_stop_warning_pct"], "%"),
            "S201 not selected"
            if s["missing_stop_warning"] is None
            else f"{s['missing_stop_warning']} of {s['medication_articles']} medication articles",
            "bad" if s["missing_stop_warning"] else "",
        ),
        _card(
            f"above reading grade {s['max_grade']:g}",
            _fmt(s["above_max_grade_pct"], "%"),
            f"median grade: Flesch–Kincaid {_fmt(s['flesch_kincaid']['median'])}, "
            f"SMOG {_fmt(s['smog']['median'])}",
        ),
        _card(
            "mean quality score",
            _fmt(s["score_mean"]),
            f"median {_fmt(s['score_median'])} of 100",
        ),
    ]
    return f'<div class="cards" id="summary">{"".join(cards)}</div>'


def _top_rules(report: Report) -> str:
    rows = [
        f'<tr><td><a href="#articles" class="code" data-filter="{_e(r["code"])}">'
        f"{_e(r['code'])}</a></td><td>{_e(r['name'])}</td>"
        f'<td><span class="sev {_e(r["severity"])}">{_e(r["severity"])}</span></td>'
        f'<td class="num">{r["findings"]}</td><td class="num">{r["articles"]}</td></tr>'
        for r in report.summary["top_rules"]
    ]
    body = "".join(rows) or '<tr><td colspan="5">No findings.</td></tr>'
    return (
        '<div class="panel"><h2>Rules that fire most</h2><table id="top-rules" class="small">'
        "<thead><tr><th>Code</th><th>Rule</th><th>Severity</th><th>Findings</th>"
        f"<th>Articles</th></tr></thead><tbody>{body}</tbody></table></div>"
    )


def _worst(report: Report) -> str:
    by_id = {r.id: r for r in report.rows}
    items = []
    for i in report.summary["worst"]:
        r = by_id[i]
        items.append(
            f'<li><span class="score s{_band(r.score)}">{r.score}</span> '
            f'<a href="#a-{r.id}">{_e(r.title)}</a> <span class="path">{_e(r.path)}</span> '
            f'<span class="muted">{_n(r.by_severity["error"], "error")}, '
            f"{_n(r.by_severity['warning'], 'warning')}</span></li>"
        )
    body = "".join(items) or "<li>Every article scores 100.</li>"
    return (
        f'<div class="panel"><h2>Worst {len(items)} articles</h2>'
        f'<ol id="worst" class="worst">{body}</ol></div>'
    )


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _band(score: int) -> int:
    return 3 if score >= 80 else 2 if score >= 50 else 1


# -- the article table (data for the script) --------------------------------------


def _flags(r: ArticleRow, max_grade: float) -> str:
    out = ""
    if r.stale:
        out += "s"
    if r.review_date is None:
        out += "n"
    if r.medication or r.missing_stop_warning:
        out += "m"
    if r.missing_stop_warning:
        out += "w"
    if r.flesch_kincaid is not None and r.flesch_kincaid > max_grade:
        out += "g"
    if not r.readable:
        out += "u"
    return out


def _row_data(r: ArticleRow, max_grade: float) -> list[Any]:
    return [
        r.id,
        r.path,
        r.title,
        r.reviewer,
        r.review_date,
        r.review_age_months,
        r.words,
        r.flesch_kincaid,
        r.smog,
        r.score,
        r.by_severity["error"],
        r.by_severity["warning"],
        r.by_severity["info"],
        " ".join(r.codes),
        _flags(r, max_grade),
    ]


# -- one article's section -------------------------------------------------------


def _text_html(text: str, row: ArticleRow, rule_names: dict[str, str]) -> tuple[str, set[int]]:
    """The article text with flagged spans in <mark>; returns the markup and the findings shown."""
    shown_text = text[:MAX_TEXT_CHARS]
    size = len(shown_text)
    starts = line_starts(text)
    spans = [finding_span(starts, len(text), f) for f in row.findings]
    # findings that start beyond a cut text are listed but not placed
    placed = [i for i, (a, _b) in enumerate(spans) if a < size or a == size == len(text)]
    out: list[str] = []
    out.append("<i></i>")  # line numbers: a CSS counter on <i> at each line start
    anchored: set[int] = set()
    for p in pieces(size, [spans[i] for i in placed]):
        seg = shown_text[p.start : p.end].replace("\r", "")
        parts = seg.split("\n")
        inner = [escape(parts[0], quote=False)]
        for part in parts[1:]:
            inner.append(f"\n<i></i>{escape(part, quote=False)}")
        body = "".join(inner)
        active = [placed[k] for k in p.active]
        if not active:
            out.append(body)
            continue
        sev = max((row.findings[i].severity for i in active), key=lambda s: SEVERITY_RANK.get(s, 0))
        ids = " ".join(str(i) for i in active)
        new = [i for i in active if i not in anchored]
        anchored.update(new)
        # the mark carries the first new finding's anchor; others starting here get empty ones
        out.extend(f'<a id="f{row.id}-{i}"></a>' for i in new[1:])
        anchor = f' id="f{row.id}-{new[0]}"' if new else ""
        cls = f"hl {sev}" + (" pt" if p.start == p.end else "")
        # the tooltip (the findings' list entries) is added by the page script when shown
        out.append(f'<mark{anchor} class="{cls}" data-f="{ids}">{body}</mark>')
    return "".join(out), anchored


def article_section(row: ArticleRow, text: str | None, rule_names: dict[str, str]) -> str:
    """The HTML of one article's section (facts, score, findings, highlighted text)."""
    facts = [
        ("Reviewer", row.reviewer or "none found"),
        (
            "Reviewed / updated",
            f"{row.review_date} ({row.review_age_months} months ago)"
            if row.review_date
            else "no date found",
        ),
        ("Words", _fmt(row.words)),
        ("Flesch–Kincaid grade", _fmt(row.flesch_kincaid)),
        ("SMOG grade", _fmt(row.smog)),
    ]
    if row.medication is not None or row.missing_stop_warning:
        facts.append(
            (
                "Medication article",
                (f"yes ({row.drug})" if row.drug else "yes")
                if row.medication or row.missing_stop_warning
                else "no",
            )
        )
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    shown: set[int] = set()
    text_html = '<p class="muted">The text of this file is not available.</p>'
    if text is not None:
        body, shown = _text_html(text, row, rule_names)
        cut = (
            f'<p class="muted">Showing the first {MAX_TEXT_CHARS:,} of {len(text):,} characters.</p>'
            if len(text) > MAX_TEXT_CHARS
            else ""
        )
        text_html = f'{cut}<pre class="text">{body}</pre>'
    items = []
    for i, f in enumerate(row.findings):
        where = f"{f.line}:{f.column}"
        loc = f'<a href="#f{row.id}-{i}">{where}</a>' if i in shown else where
        name = f.name or rule_names.get(f.code, "")
        items.append(
            f'<li class="{_e(f.severity)}" data-i="{i}">{loc} <b>{_e(f.code)}</b> '
            f'<span class="sev {_e(f.severity)}">{_e(f.severity)}</span> '
            f'{_e(f.message)} <span class="muted">({_e(name)})</span></li>'
        )
    findings = (
        f'<ol class="findings">{"".join(items)}</ol>'
        if items
        else '<p class="muted">No findings.</p>'
    )
    return (
        f'<section class="article" id="a-{row.id}" data-path="{_e(row.path)}">'
        f"<h2>{_e(row.title)}</h2>"
        f'<p class="path">{_e(row.path)}</p>'
        f'<p class="scoreline"><span class="score s{_band(row.score)}">{row.score}</span> '
        f"quality score: {_e(row.score_explanation)}</p>"
        f'<dl class="facts">{dl}</dl>'
        f"<h3>Findings ({len(row.findings)})</h3>{findings}"
        f"<h3>Text</h3>{text_html}</section>"
    )


# -- the page ----------------------------------------------------------------------

CSS = """
:root{--fg:#1d2430;--muted:#667085;--line:#d9dee7;--bg:#f6f7f9;--err:#c0392b;--warn:#b7791f;
--info:#2b6cb0}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
color:var(--fg);background:var(--bg)}
header{background:#1f3a5f;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}header p{margin:2px 0 0;opacity:.8}
main{padding:16px 24px;max-width:1500px;margin:auto}
h2{font-size:16px;margin:0 0 8px}h3{font-size:14px;margin:14px 0 6px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.card .v{font-size:24px;font-weight:600}.card .l{font-weight:500}
.card .n{color:var(--muted);font-size:12px}.card.bad .v{color:var(--err)}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:10px;
margin:12px 0}
.chart{background:#fff;border:1px solid var(--line);border-radius:6px;width:100%;height:auto}
.chart-title{font-weight:600;font-size:13px;fill:var(--fg)}.axis{font-size:10px;fill:var(--muted)}
.val{font-size:9px;fill:var(--fg)}.grid{stroke:#eceff4}.bar:hover{opacity:.75}
.row2{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin-bottom:12px}
@media (max-width:900px){.row2{grid-template-columns:1fr}}
.panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eef0f4;vertical-align:top}
th{background:#f0f2f6;position:sticky;top:0;white-space:nowrap}
#articles-table th[data-k]{cursor:pointer;user-select:none}
#articles-table th[data-k]:hover{background:#e3e8f0}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.small td,table.small th{padding:2px 6px}
.path{color:var(--muted);font-size:12px;word-break:break-all;margin:0}
.muted{color:var(--muted)}
.sev{font-size:11px;padding:0 4px;border-radius:3px;color:#fff}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:var(--info)}
.score{display:inline-block;min-width:30px;text-align:center;border-radius:3px;color:#fff;
font-weight:600}
.s1{background:var(--err)}.s2{background:var(--warn)}.s3{background:#2e8b57}
.row2 .panel{max-height:340px;overflow:auto}
.worst{margin:0;padding-left:26px}.worst li{margin:2px 0;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.controls input[type=search]{min-width:280px;padding:4px 6px}
.pager button{margin:0 2px}
#articles-panel{margin-bottom:12px}
#viewer{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.findings{padding-left:22px}.findings li{margin:2px 0}
pre.text{position:relative;white-space:pre-wrap;overflow-wrap:anywhere;background:#fbfbfc;
border:1px solid var(--line);padding:8px 8px 8px 56px;
font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.text{counter-reset:ln}
pre.text i{font-style:normal}
pre.text i::before{counter-increment:ln;content:counter(ln);position:absolute;left:0;width:44px;
text-align:right;color:#a0a7b4;user-select:none}
mark.hl{border-radius:2px;cursor:help}
mark.error{background:#f8c9c4;border-bottom:2px solid var(--err)}
mark.warning{background:#fde7b0;border-bottom:2px solid var(--warn)}
mark.info{background:#d4e4f7;border-bottom:2px solid var(--info)}
mark.pt::before{content:"⚑";color:var(--err)}
mark:target{outline:2px solid #1f3a5f}
.nav{display:flex;gap:8px;margin-bottom:8px}
footer{color:var(--muted);font-size:12px;padding:8px 24px 24px}
"""

JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("medlint-rows").textContent);
  var C = {};
  data.columns.forEach(function (c, i) { C[c] = i; });
  var rows = data.rows, view = rows.slice();
  var sortKey = "score", sortDir = 1, page = 0, size = 50;
  var q = document.getElementById("q"), quick = document.getElementById("quick");
  var sizeSel = document.getElementById("size"), tbody = document.getElementById("rows");
  var info = document.getElementById("shown"), viewer = document.getElementById("viewer");
  function esc(s) {
    return s == null ? "" : String(s).replace(/[&<>"]/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c];
    });
  }
  function num(v, d) { return v == null ? "–" : (d ? Number(v).toFixed(1) : String(v)); }
  function band(s) { return s >= 80 ? 3 : s >= 50 ? 2 : 1; }
  function apply() {
    var text = q.value.trim().toLowerCase(), flag = quick.value;
    view = rows.filter(function (r) {
      if (flag && r[C.flags].indexOf(flag) < 0 && !(flag === "e" && r[C.errors] > 0)) return false;
      if (!text) return true;
      var hay = (r[C.path] + " " + r[C.title] + " " + (r[C.reviewer] || "") + " " +
                 r[C.codes]).toLowerCase();
      return text.split(/\s+/).every(function (t) { return hay.indexOf(t) >= 0; });
    });
    sort();
  }
  function sort() {
    var k = C[sortKey];
    view.sort(function (a, b) {
      var x = a[k], y = b[k];
      if (x == null && y == null) return a[0] - b[0];
      if (x == null) return 1;
      if (y == null) return -1;
      if (typeof x === "string") { x = x.toLowerCase(); y = String(y).toLowerCase(); }
      return x < y ? -sortDir : x > y ? sortDir : a[0] - b[0];
    });
    document.querySelectorAll("#articles-table th[data-k]").forEach(function (th) {
      th.className = (th.className.replace(/\b(asc|desc)\b/g, "").trim() +
        (th.getAttribute("data-k") === sortKey ? (sortDir > 0 ? " asc" : " desc") : "")).trim();
    });
    page = 0;
    draw();
  }
  function draw() {
    var n = size > 0 ? size : view.length || 1;
    var pages = Math.max(1, Math.ceil(view.length / n));
    if (page >= pages) page = pages - 1;
    var part = view.slice(page * n, page * n + n), html = [];
    for (var i = 0; i < part.length; i++) {
      var r = part[i];
      html.push('<tr data-id="' + r[C.id] + '"><td class="num"><span class="score s' +
        band(r[C.score]) + '">' + r[C.score] + '</span></td><td><a href="#a-' + r[C.id] + '">' +
        esc(r[C.title]) + '</a><p class="path">' + esc(r[C.path]) + '</p></td><td class="num">' +
        r[C.errors] + '</td><td class="num">' + r[C.warnings] + '</td><td class="num">' +
        r[C.info] + '</td><td class="num">' + num(r[C.fk], 1) + '</td><td class="num">' +
        num(r[C.smog], 1) + '</td><td class="num">' + num(r[C.words]) + "</td><td>" +
        esc(r[C.review_date] || "–") + '</td><td class="num">' + num(r[C.age]) + "</td><td>" +
        esc(r[C.reviewer] || "–") + '</td><td class="codes">' + esc(r[C.codes]) + "</td></tr>");
    }
    tbody.innerHTML = html.join("") ||
      '<tr><td colspan="12" class="muted">No article matches.</td></tr>';
    info.textContent = view.length ? (page * n + 1) + "–" + (page * n + part.length) + " of " +
      view.length + " articles" + (view.length !== rows.length ? " (filtered from " +
      rows.length + ")" : "") : "0 of " + rows.length + " articles";
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
  }
  function show() {
    var m = /^#(?:a-(\d+)|f(\d+)-\d+)$/.exec(location.hash);
    if (!m) return;
    var id = m[1] || m[2], t = document.getElementById("t-" + id);
    if (!t) return;
    if (viewer.getAttribute("data-id") !== id) {
      var pos = -1;
      for (var i = 0; i < view.length; i++) if (view[i][C.id] === +id) { pos = i; break; }
      var nav = '<div class="nav"><a href="#articles">↑ back to the table</a>';
      if (pos > 0) nav += '<a href="#a-' + view[pos - 1][C.id] + '">← previous</a>';
      if (pos >= 0 && pos < view.length - 1) nav += '<a href="#a-' + view[pos + 1][C.id] +
        '">next →</a>';
      viewer.innerHTML = nav + "</div>" + t.textContent;
      var items = viewer.querySelectorAll("ol.findings li");
      viewer.querySelectorAll("mark[data-f]").forEach(function (mk) {
        mk.title = mk.getAttribute("data-f").split(" ").map(function (i) {
          return items[+i] ? items[+i].textContent : "";
        }).join("\n");
      });
      viewer.setAttribute("data-id", id);
      viewer.hidden = false;
    }
    var target = m[2] ? document.getElementById(location.hash.slice(1)) : viewer;
    (target || viewer).scrollIntoView();
  }
  document.querySelectorAll("#articles-table th[data-k]").forEach(function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-k");
      if (k === sortKey) sortDir = -sortDir;
      else { sortKey = k; sortDir = th.classList.contains("num") ? -1 : 1; }
      sort();
    });
  });
  q.addEventListener("input", apply);
  quick.addEventListener("change", apply);
  sizeSel.addEventListener("change", function () { size = +sizeSel.value; page = 0; draw(); });
  document.getElementById("prev").addEventListener("click", function () { page--; draw(); });
  document.getElementById("next").addEventListener("click", function () { page++; draw(); });
  document.querySelectorAll("[data-filter]").forEach(function (a) {
    a.addEventListener("click", function () { q.value = a.getAttribute("data-filter"); apply(); });
  });
  window.addEventListener("hashchange", show);
  // article sections follow this script in the file: open the one in the address once parsed
  document.addEventListener("DOMContentLoaded", show);
  // ?q=text&show=e|s|n|w|m|g|u&sort=column&dir=asc|desc: a filtered view that can be bookmarked
  var params = new URLSearchParams(location.search);
  if (params.get("q")) q.value = params.get("q");
  if (params.get("show")) quick.value = params.get("show");
  if (params.get("sort") in C) sortKey = params.get("sort");
  if (params.get("dir") === "desc") sortDir = -1;
  apply();
  show();
  document.body.setAttribute("data-ready", "1");
  document.body.setAttribute("data-ms", String(Math.round(performance.now())));
})();
"""

TABLE_HEAD = (
    ("score", "Score", True),
    ("title", "Article", False),
    ("errors", "Errors", True),
    ("warnings", "Warnings", True),
    ("info", "Info", True),
    ("fk", "FK grade", True),
    ("smog", "SMOG", True),
    ("words", "Words", True),
    ("review_date", "Reviewed", False),
    ("age", "Age (months)", True),
    ("reviewer", "Reviewer", False),
    ("codes", "Rules", False),
)


def _table() -> str:
    head = "".join(
        f'<th data-k="{k}"{" class=" + chr(34) + "num" + chr(34) if num else ""}>{label}</th>'
        for k, label, num in TABLE_HEAD
    )
    return (
        '<div class="panel" id="articles-panel"><h2 id="articles">Articles</h2>'
        '<div class="controls"><input type="search" id="q" '
        'placeholder="Filter: path, title, reviewer or rule code (C401)…" aria-label="Filter">'
        '<select id="quick" aria-label="Show"><option value="">all articles</option>'
        '<option value="e">with errors</option><option value="s">stale (R102)</option>'
        '<option value="n">no review date</option>'
        '<option value="w">missing stop-warning (S201)</option>'
        '<option value="m">medication articles</option>'
        '<option value="g">above the reading grade</option>'
        '<option value="u">unreadable files</option></select>'
        '<label>rows <select id="size"><option>25</option><option selected>50</option>'
        '<option>100</option><option>500</option><option value="0">all</option></select></label>'
        '<span class="pager"><button id="prev" type="button">‹ prev</button>'
        '<button id="next" type="button">next ›</button></span>'
        '<span id="shown" class="muted"></span></div>'
        f'<table id="articles-table"><thead><tr>{head}</tr></thead><tbody id="rows"></tbody>'
        "</table><noscript><p>The table, sorting and article sections need JavaScript; the "
        "CSV and JSON reports hold the same data.</p></noscript></div>"
    )


def write(report: Report, out: TextIO) -> None:
    s = report.summary
    out.write(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>medlint report: {_n(s['articles'], 'article')}</title>"
        f'<meta name="generator" content="{_e(report.generator)}">'
        f"<style>{CSS}</style></head><body>"
        f"<header><h1>medlint report</h1><p>{_n(s['articles'], 'article')} · "
        f"{_n(s['findings'], 'finding')} · as of {report.today.isoformat()} · "
        f"{_e(report.generator)}</p></header><main>"
    )
    out.write(_summary(report))
    out.write(_charts(report))
    out.write(f'<div class="row2">{_top_rules(report)}{_worst(report)}</div>')
    out.write(_table())
    out.write('<section id="viewer" hidden></section></main>')
    max_grade = float(s["max_grade"])
    data = {"columns": list(ROW_COLUMNS), "rows": [_row_data(r, max_grade) for r in report.rows]}
    out.write(
        f'<script type="application/json" id="medlint-rows">{_json_for_script(data)}</script>\n'
    )
    out.write(
        "<footer>Quality score: 100 minus 10 points per error, 4 per warning and 1 per info "
        "finding, counting at most 3 findings of any one rule; 0 for a file that cannot be read."
        f"</footer><script>{JS}</script>\n"
    )
    # The page works (table, charts) before the browser has read the sections below.
    for row in report.rows:
        text = read_source(row.source_path or row.path) if row.readable else None
        section = article_section(row, text, report.rule_names)
        # The section holds escaped text only (no raw "<" from the article), so it cannot
        # end the script element early.
        out.write(f'<script type="text/html" id="t-{row.id}">{section}</script>\n')
    out.write("</body></html>\n")
