"""The library-wide panels of the HTML report: summary cards, charts, the rules that fire
most, the worst articles and the article table's frame (its rows are drawn by the script)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medlint.report.html_article import band
from medlint.report.html_charts import bar_chart, hbar_chart
from medlint.report.html_text import esc, fmt
from medlint.report.model import AGE_BUCKETS, GRADE_BUCKETS

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import Report

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
AGE_COLORS = {
    "future": "#c0392b",
    "0–5": "#2e8b57",
    "6–11": "#6aa84f",
    "12–17": "#e0a526",
    "18–23": "#e07b26",
    "24–35": "#d0542b",
    "36+": "#b03a2e",
    "no date": "#888888",
}


def plural(count: int, word: str) -> str:
    """``1 article``, ``2 articles``, ``0 articles``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def charts(report: Report) -> str:
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
    ages = bar_chart(
        "chart-age",
        "Months since the last review or update",
        list(AGE_BUCKETS),
        [("articles", [s["review_age"][b] for b in AGE_BUCKETS], "#2e8b57")],
        colors=[AGE_COLORS[b] for b in AGE_BUCKETS],
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


def _card(label: str, value: str, note: str = "", cls: str = "") -> str:
    return (
        f'<div class="card {cls}"><div class="v">{esc(value)}</div>'
        f'<div class="l">{esc(label)}</div><div class="n">{esc(note)}</div></div>'
    )


def _stale_card(s: dict[str, Any]) -> str:
    dated = s["readable"] - s["without_review_date"]
    if s["stale"] is None:
        return _card("stale (R102)", "–", "R102 not selected")
    if not dated:  # no percentage of nothing: "0.0%" beside "100% without a date" misleads
        return _card(
            "stale (R102)", f"{s['stale']} of 0 dated", "no article has a review date", "words"
        )
    pct = round(100.0 * s["stale"] / dated, 1)
    return _card(
        "stale (R102)",
        fmt(pct, "%"),
        f"{s['stale']} of {dated} dated articles",
        "bad" if s["stale"] else "",
    )


def summary_cards(report: Report) -> str:
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
            f"{plural(sev['error'], 'error')} · {plural(sev['warning'], 'warning')} · "
            f"{sev['info']} info",
        ),
        _card(
            "without a review date",
            fmt(s["without_review_date_pct"], "%"),
            f"{s['without_review_date']} of {plural(s['readable'], 'article')}",
            "bad" if s["without_review_date"] else "",
        ),
        _stale_card(s),
        _card(
            "medication articles missing a stop-warning (S201)",
            fmt(s["missing_stop_warning_pct"], "%"),
            "S201 not selected"
            if s["missing_stop_warning"] is None
            else f"{s['missing_stop_warning']} of "
            f"{plural(s['medication_articles'], 'medication article')}",
            "bad" if s["missing_stop_warning"] else "",
        ),
        _card(
            f"above reading grade {s['max_grade']:g}",
            fmt(s["above_max_grade_pct"], "%"),
            f"median grade: Flesch–Kincaid {fmt(s['flesch_kincaid']['median'])}, "
            f"SMOG {fmt(s['smog']['median'])}",
        ),
        _card(
            "mean quality score",
            fmt(s["score_mean"]),
            f"median {fmt(s['score_median'])} of 100",
        ),
    ]
    return f'<div class="cards" id="summary">{"".join(cards)}</div>'


def top_rules(report: Report) -> str:
    rows = [
        f'<tr><td><a href="#articles" class="code" data-filter="{esc(r["code"])}">'
        f"{esc(r['code'])}</a></td><td>{esc(r['name'])}</td>"
        f'<td><span class="sev {esc(r["severity"])}">{esc(r["severity"])}</span></td>'
        f'<td class="num">{r["findings"]}</td><td class="num">{r["articles"]}</td></tr>'
        for r in report.summary["top_rules"]
    ]
    body = "".join(rows) or '<tr><td colspan="5">No findings.</td></tr>'
    return (
        '<div class="panel"><h2>Rules that fire most</h2><table id="top-rules" class="small">'
        "<thead><tr><th>Code</th><th>Rule</th><th>Severity</th><th>Findings</th>"
        f"<th>Articles</th></tr></thead><tbody>{body}</tbody></table></div>"
    )


def worst(report: Report) -> str:
    by_id = {r.id: r for r in report.rows}
    items = []
    for i in report.summary["worst"]:
        r = by_id[i]
        items.append(
            f'<li><span class="score s{band(r.score)}">{r.score}</span> '
            f'<a href="#{esc(r.anchor)}">{esc(r.title)}</a> '
            f'<span class="muted">{plural(r.by_severity["error"], "error")}, '
            f"{plural(r.by_severity['warning'], 'warning')}</span>"
            f'<span class="path">{esc(r.path)}</span></li>'
        )
    body = "".join(items) or "<li>Every article scores 100.</li>"
    title = f"Worst {plural(len(items), 'article')}" if len(items) != 1 else "Worst article"
    return f'<div class="panel"><h2>{title}</h2><ol id="worst" class="worst">{body}</ol></div>'


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
    ("author", "Author", False),
    ("reviewer", "Reviewer", False),
    ("codes", "Rules", False),
)
QUICK = (
    ("", "all articles"),
    ("e", "with errors"),
    ("s", "stale (R102)"),
    ("n", "no review date"),
    ("w", "missing stop-warning (S201)"),
    ("m", "medication articles"),
    ("g", "above the reading grade"),
    ("u", "unreadable files"),
)


CHANGE_QUICK = (
    ("W", "worse since the earlier run"),
    ("N", "new since the earlier run"),
    ("B", "better since the earlier run"),
)


def table(compared: bool = False) -> str:
    """The table's frame; ``compared``: offer the "changed since the earlier run" views."""
    head = "".join(
        f'<th data-k="{k}" class="c-{k}{" num" if num else ""}">{label}</th>'
        for k, label, num in TABLE_HEAD
    )
    options = QUICK + CHANGE_QUICK if compared else QUICK
    quick = "".join(f'<option value="{v}">{label}</option>' for v, label in options)
    return (
        '<div class="panel" id="articles-panel"><h2 id="articles">Articles</h2>'
        '<div class="controls"><input type="search" id="q" placeholder="Filter: path, title, '
        'rule (C401, C4, unsupported-frequency-claim), author:name, reviewer:name…" '
        'aria-label="Filter">'
        f'<select id="quick" aria-label="Show">{quick}</select>'
        '<label>group by <select id="group"><option value="">nothing</option>'
        '<option value="author">author</option><option value="reviewer">reviewer</option>'
        "</select></label>"
        '<label>rows <select id="size"><option>25</option><option selected>50</option>'
        '<option>100</option><option>500</option><option value="0">all</option></select></label>'
        '<span class="pager"><button id="prev" type="button">‹ prev</button>'
        '<button id="next" type="button">next ›</button></span>'
        '<span id="shown" class="muted"></span>'
        '<span class="export">download <button id="dl-csv" type="button">CSV</button>'
        '<button id="dl-json" type="button">JSON</button></span></div>'
        f'<div class="scroll"><table id="articles-table"><thead><tr>{head}</tr></thead>'
        '<tbody id="rows"></tbody></table></div>'
        "<noscript><p>The table, sorting and article sections need JavaScript; the "
        "CSV and JSON reports hold the same data.</p></noscript></div>"
    )


OWNERS_SHOWN = 15


def _owner_table(report: Report, role: str) -> str:
    from medlint.report.model import NO_OWNER, owners

    got = owners(report, role)
    compared = report.comparison is not None
    rows = []
    for o in got[:OWNERS_SHOWN]:
        who = (
            f'<span class="muted">no {role} found</span>'
            if o.name == NO_OWNER
            else f'<a href="#articles" data-filter="{esc(role)}:&quot;{esc(o.name)}&quot;">'
            f"{esc(o.name)}</a>"
        )
        change = (
            f'<td class="num">{o.worse}</td><td class="num">{o.better}</td>' if compared else ""
        )
        rows.append(
            f'<tr><td>{who}</td><td class="num">{o.articles}</td><td class="num">{o.findings}'
            f'</td><td class="num">{o.by_severity.get("error", 0)}</td>'
            f'<td class="num">{fmt(o.mean_score)}</td><td class="num">{o.stale} of {o.dated}'
            f"</td>{change}</tr>"
        )
    more = (
        f'<p class="muted">and {plural(len(got) - OWNERS_SHOWN, role)} more: group the '
        "table by them.</p>"
        if len(got) > OWNERS_SHOWN
        else ""
    )
    head = '<th class="num">Worse</th><th class="num">Better</th>' if compared else ""
    return (
        f'<div class="panel"><h2>{role.capitalize()}s</h2>'
        f'<table id="owners-{role}" class="small"><thead><tr><th>{role.capitalize()}</th>'
        '<th class="num">Articles</th><th class="num">Findings</th><th class="num">Errors</th>'
        f'<th class="num">Mean score</th><th class="num">Stale</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}</div>"
    )


def owners_panel(report: Report) -> str:
    """Per author and per reviewer (most findings first), or "" when no article names one."""
    if not any(r.author or r.reviewer for r in report.rows):
        return ""
    return (
        f'<div class="row2" id="owners">{_owner_table(report, "author")}'
        f"{_owner_table(report, 'reviewer')}</div>"
    )


def news_panel(report: Report) -> str:
    """How many news stories and releases meet each news-reporting criterion (N801–N808), or
    "" when the run has none."""
    news = report.summary.get("news_reporting") or {}
    total = news.get("articles", 0)
    if not total:
        return ""
    rows = []
    for c in news.get("criteria", []):
        if c["met"] is None:
            met = missing = '<span class="muted">not selected</span>'
        else:
            met = f"{c['met']} of {total} ({fmt(c['met_pct'], '%')})"
            missing = (
                f'<a href="#articles" data-filter="{esc(c["code"])}">{total - c["met"]}</a>'
                if total - c["met"]
                else "0"
            )
        rows.append(
            f"<tr><td><code>{esc(c['code'])}</code></td><td>{esc(c['name'] or '')}</td>"
            f'<td class="num">{met}</td><td class="num">{missing}</td></tr>'
        )
    return (
        f'<div class="panel" id="news"><h2>News reporting ({total} '
        f"{'news story or release' if total == 1 else 'news stories and releases'})</h2>"
        '<p class="muted">HealthNewsReview.org criteria as rules N801–N808: a story meets one '
        "when it has no finding of that rule.</p>"
        '<table class="small"><thead><tr><th>Rule</th><th>Criterion</th>'
        '<th class="num">Met</th><th class="num">Not met</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
