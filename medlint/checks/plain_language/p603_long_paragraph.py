"""P603 long-paragraph: a paragraph has too many sentences or words."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis import readability
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule


@rule(
    "P603",
    "long-paragraph",
    "info",
    "A paragraph has more than `max-sentences` sentences or `max-words` words.",
    rationale=(
        "Short paragraphs (chunks) with headings make health information easier to scan and "
        "remember; the CDC Clear Communication Index scores material organised in chunks."
    ),
    source="CDC Clear Communication Index (information design); NIH Plain Language guidelines",
    options={
        "max-sentences": Option(5, "most sentences a paragraph may have", min=1),
        "max-words": Option(150, "most words a paragraph may have", min=1),
    },
    bad=(
        "Metformin lowers blood sugar. Take it with meals. Start with a low dose. Your doctor "
        "may raise it slowly. It can upset your stomach at first. This usually settles. "
        "Tell your doctor if you are sick often."
    ),
    good=(
        "Metformin lowers blood sugar. Take it with meals.\n\n"
        "It can upset your stomach at first. This usually settles."
    ),
    fix="Break the paragraph into shorter ones, one topic each, or turn a series into a list.",
)
def long_paragraph(ctx: Context) -> Iterator[Finding]:
    max_sents = int(ctx.options["max-sentences"])
    max_words = int(ctx.options["max-words"])
    for block in ctx.article.blocks:
        if block.kind != "paragraph":
            continue
        n_words = readability.block_word_count(ctx.analysis, block)
        if n_words <= max_words and n_words <= max_sents:
            continue
        # sentences with at least one word, from the shared sentence rows
        counts = readability.sentence_rows(ctx.analysis, block)[2::4]
        n_sents = len(counts) - counts.count(0)
        problems = []
        if n_sents > max_sents:
            problems.append(f"{n_sents} sentences (limit {max_sents})")
        if n_words > max_words:
            problems.append(f"{n_words} words (limit {max_words})")
        if not problems:
            continue
        yield ctx.finding(
            block,
            0,
            len(block.text),
            f"paragraph of {' and '.join(problems)}: break it into shorter paragraphs, one topic "
            "each, or use a list",
            sentences=n_sents,
            words=n_words,
        )
