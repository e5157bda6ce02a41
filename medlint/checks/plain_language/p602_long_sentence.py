"""P602 long-sentence: a sentence has more than `max-words` words."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis import readability
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule

_PROSE_KINDS = ("paragraph", "list_item", "quote")


@rule(
    "P602",
    "long-sentence",
    "info",
    "A sentence has more than `max-words` words.",
    rationale=(
        "Long sentences are the main driver of reading grade and lose readers with limited "
        "literacy; plain-language guidance asks for short sentences with one idea each. Checked "
        "in paragraphs, list items and block quotes (not headings or table cells)."
    ),
    source="NIH Plain Language guidelines; CDC Clear Communication Index; Federal Plain Language Guidelines",
    options={"max-words": Option(25, "most words a sentence may have", min=1)},
    bad=(
        "If you notice new or unusual movements while taking this medicine, which can happen at "
        "higher doses or when it is combined with other drugs that act on the nervous system, "
        "talk to your doctor."
    ),
    good=(
        "Talk to your doctor if you notice new or unusual movements. They are more likely at "
        "higher doses or with other drugs that act on the nervous system."
    ),
    fix="Split the sentence into two or three shorter ones, one idea each.",
)
def long_sentence(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.options["max-words"])
    art = ctx.article
    for block in art.blocks:
        if block.kind not in _PROSE_KINDS:
            continue
        # word counts of the shared sentence rows (counted once per article for P601-P603)
        rows = readability.sentence_rows(ctx.analysis, block)
        if not rows or max(rows[2::4]) <= limit:
            continue  # no sentence of the block is too long
        for start, end, n, _packed in readability.rows_of(rows):
            if n > limit:
                yield ctx.finding(
                    block,
                    start,
                    end,
                    f"sentence of {n} words (limit {limit}): split it into shorter sentences "
                    "with one idea each",
                    words=n,
                )
