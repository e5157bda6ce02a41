"""Per-article facts for `medlint report`: title, reviewer, review date, readability, drugs.

:func:`article_stats` runs inside :meth:`medlint.engine.Linter.lint_article` when the linter's
``collect_stats`` flag is set, so the facts travel with the :class:`~medlint.engine.FileResult`
(``result.stats["article"]``) through worker processes and the cache.  Everything it returns is
JSON-serialisable and cheap: metadata is shared with the R rules (``Analysis.metadata``), grades are P601's
(:mod:`medlint.analysis.readability`), and the medicine is S201's (:mod:`medlint.analysis.drugs`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from medlint import packs

if TYPE_CHECKING:  # pragma: no cover
    from medlint.analysis import Analysis
    from medlint.config import Settings
    from medlint.document.model import Article

STATS_KEY = "article"
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")


def _prose_text(article: Article) -> str:
    return "\n".join(b.text for b in article.prose_blocks())


def _round(value: Any) -> float | None:
    try:
        return round(float(value), 1)
    except (TypeError, ValueError):
        return None


def readability(analysis: Analysis) -> dict[str, Any]:
    """Words, Flesch–Kincaid and SMOG grades (``None`` when there is no prose to grade); the
    grades are P601's (computed once per article)."""
    from medlint.analysis.readability import grades

    try:
        g = grades(analysis)
    except Exception:  # a failing grader must not lose the article's row
        return _fallback_grades(_prose_text(analysis.article))
    words = int(g.get("words") or 0)
    if not words:
        return {"words": 0, "flesch_kincaid": None, "smog": None}
    return {
        "words": words,
        "flesch_kincaid": _round(g.get("flesch_kincaid")),
        "smog": _round(g.get("smog")),
    }


def _fallback_grades(text: str) -> dict[str, Any]:
    """Only a word count when the readability grades fail (never textstat:
    it downloads a dictionary on first use)."""
    return {"words": len(_WORD_RE.findall(text)), "flesch_kincaid": None, "smog": None}


# -- medication subject --------------------------------------------------------


@packs.pack_cache
def _drug_lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    """Single-word and multi-word drug names from the drug lexicon (empty when absent)."""
    try:
        names = _drug_names()
    except Exception:
        return frozenset(), ()
    single = frozenset(n for n in names if " " not in n)
    multi = tuple(sorted(n for n in names if " " in n))
    return single, multi


def _drug_names() -> frozenset[str]:
    from medlint import lexicon

    return lexicon.drugs().names()


def _s201_helper() -> Callable[..., str | None] | None:
    """S201's test of the article's subject (``medlint.analysis.drugs.medication_subject``)."""
    from medlint.analysis.drugs import medication_subject

    return medication_subject


def _subject(
    helper: Callable[..., str | None],
    article: Article,
    settings: Settings | None,
    analysis: Analysis | None,
) -> str | None:
    """The helper's answer, with S201's configured ``min-mentions`` when there is one."""
    configured = (settings.rules.get("S201", {}) if settings is not None else {}).get(
        "min-mentions"
    )
    if analysis is None:
        from medlint.analysis import Analysis
        from medlint.config import Settings

        analysis = Analysis(article, settings if settings is not None else Settings())
    return helper(analysis) if configured is None else helper(analysis, configured)


def medication(
    article: Article, settings: Settings | None = None, analysis: Analysis | None = None
) -> dict[str, Any]:
    """Is a drug the subject of the article?

    S201's own test is used (``medlint.analysis.drugs.medication_subject``, sharing the drug
    mentions of ``analysis`` with the rules).  Otherwise (should it fail): a drug from the ``drugs`` pack named
    in the title, or named at least twice in the body.  ``medication`` is ``None`` when
    neither is available.
    """
    helper = _s201_helper()
    if helper is not None:
        try:
            drug = _subject(helper, article, settings, analysis)
            return {"medication": bool(drug), "drug": drug if isinstance(drug, str) else None}
        except Exception:
            pass
    single, multi = _drug_lexicon()
    if not single and not multi:
        return {"medication": None, "drug": None}
    title = article.title.lower()
    body = " ".join(b.text for b in article.body_blocks()).lower()
    counts: dict[str, int] = {}
    for w in _WORD_RE.findall(body):
        if w in single:
            counts[w] = counts.get(w, 0) + 1
    for phrase in multi:
        n = len(re.findall(rf"\b{re.escape(phrase)}\b", body))
        if n:
            counts[phrase] = n
    title_words = set(_WORD_RE.findall(title))
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        in_title = name in title_words or (" " in name and name in title)
        if in_title or counts[name] >= 2:
            return {"medication": True, "drug": name}
    for name in sorted(title_words & single):
        return {"medication": True, "drug": name}
    return {"medication": False, "drug": None}


# -- all together ---------------------------------------------------------------


def _person(p: Any) -> str:
    """A name with its credentials as written: "Jane Doe, MD, PharmD"."""
    creds = [c for c in getattr(p, "credentials", None) or [] if c and c not in p.name]
    return ", ".join([p.name, *creds])


def article_stats(analysis: Analysis) -> dict[str, Any]:
    """JSON-serialisable per-article facts for the report (the metadata is the rules')."""
    article, settings = analysis.article, analysis.settings
    md = analysis.metadata
    latest = md.latest
    reviewers = [_person(p) for p in md.reviewers]
    authors = [_person(p) for p in md.authors]
    out: dict[str, Any] = {
        "title": article.title,
        "format": article.fmt,
        "reviewer": reviewers[0] if reviewers else None,
        "reviewers": reviewers,
        "author": authors[0] if authors else None,
        "review_date": latest.date.isoformat() if latest is not None and latest.date else None,
        "review_kind": latest.kind if latest is not None else None,
        "dates_found": len(md.dates),
    }
    out.update(readability(analysis))
    out.update(medication(article, settings, analysis))
    from medlint.analysis.article_kind import article_kind

    out["news"] = article_kind(analysis).is_news  # the N rules apply (report: news reporting)
    return out
