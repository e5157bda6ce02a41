"""The report's data: one row per article and a library summary, shared by every format."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable
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
GROUPS = ("R", "S", "D", "C", "A", "P", "M", "E", "X")
GROUP_NAMES = {
    "R": "review and currency",
    "S": "patient safety",
    "D": "duplication and scraping damage",
    "C": "claims and evidence",
    "A": "advertising and disclosure",
    "P": "plain language",
    "M": "medication and dose style",
    "E": "file problems (unreadable, bad front matter)",
    "X": "suppressions",
    "other": "other (plugins)",
}
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


@dataclass
class Report:
    rows: list[ArticleRow]
    summary: dict[str, Any]
    today: dt.date
    rule_names: dict[str, str] = field(default_factory=dict)
    generator: str = f"medlint {__version__}"


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
        review_date=review_date,
        review_age_months=age,
        words=st.get("words"),
        flesch_kincaid=st.get("flesch_kincaid"),
        smog=st.get("smog"),
        medication=st.get("medication"),
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


def _review_counts(readable: list[ArticleRow], stale_selected: bool) -> dict[str, Any]:
    n = len(readable)
    no_date = sum(1 for r in readable if r.review_date is None)
    stale = sum(1 for r in readable if r.stale)
    return {
        "without_review_date": no_date,
        "without_review_date_pct": _pct(no_date, n),
        "stale": stale if stale_selected else None,
        "stale_pct": _pct(stale, n) if stale_selected else None,
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
