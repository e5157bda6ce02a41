"""What kind of article this is: a news story, a news release, patient information…

The N rules (news and evidence reporting, HealthNewsReview.org's criteria) apply to news
stories and news releases only.  :func:`article_kind` decides the kind once per article,
from the first of these that says:

1. front matter ``kind:`` (or ``type:``), when its value is a kind or an alias of one
   (``rules/news.yaml`` ``kinds.aliases``; ``type: post`` is no kind and is passed over);
2. the config key ``kinds`` (path glob → kind, globs as in ``per-file-ignores``, relative
   to the config file's folder; the first glob that matches wins);
3. the text, conservatively.  It reads as news in one of three ways:

   * it quotes people the way news does ("…," she said; ``reported-speech``, at least
     twice) and has two different cues of a study report: news-only ones (``report-cues``:
     "published in", "researchers found", "presented at", "lead author", a dateline or a
     wire tag) or words a review summary also uses (``research-cues``: "the study", a
     journal, "randomised");
   * it reports a study the way news does while quoting nobody: two different news-only
     cues and three cues in all (``min-news-cues-without-speech``,
     ``min-cues-without-speech``);
   * it quotes people at length (``min-reported-speech-alone`` reported-speech forms) and
     has one cue of either list;

   and it neither speaks to the reader on every line ("you", "your": at most
   ``max-reader-address`` per 100 words) nor reads as a leaflet or a review summary
   (``not-news``).  Anything else stays undecided (``kind`` None) and the N rules stay
   quiet: a rule that cannot tell whether the article is news does not guess.

The cues and their thresholds live in ``rules/news.yaml`` (section ``kinds``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.analysis import Analysis, per_article
from medlint.findings import Finding
from medlint.matching.prefilter import may_match

if TYPE_CHECKING:  # pragma: no cover
    from medlint.config import Settings
    from medlint.document.model import Article

NEWS = "news"
PRESS_RELEASE = "press-release"
#: every article kind medlint knows (front matter values and config ``kinds`` map to these)
KINDS: tuple[str, ...] = (
    NEWS,
    PRESS_RELEASE,
    "patient-information",
    "drug-information",
    "research-summary",
    "other",
)
#: the kinds the N rules apply to
NEWS_KINDS = frozenset({NEWS, PRESS_RELEASE})

FRONT_MATTER_KEYS = ("kind", "type")


@dataclass(frozen=True)
class ArticleKind:
    """The article's kind (None: undecided), where it came from and why."""

    kind: str | None
    source: str  # "front matter", "config", "text" or "undecided"
    reason: str = ""

    @property
    def is_news(self) -> bool:
        """A news story or a news release: the N rules apply."""
        return self.kind in NEWS_KINDS


def normalize_kind(value: Any) -> str | None:
    """The kind a front matter or config value names (``"News story"`` → ``news``), or None."""
    if not isinstance(value, str):
        return None
    key = _norm(value)
    if key in KINDS:
        return key
    return kind_aliases().get(key.replace("-", " "))


_FM_KIND = re.compile(r"^kind[ \t]*:", re.M)


def kind_problems(article: Article) -> list[Finding]:
    """An E903 finding when front matter ``kind:`` is no text (``kind: [news]``,
    ``kind: 3``): a value medlint cannot read, reported at the key as a bad front matter
    ``medlint:`` key is, and passed over (the kind comes from the config or the text).  A
    text that names no kind, and any ``type:`` value (site generators use ``type`` for
    their own layouts), are passed over quietly."""
    value = article.front_matter.get("kind")
    if value is None or isinstance(value, str):
        return []
    shown = repr(value) if len(repr(value)) <= 40 else f"a {type(value).__name__}"
    start, end = article.front_matter_span or (0, 0)
    m = _FM_KIND.search(article.source, start, end)
    a, b = (m.start(), m.end() - 1) if m else (start, start)
    message = (
        f"front matter 'kind' must name one article kind as text ({', '.join(KINDS)}), "
        f"not {shown}; it is ignored (the kind comes from the config or the text)"
    )
    return [Finding(code="E903", message=message, start=a, end=b, name="invalid-front-matter")]


def _norm(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().lower())


@packs.pack_cache
def kind_aliases() -> dict[str, str]:
    """Alias (lower case, words separated by spaces) → kind, from ``kinds.aliases``."""
    raw = _section().get("aliases") or {}
    out = {
        str(k).strip().lower().replace("-", " ").replace("_", " "): str(v) for k, v in raw.items()
    }
    return {k: v for k, v in out.items() if v in KINDS}


def _section() -> Mapping[str, Any]:
    got = packs.load("news").get("kinds") or {}
    return got if isinstance(got, dict) else {}


@per_article
def article_kind(analysis: Analysis) -> ArticleKind:
    """The article's kind: front matter, then config ``kinds`` globs, then the text."""
    article = analysis.article
    for key in FRONT_MATTER_KEYS:
        kind = normalize_kind(article.front_matter.get(key))
        if kind is not None:
            return ArticleKind(kind, "front matter", f"front matter {key}: {kind}")
    configured = kind_from_config(article.path, analysis.settings)
    if configured is not None:
        return configured
    return kind_from_text(analysis.joined_text(), analysis.joined_text(lower=True))


def kind_from_config(path: str, settings: Settings) -> ArticleKind | None:
    """The kind the first matching ``kinds`` glob gives ``path``, or None."""
    if not settings.kinds:
        return None
    rel = _relative(path, settings.root)
    name = Path(path).name
    for glob, spec in _kind_specs(tuple(settings.kinds.items())):
        if spec.match_file(rel) or spec.match_file(name):
            return ArticleKind(settings.kinds[glob], "config", f"config kinds {glob!r}")
    return None


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _kind_specs(items: tuple[tuple[str, str], ...]) -> list[tuple[str, Any]]:
    return [(glob, _spec(glob)) for glob, _kind in items]


_SPECS: dict[str, Any] = {}


def _spec(glob: str) -> Any:
    got = _SPECS.get(glob)
    if got is None:
        import pathspec

        got = _SPECS[glob] = pathspec.GitIgnoreSpec.from_lines([glob])
    return got


@dataclass(frozen=True)
class TextCues:
    """The compiled text cues of ``kinds`` in rules/news.yaml."""

    reported_speech: re.Pattern[str]
    min_reported_speech: int
    report_cues: tuple[re.Pattern[str], ...]
    research_cues: tuple[re.Pattern[str], ...]
    min_report_cues: int
    min_news_cues_without_speech: int
    min_cues_without_speech: int
    min_reported_speech_alone: int
    reader_address: re.Pattern[str]
    max_reader_address: float
    not_news: tuple[re.Pattern[str], ...]


@packs.pack_cache
def text_cues() -> TextCues:
    sec = _section()

    def rx(pattern: Any, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(str(pattern), flags)

    return TextCues(
        # reported speech is matched as written: "Dr. Lee said." is not "SAID"
        reported_speech=rx(sec.get("reported-speech") or r"(?!x)x", 0),
        min_reported_speech=int(sec.get("min-reported-speech", 2)),
        report_cues=tuple(rx(p) for p in sec.get("report-cues") or []),
        research_cues=tuple(rx(p) for p in sec.get("research-cues") or []),
        min_report_cues=int(sec.get("min-report-cues", 2)),
        min_news_cues_without_speech=int(sec.get("min-news-cues-without-speech", 2)),
        min_cues_without_speech=int(sec.get("min-cues-without-speech", 3)),
        min_reported_speech_alone=int(sec.get("min-reported-speech-alone", 4)),
        reader_address=rx(sec.get("reader-address") or r"(?!x)x"),
        max_reader_address=float(sec.get("max-reader-address", 2.5)),
        not_news=tuple(rx(p) for p in sec.get("not-news") or []),
    )


def kind_from_text(text: str, low: str | None = None) -> ArticleKind:
    """``news`` when the text reads as news (see the module docstring), else undecided.
    ``low`` is ``text.lower()`` when the caller has it: each cue is first looked for by its
    literal words (``medlint.matching.prefilter.may_match``), the regex runs only then."""
    cues = text_cues()
    low = text.lower() if low is None else low

    def found(rx: re.Pattern[str]) -> bool:
        return may_match(rx, text, low) and rx.search(text) is not None

    undecided = "undecided"
    speech = 0
    if may_match(cues.reported_speech, text, low):
        most = max(cues.min_reported_speech, cues.min_reported_speech_alone)
        speech = len(list(islice(cues.reported_speech.finditer(text), most)))
    news_cues = sum(found(rx) for rx in cues.report_cues)
    research = sum(found(rx) for rx in cues.research_cues)
    why = _news_reason(cues, speech, news_cues, news_cues + research)
    if why is None:
        if speech == 0 and news_cues + research == 0:
            return ArticleKind(None, undecided, "quotes nobody and reports no study")
        return ArticleKind(None, undecided, "too few news cues")
    for rx in cues.not_news:
        m = rx.search(text) if may_match(rx, text, low) else None
        if m:
            return ArticleKind(None, undecided, f"reads as no news story: {m.group(0)!r}")
    words = max(len(text.split()), 1)
    address = len(cues.reader_address.findall(text)) * 100 / words
    if address > cues.max_reader_address:
        return ArticleKind(None, undecided, f"speaks to the reader ({address:.1f} per 100 words)")
    return ArticleKind(NEWS, "text", why)


def _news_reason(cues: TextCues, speech: int, news_cues: int, all_cues: int) -> str | None:
    """Why the counts read as news (None: they do not); see the module docstring."""
    if speech >= cues.min_reported_speech and all_cues >= cues.min_report_cues:
        return f"reported speech and {all_cues} news cues"
    if news_cues >= cues.min_news_cues_without_speech and all_cues >= cues.min_cues_without_speech:
        return f"reports a study the way news does ({news_cues} news cues, {all_cues} in all)"
    if speech >= cues.min_reported_speech_alone and all_cues >= 1:
        return f"quotes people at length ({speech} times) and has a news cue"
    return None
