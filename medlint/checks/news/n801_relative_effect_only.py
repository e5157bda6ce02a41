"""N801 relative-effect-only: a benefit or risk change given only in relative terms ("cut
the risk by 40%", "halved", "twice as likely") with no absolute figure or baseline nearby."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from medlint.analysis import Analysis, per_article
from medlint.analysis.article_kind import article_kind
from medlint.checks.news.effects import has_absolute, relative_changes, topic_words
from medlint.checks.news.sentences import Sentence, is_title, lede, news_sentences, read_blocks
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block


@rule(
    "N801",
    "relative-effect-only",
    "warning",
    "A benefit or risk change given only in relative terms ('cut the risk by 40%', "
    "'halved', 'twice as likely') with no absolute figures or baseline rate nearby.",
    rationale=(
        "A relative change hides how many people it touches: cutting a risk by half takes "
        "2 in 100 to 1 in 100, or 2 in 100,000 to 1 in 100,000. HealthNewsReview.org "
        "criterion 2 ('Does the story adequately quantify the benefits of the treatment?') "
        "asks for absolute numbers, and readers and doctors alike overrate treatments "
        "described only in relative terms (Covey 2007; Akl et al., Cochrane 2011). Applies "
        "to news stories and news releases (docs/news.md). Patterns: rules/news.yaml "
        "(relative-effect)."
    ),
    source="HealthNewsReview.org criterion 2 (quantify the benefits); Cochrane review of "
    "risk presentation (Akl et al., 2011)",
    bad=(
        "Daily walks cut the risk of a second stroke by 35%, researchers said. The study "
        "was published in the journal Stroke, said Dr. Omar Lee, who led the research."
    ),
    good=(
        "Daily walks cut the risk of a second stroke by 35%, from 10 in 100 to 6.5 in 100 "
        "over five years, researchers said. The study was published in the journal Stroke, "
        "said Dr. Omar Lee, who led the research."
    ),
    fix=(
        "Give the absolute figures beside the relative one: the risk with and without the "
        "treatment ('from 4 in 100 to 3 in 100', '4% vs 3%'), the difference in percentage "
        "points, or the baseline risk the change applies to."
    ),
)
def relative_effect_only(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    if not article_kind(analysis).is_news:
        return
    opening = {b.index for b in lede(analysis)}
    for sent in news_sentences(analysis):
        spans = relative_changes(sent.text)
        if not spans or has_absolute(sent.text, sentence=True):
            continue
        if _answered(analysis, sent, sent.block.index in opening):
            continue
        a, b = spans[0]
        words = sent.text[a:b]
        where = "in the article" if sent.block.index in opening else "nearby"
        yield ctx.finding(
            sent.block,
            sent.start + a,
            sent.start + b,
            f"'{words}' is a relative change with no absolute figures {where}: give the "
            "numbers with and without the treatment (e.g. 'from 4 in 100 to 3 in 100') or "
            "the baseline rate",
        )


def _answered(analysis: Analysis, sent: Sentence, opening: bool) -> bool:
    """An absolute figure answers the change when it is given in its paragraph or within
    :data:`NEAR` paragraphs before or after (short lines between, an "Advertisement" or a
    one-line link, are passed over), or anywhere in the article in a sentence about the
    same thing (it shares a :func:`topic_words` word: "a 62 percent reduction in
    preeclampsia risk" … "13 women in the aspirin group developed preeclampsia, while 35
    …"); for a change in the title or the lede, anywhere in the article (the body is where a
    story gives its numbers)."""
    found = absolute_sentences(analysis)
    if opening or is_title(sent.block) or sent.block.kind == "heading":
        return bool(found)
    near = {b.index for b in window(analysis, sent.block, NEAR)}
    if any(s.block.index in near for s in found):
        return True
    topic = topic_words(sent.text)
    return any(topic & topic_words(s.text) for s in found)


#: how many paragraphs before and after a change count as "nearby" (news paragraphs are
#: one or two sentences: the figures are often two paragraphs away)
NEAR = 2
#: a block of fewer words is no paragraph of the story ("Advertisement", "Read more: …")
MIN_WORDS = 8


def window(analysis: Analysis, block: Block, count: int) -> list[Block]:
    """``block`` and up to ``count`` paragraphs of at least :data:`MIN_WORDS` words before
    and after it (shorter blocks between are taken but not counted; a heading ends it)."""
    blocks = read_blocks(analysis)
    i = next((k for k, b in enumerate(blocks) if b.index == block.index), None)
    if i is None:
        return [block]
    out = [block]
    for step in (-1, 1):
        left, k = count, i + step
        while left and 0 <= k < len(blocks) and blocks[k].is_prose:
            out.append(blocks[k])
            if len(blocks[k].text.split()) >= MIN_WORDS:
                left -= 1
            k += step
    return out


@per_article
def absolute_sentences(analysis: Analysis) -> list[Sentence]:
    """The sentences that give an absolute figure."""
    return [s for s in news_sentences(analysis) if has_absolute(s.text)]
