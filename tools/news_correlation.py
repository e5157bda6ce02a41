"""How well medlint's news findings agree with HealthNewsReview.org's star ratings.

    python tools/news_correlation.py            # the correlation table
    python tools/news_correlation.py --kinds    # and the article-kind detector's accuracy
    python tools/news_correlation.py --per-article

For the news stories of ``../shared/corpus`` whose HealthNewsReview star rating (1–5) is in
``manifest.json``, medlint lints each article as a user would (no config: the article kind
comes from the text) and counts its findings of the N8xx and C4xx rules.  The manifest is
read only to score the results, never given to medlint.  Printed, per score:

* Spearman's rank correlation between the score and the stars (goal: ρ ≤ −0.4: more
  findings, fewer stars);
* the AUC for telling ≤ 2-star stories from ≥ 4-star ones by the score (goal ≥ 0.75): the
  chance that a random poor story scores higher than a random good one, ties counting half.

Scores: ``findings`` (N8xx + C4xx findings per article), ``N8xx`` and ``C4xx`` alone,
``codes`` (how many different N8xx/C4xx codes fire: one per criterion missed), and
``weighted``: the different N8xx codes that fire plus the C404 and C406 findings
(overclaiming and hype), leaving out the patient-page claims rules (C401–C403, C405), which
fire more on longer, more careful stories.  Rank
statistics are computed plainly here (no scipy).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MANIFEST = SHARED / "corpus" / "manifest.json"
NEWS_KINDS = ("news story", "news release")
PREFIXES = ("N8", "C4")


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties given their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's ρ: Pearson's correlation of the ranks (nan when either is constant)."""
    rx, ry = ranks(x), ranks(y)
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else float("nan")


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """P(a positive scores higher than a negative), ties counting half."""
    if not positives or not negatives:
        return float("nan")
    wins = 0.0
    for p in positives:
        for q in negatives:
            wins += 1.0 if p > q else 0.5 if p == q else 0.0
    return wins / (len(positives) * len(negatives))


def _items() -> list[dict[str, Any]]:
    if not MANIFEST.exists():
        raise SystemExit(f"{MANIFEST} not found: this script needs the shared corpus")
    items: list[dict[str, Any]] = json.loads(MANIFEST.read_text(encoding="utf-8"))["items"]
    return items


def _linter() -> Any:
    from medlint.config import build_settings
    from medlint.discovery import get_registry
    from medlint.engine import Linter

    registry = get_registry()
    settings = build_settings({}, registry, None, ROOT)
    import datetime as dt

    settings.today = dt.date(2026, 11, 23)
    return Linter(settings, registry, list(PREFIXES))


def _stars(item: dict[str, Any]) -> int | None:
    labels = item.get("human_labels") or {}
    got = labels.get("hnr_star_rating_1to5")
    return got if isinstance(got, int) else None


Score = Callable[[list[str]], float]
SCORES: dict[str, Score] = {
    "findings": lambda codes: float(len(codes)),
    "N8xx": lambda codes: float(sum(c.startswith("N8") for c in codes)),
    "C4xx": lambda codes: float(sum(c.startswith("C4") for c in codes)),
    "codes": lambda codes: float(len(set(codes))),
    # documented weighting: one point per N criterion missed, plus overclaiming and hype
    # (C404, C406: HealthNewsReview's "unjustifiable, sensational language"); C401-C403 and
    # C405 are patient-page rules (frequency words, attribution) and are left out
    "weighted": lambda codes: float(
        len({c for c in codes if c.startswith("N8")}) + sum(c in ("C404", "C406") for c in codes)
    ),
}


def correlation(per_article: bool) -> None:
    linter = _linter()
    rows: list[tuple[str, int, list[str]]] = []
    for item in _items():
        stars = _stars(item)
        if stars is None or item.get("kind") not in NEWS_KINDS:
            continue
        path = SHARED / "corpus" / item["file"]
        result = linter.lint_path(str(path))
        codes = [f.code for f in result.findings if f.code.startswith(PREFIXES)]
        rows.append((item["file"], stars, codes))
    stars = [float(s) for _, s, _ in rows]
    poor = [i for i, (_, s, _) in enumerate(rows) if s <= 2]
    good = [i for i, (_, s, _) in enumerate(rows) if s >= 4]
    print(f"{len(rows)} rated stories: {len(poor)} with <= 2 stars, {len(good)} with >= 4")
    print(f"{'score':10} {'spearman rho':>12} {'AUC <=2 vs >=4':>15}")
    for name, score in SCORES.items():
        values = [score(codes) for _, _, codes in rows]
        rho = spearman(values, stars)
        area = auc([values[i] for i in poor], [values[i] for i in good])
        print(f"{name:10} {rho:12.3f} {area:15.3f}")
    fired = Counter(c for _, _, codes in rows for c in codes)
    print("findings by code:", ", ".join(f"{c} {n}" for c, n in sorted(fired.items())))
    if per_article:
        for file, s, codes in rows:
            print(f"{file} {s} stars: {' '.join(sorted(codes)) or '-'}")


def kinds() -> None:
    """The text heuristic's kind against the manifest's kind, for every corpus article."""
    from medlint.analysis import Analysis
    from medlint.analysis.article_kind import article_kind
    from medlint.config import Settings
    from medlint.document import parse_article

    table: Counter[tuple[str, str]] = Counter()
    right = 0
    items = _items()
    for item in items:
        path = SHARED / "corpus" / item["file"]
        article, _ = parse_article(str(path), path.read_text(encoding="utf-8"))
        got = article_kind(Analysis(article, Settings(root=ROOT)))
        table[(item["kind"], got.kind or "undecided")] += 1
        right += got.is_news == (item["kind"] in NEWS_KINDS)
    print("manifest kind -> medlint kind (text heuristic): count")
    for (truth, got), n in sorted(table.items()):
        print(f"  {truth:14} -> {got:12} {n}")
    print(f"news or not, right: {right} of {len(items)} ({100 * right / len(items):.1f}%)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", action="store_true", help="also report the kind detector")
    parser.add_argument("--per-article", action="store_true", help="list each article's codes")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    correlation(args.per_article)
    if args.kinds:
        kinds()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
