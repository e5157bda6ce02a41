"""The report's data: one row per article and a library summary, shared by every format."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from medlint import __version__
from medlint.report.score import Deduction, explain, quality_score
from medlint.stats import STATS_KEY

if TYPE_CHECKING:  # pragma: no cover
    from medlint.config import Settings
    from medlint.engine import FileResult
    from medlint.findings import Finding
    from medlint.registry import Registry

SEVERITY_ORDER = ("error", "warning", "info")
# Rule groups (first letter of the code), in the order of the spec; other letters → "other".
GROUPS = ("R", "S", "D", "C", "A", "P", "M", "N", "E", "X")
GROUP_NAMES = {
    "R": "review and currency",
    "S": "patient safety",
    "D": "duplication and scraping damage",
    "C": "claims and evidence",
    "A": "advertising and disclosure",
    "P": "plain language",
    "M": "medication and dose style",
    "N": "news and evidence reporting",
    "E": "file problems (unreadable, bad front matter)",
    "X": "suppressions",
    "other": "other (plugins)",
}
#: the news-reporting criteria (HealthNewsReview.org's, rules N801–N808): a news story or
#: release meets one when it has no finding of that code
NEWS_CODES = ("N801", "N802", "N803", "N804", "N805", "N806", "N807", "N808")
STALE_CODE = "R102"
STOP_WARNING_CODE = "S201"
READ_ERROR_CODES = frozenset({"E901", "E902"})
GRADE_BUCKETS = ("≤6", "7", "8", "9", "10", "11", "12", "13–15", "16+")
AGE_BUCKETS = (
    "future",
    "0–5",
    "6–11",
    "12–17",
    "18–23",
    "24–35",
    "36+",
    "no date",
)
WORST_N = 20
TOP_RULES_N = 15


def group_of(code: str) -> str:
    """The group of a code: its letter (``C``), a Vale style rule's style (``Microsoft``),
    or ``other``."""
    from medlint.registry import style_of

    style = style_of(code)
    if style:
        return style
    letter = code[:1].upper()
    return letter if letter in GROUPS else "other"


def group_name(group: str) -> str:
    """What a group is called in reports (a style's group is a Vale style)."""
    return GROUP_NAMES.get(group, "Vale style")


def _group_counts(counts: Counter[str], keep_zero: bool) -> dict[str, int]:
    """medlint's groups in the spec's order, then the styles that have findings."""
    out = {g: counts.get(g, 0) for g in (*GROUPS, "other") if keep_zero or counts.get(g, 0)}
    out.update({g: counts[g] for g in sorted(counts) if g not in out and counts[g]})
    return out


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (negative when ``earlier`` is later)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if months > 0 and later.day < earlier.day:
        months -= 1
    elif months < 0 and later.day > earlier.day:
        months += 1
    return months


def grade_bucket(grade: float | None) -> str | None:
    if grade is None:
        return None
    g = round(grade)
    if g <= 6:
        return "≤6"
    if g <= 12:
        return str(g)
    return "13–15" if g <= 15 else "16+"


def age_bucket(months: int | None) -> str:
    if months is None:
        return "no date"
    if months < 0:
        return "future"
    for bound, name in ((6, "0–5"), (12, "6–11"), (18, "12–17"), (24, "18–23"), (36, "24–35")):
        if months < bound:
            return name
    return "36+"


@dataclass
class ArticleRow:
    id: int
    path: str
    title: str
    format: str | None
    reviewer: str | None
    review_date: str | None
    review_age_months: int | None
    words: int | None
    flesch_kincaid: float | None
    smog: float | None
    medication: bool | None
    drug: str | None
    score: int
    deductions: list[Deduction]
    findings: list[Finding]
    by_severity: dict[str, int]
    by_group: dict[str, int]
    codes: dict[str, int]
    readable: bool = True
    source_path: str = ""  # the file to read (``path`` is for display: always valid UTF-8)
    author: str | None = None
    anchor: str = ""  # stable HTML anchor from the path (see :func:`anchor_for`)
    news: bool = False  # a news story or release: the N rules apply

    def __post_init__(self) -> None:
        if not self.anchor:
            self.anchor = anchor_for(self.path)

    @property
    def stale(self) -> bool:
        return STALE_CODE in self.codes

    @property
    def missing_stop_warning(self) -> bool:
        return STOP_WARNING_CODE in self.codes

    @property
    def score_explanation(self) -> str:
        return explain(self.score, self.deductions)

    def to_dict(self, with_findings: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "format": self.format,
            "reviewer": self.reviewer,
            "author": self.author,
            "anchor": self.anchor,
            "review_date": self.review_date,
            "review_age_months": self.review_age_months,
            "stale": self.stale,
            "words": self.words,
            "flesch_kincaid": self.flesch_kincaid,
            "smog": self.smog,
            "medication": self.medication,
            "drug": self.drug,
            "missing_stop_warning": self.missing_stop_warning,
            "readable": self.readable,
            "score": self.score,
            "score_explanation": self.score_explanation,
            "score_deductions": [x.to_dict() for x in self.deductions],
            "findings_total": len(self.findings),
            "by_severity": self.by_severity,
            "by_group": self.by_group,
            "codes": self.codes,
        }
        if with_findings:
            d["findings"] = [f.to_dict() for f in self.findings]
        return d


CHANGE_STATUSES = ("worse", "new", "better", "gone", "same")


@dataclass
class ArticleChange:
    """One article compared with an earlier run (matched by its normalised path).

    ``status``: ``new`` (not in the earlier run), ``gone`` (only in the earlier run),
    ``worse``/``better`` (a lower/higher score; at an equal score, more/fewer findings),
    ``same``.  ``added``/``removed``: per rule code, how many more/fewer findings.
    """

    path: str
    anchor: str
    status: str
    score_before: int | None
    score_after: int | None
    findings_before: int
    findings_after: int
    added: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "anchor": self.anchor,
            "status": self.status,
            "score_before": self.score_before,
            "score_after": self.score_after,
            "findings_before": self.findings_before,
            "findings_after": self.findings_after,
            "added": self.added,
            "removed": self.removed,
        }


@dataclass
class Comparison:
    """This run against an earlier report (``medlint report --compare PREVIOUS.json``).

    ``previous``: the earlier run's label (its date and generator).  ``articles``: every
    article of either run, changed ones first (see :data:`CHANGE_STATUSES`).  ``rules``: code
    → (findings before, findings after), for every code of either run.  ``totals``:
    ``new_findings``/``fixed_findings`` (over the articles in both runs),
    ``worse``/``better`` (articles), ``new_articles``/``gone_articles``.
    """

    previous: str
    articles: list[ArticleChange]
    rules: dict[str, tuple[int, int]]
    totals: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "previous": self.previous,
            "totals": self.totals,
            "rules": {code: list(pair) for code, pair in self.rules.items()},
            "articles": [a.to_dict() for a in self.articles],
        }


@dataclass
class HistoryPoint:
    """One earlier run (``--history DIR``) or this one: the numbers a trend chart needs."""

    label: str
    today: str
    articles: int
    findings: int
    mean_score: float | None
    by_severity: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "today": self.today,
            "articles": self.articles,
            "findings": self.findings,
            "mean_score": self.mean_score,
            "by_severity": self.by_severity,
        }


@dataclass
class Report:
    rows: list[ArticleRow]
    summary: dict[str, Any]
    today: dt.date
    rule_names: dict[str, str] = field(default_factory=dict)
    generator: str = f"medlint {__version__}"
    comparison: Comparison | None = None
    history: list[HistoryPoint] = field(default_factory=list)
    table: str = (
        "articles"  # the CSV's table (``report --table``): articles|authors|reviewers|rules
    )


_SLUG_RE = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 40


def normal_path(path: str) -> str:
    """The path as a key that does not depend on how it was spelt (``./a//b.md`` = ``a/b.md``,
    backslashes = slashes)."""
    import posixpath

    return posixpath.normpath(path.replace("\\", "/")) if path not in ("", "-") else path


def anchor_for(path: str) -> str:
    """A stable HTML anchor for an article: ``a-`` + a slug of its path + 8 hex digits of the
    SHA-1 of its normalised path (so two paths with the same slug still differ, and adding an
    article never moves another's anchor)."""
    key = normal_path(path)
    slug = _SLUG_RE.sub("-", key.lower()).strip("-")[-SLUG_MAX:].strip("-")
    digest = hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"a-{slug}-{digest}" if slug else f"a-{digest}"


def unique_anchors(rows: list[ArticleRow]) -> None:
    """Make the rows' anchors unique within the report (the same path twice: ``-2``, ``-3``)."""
    seen: set[str] = set()
    for r in rows:
        base, n = r.anchor, 1
        while r.anchor in seen:
            n += 1
            r.anchor = f"{base}-{n}"
        seen.add(r.anchor)


def _stats_for(result: FileResult, settings: Settings) -> dict[str, Any] | None:
    """The article facts the linter collected, or (when a cache/worker lost them) recomputed."""
    got = result.stats.get(STATS_KEY)
    if isinstance(got, dict):
        return got
    if result.path == "-" or any(f.code in READ_ERROR_CODES for f in result.findings):
        return None
    from medlint.analysis import Analysis
    from medlint.document import NotReadable, decode, detect_format, parse_article, read_bytes
    from medlint.stats import article_stats

    try:
        text, had_bom, _err = decode(read_bytes(result.path))
    except (OSError, NotReadable):
        return None
    if text is None:
        return None
    article, _problems = parse_article(
        result.path,
        text,
        detect_format(result.path),
        settings.metadata.get("prose-keys"),
        had_bom=had_bom,
    )
    return article_stats(Analysis(article, settings))


def _row(i: int, result: FileResult, settings: Settings, today: dt.date) -> ArticleRow:
    st = _stats_for(result, settings) or {}
    findings = list(result.findings)
    score, deductions = quality_score(findings)
    sev = Counter(f.severity for f in findings)
    grp = Counter(group_of(f.code) for f in findings)
    codes = Counter(f.code for f in findings)
    review_date = st.get("review_date")
    age: int | None = None
    if review_date:
        try:
            age = months_between(dt.date.fromisoformat(review_date), today)
        except ValueError:
            review_date = None
    from pathlib import Path

    from medlint.document import display_path

    shown = display_path(result.path)
    if shown != result.path:
        findings = [replace(f, path=display_path(f.path)) for f in findings]
    return ArticleRow(
        id=i,
        path=shown,
        source_path=result.path,
        title=str(st.get("title") or Path(shown).stem),
        format=st.get("format"),
        reviewer=st.get("reviewer"),
        author=st.get("author"),
        review_date=review_date,
        review_age_months=age,
        words=st.get("words"),
        flesch_kincaid=st.get("flesch_kincaid"),
        smog=st.get("smog"),
        medication=st.get("medication"),
        news=bool(st.get("news")),
        drug=st.get("drug"),
        score=score,
        deductions=deductions,
        findings=findings,
        by_severity={s: sev.get(s, 0) for s in SEVERITY_ORDER},
        by_group=_group_counts(grp, keep_zero=True),
        codes=dict(sorted(codes.items())),
        readable=not (READ_ERROR_CODES & codes.keys()),
    )


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _grade_stats(values: list[float]) -> dict[str, Any]:
    dist = Counter(grade_bucket(v) for v in values)
    return {
        "graded": len(values),
        "mean": round(statistics.fmean(values), 1) if values else None,
        "median": round(statistics.median(values), 1) if values else None,
        "distribution": {b: dist.get(b, 0) for b in GRADE_BUCKETS},
    }


def summarise(
    rows: list[ArticleRow],
    selected: set[str] | None,
    rule_names: dict[str, str],
    rule_severity: dict[str, str],
    max_grade: float,
) -> dict[str, Any]:
    """The library summary: counts over every article (the editorial measures over the
    readable ones); a measure of a rule not selected is None."""

    def on(code: str) -> bool:
        return selected is None or code in selected

    readable = [r for r in rows if r.readable]
    ages = Counter(age_bucket(r.review_age_months) for r in readable)
    return {
        "articles": len(rows),
        "readable": len(readable),
        "unreadable": len(rows) - len(readable),
        **_finding_counts(rows),
        **_review_counts(readable, on(STALE_CODE)),
        **_medication_counts(readable, on(STOP_WARNING_CODE)),
        **_score_stats(rows),
        **_readability(readable, max_grade),
        "review_age": {b: ages.get(b, 0) for b in AGE_BUCKETS},
        "top_rules": _top_rules(rows, rule_names, rule_severity),
        "worst": [r.id for r in _worst(rows)],
        "news_reporting": _news_reporting(readable, on, rule_names),
    }


def _finding_counts(rows: list[ArticleRow]) -> dict[str, Any]:
    sev = Counter({s: 0 for s in SEVERITY_ORDER})
    grp: Counter[str] = Counter()
    for r in rows:
        sev.update(r.by_severity)
        grp.update({g: c for g, c in r.by_group.items() if c})
    return {
        "articles_with_findings": sum(1 for r in rows if r.findings),
        "findings": sum(len(r.findings) for r in rows),
        "by_severity": dict(sev),
        "by_group": _group_counts(grp, keep_zero=False),
    }


def _news_reporting(
    readable: list[ArticleRow], on: Callable[[str], bool], rule_names: dict[str, str]
) -> dict[str, Any]:
    """For the news stories and releases: how many meet each criterion (no finding of its N
    rule); ``met`` is None for a rule not selected."""
    news = [r for r in readable if r.news]
    criteria = []
    for code in NEWS_CODES:
        met = sum(1 for r in news if code not in r.codes) if on(code) else None
        criteria.append(
            {
                "code": code,
                "name": rule_names.get(code),
                "met": met,
                "met_pct": _pct(met, len(news)) if met is not None else None,
            }
        )
    return {"articles": len(news), "criteria": criteria}


def _review_counts(readable: list[ArticleRow], stale_selected: bool) -> dict[str, Any]:
    n = len(readable)
    no_date = sum(1 for r in readable if r.review_date is None)
    stale = sum(1 for r in readable if r.stale)
    return {
        "without_review_date": no_date,
        "without_review_date_pct": _pct(no_date, n),
        "stale": stale if stale_selected else None,
        "stale_pct": _pct(stale, n) if stale_selected else None,
        # stale among the articles with a review date ("3 of 120 dated"; "0 of 0 dated")
        "dated": n - no_date,
        "stale_of_dated_pct": _pct(stale, n - no_date) if stale_selected else None,
    }


def _medication_counts(readable: list[ArticleRow], stop_selected: bool) -> dict[str, Any]:
    med_rows = [r for r in readable if r.medication or r.missing_stop_warning]
    missing_stop = sum(1 for r in med_rows if r.missing_stop_warning)
    return {
        "medication_articles": len(med_rows),
        "missing_stop_warning": missing_stop if stop_selected else None,
        "missing_stop_warning_pct": _pct(missing_stop, len(med_rows)) if stop_selected else None,
    }


def _score_stats(rows: list[ArticleRow]) -> dict[str, Any]:
    scores = [r.score for r in rows]
    return {
        "score_mean": round(statistics.fmean(scores), 1) if scores else None,
        "score_median": statistics.median(scores) if scores else None,
    }


def _readability(readable: list[ArticleRow], max_grade: float) -> dict[str, Any]:
    fk = [r.flesch_kincaid for r in readable if r.flesch_kincaid is not None]
    smog = [r.smog for r in readable if r.smog is not None]
    above = sum(1 for v in fk if v > max_grade)
    return {
        "max_grade": max_grade,
        "above_max_grade": above,
        "above_max_grade_pct": _pct(above, len(fk)),
        "flesch_kincaid": _grade_stats(fk),
        "smog": _grade_stats(smog),
    }


def _top_rules(
    rows: list[ArticleRow], rule_names: dict[str, str], rule_severity: dict[str, str]
) -> list[dict[str, Any]]:
    """The rules with the most findings (and in how many articles)."""
    code_findings: Counter[str] = Counter()
    code_articles: Counter[str] = Counter()
    for r in rows:
        code_findings.update(r.codes)
        code_articles.update(r.codes.keys())
    ranked = sorted(code_findings.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES_N]
    return [
        {
            "code": code,
            "name": rule_names.get(code, ""),
            "severity": rule_severity.get(code, ""),
            "findings": n,
            "articles": code_articles[code],
        }
        for code, n in ranked
    ]


def _worst(rows: list[ArticleRow]) -> list[ArticleRow]:
    """The lowest-scoring articles: most errors, then most findings, then by path."""
    return sorted(
        (r for r in rows if r.score < 100),
        key=lambda r: (r.score, -r.by_severity["error"], -len(r.findings), r.path),
    )[:WORST_N]


def build_report(
    results: Iterable[FileResult],
    settings: Settings,
    registry: Registry,
    selected: set[str] | None = None,
) -> Report:
    today = settings.clock()
    rows = [_row(i, r, settings, today) for i, r in enumerate(results)]
    unique_anchors(rows)
    names = {r.code: r.name for r in registry}
    severity = {r.code: r.severity for r in registry}
    for row in rows:
        for f in row.findings:
            names.setdefault(f.code, f.name)
            severity[f.code] = f.severity
    p601 = settings.rules.get("P601", {})
    rule = registry.get("P601")
    max_grade = p601.get("max-grade", rule.defaults().get("max-grade", 8) if rule else 8)
    summary = summarise(rows, selected, names, severity, float(max_grade))
    return Report(rows=rows, summary=summary, today=today, rule_names=names)


# -- owners and rules ---------------------------------------------------------------------

OWNER_ROLES = ("author", "reviewer")
NO_OWNER = "(none found)"


@dataclass
class OwnerSummary:
    """One author's or reviewer's articles: counts, mean score, stale reviews and (with a
    comparison) how many of them got worse or better.  ``name`` is :data:`NO_OWNER` for the
    articles where none was found."""

    role: str
    name: str
    articles: int
    findings: int
    by_severity: dict[str, int]
    mean_score: float | None
    dated: int
    stale: int
    worse: int | None = None
    better: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "articles": self.articles,
            "findings": self.findings,
            "by_severity": self.by_severity,
            "mean_score": self.mean_score,
            "dated": self.dated,
            "stale": self.stale,
            "worse": self.worse,
            "better": self.better,
        }


def owner_of(row: ArticleRow, role: str) -> str:
    name = row.author if role == "author" else row.reviewer
    return name if name else NO_OWNER


def owners(report: Report, role: str) -> list[OwnerSummary]:
    """Per author or reviewer (``role``), most findings first; the articles without one last."""
    if role not in OWNER_ROLES:
        raise ValueError(f"role: expected one of {OWNER_ROLES}, got {role!r}")
    groups: dict[str, list[ArticleRow]] = {}
    for r in report.rows:
        groups.setdefault(owner_of(r, role), []).append(r)
    status: dict[str, str] = {}
    if report.comparison is not None:
        status = {normal_path(c.path): c.status for c in report.comparison.articles}
    out: list[OwnerSummary] = []
    for name, rows in groups.items():
        sev = Counter({s: 0 for s in SEVERITY_ORDER})
        for r in rows:
            sev.update(r.by_severity)
        changed = Counter(status.get(normal_path(r.path), "") for r in rows)
        out.append(
            OwnerSummary(
                role=role,
                name=name,
                articles=len(rows),
                findings=sum(len(r.findings) for r in rows),
                by_severity=dict(sev),
                mean_score=round(statistics.fmean(r.score for r in rows), 1),
                dated=sum(1 for r in rows if r.review_date is not None),
                stale=sum(1 for r in rows if r.stale),
                worse=changed["worse"] if status else None,
                better=changed["better"] if status else None,
            )
        )
    out.sort(key=lambda o: (o.name == NO_OWNER, -o.findings, -o.articles, o.name))
    return out


@dataclass
class RuleLine:
    """One rule over the library: findings and articles now, and findings before (with a
    comparison; ``None`` without one)."""

    code: str
    name: str
    severity: str
    findings: int
    articles: int
    findings_before: int | None = None

    @property
    def change(self) -> int | None:
        return None if self.findings_before is None else self.findings - self.findings_before


def rule_lines(report: Report, severity: dict[str, str] | None = None) -> list[RuleLine]:
    """Every rule with findings in this run (or, with a comparison, in the earlier one), by
    code."""
    findings: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    sev: dict[str, str] = dict(severity or {})
    for r in report.rows:
        findings.update(r.codes)
        articles.update(r.codes.keys())
        for f in r.findings:
            sev.setdefault(f.code, f.severity)
    before = report.comparison.rules if report.comparison is not None else None
    codes = set(findings) | (set(before) if before else set())
    return [
        RuleLine(
            code=code,
            name=report.rule_names.get(code, ""),
            severity=sev.get(code, ""),
            findings=findings.get(code, 0),
            articles=articles.get(code, 0),
            findings_before=None if before is None else before.get(code, (0, 0))[0],
        )
        for code in sorted(codes)
    ]
