"""D301: a paragraph repeats an earlier one."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.duplication.paragraphs import exact_duplicates
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule


@rule(
    "D301",
    "duplicate-paragraph",
    "error",
    "A paragraph repeats an earlier one (ignoring case, whitespace and punctuation).",
    rationale=(
        "Repeated paragraphs are a sign of a bad scrape or CMS merge; they make an article "
        "longer and tell readers it was not edited. Editorial hygiene; DISCERN questions 1-2 "
        "(clear aims, achieved). Questions and other paragraphs that do not end in a period "
        "are compared too; only a short, label-like block (a dose-table row, an "
        "'Uncommon:' subheading) repeated beside similar but different blocks is taken for "
        "a template."
    ),
    source="Editorial quality; DISCERN (Charnock et al., 1999) Q1-Q2",
    options={
        "min-words": Option(6, "paragraphs shorter than this many words are not compared", min=1)
    },
    bad=(
        "Gabapentin treats nerve pain and some kinds of seizures.\n\n"
        "Take it with or without food.\n\n"
        "Gabapentin treats nerve pain and some kinds of seizures."
    ),
    good=(
        "Gabapentin treats nerve pain and some kinds of seizures.\n\nTake it with or without food."
    ),
    fix="Delete the repeated paragraph (keep the first occurrence).",
)
def duplicate_paragraph(ctx: Context) -> Iterator[Finding]:
    dups = exact_duplicates(ctx.analysis, int(ctx.options["min-words"]))
    art = ctx.article
    blocks = art.blocks
    for idx, first in sorted(dups.items()):
        block = blocks[idx]
        line = art.line_of(blocks[first].src_start)
        yield ctx.finding(
            block,
            0,
            len(block.text),
            f"this paragraph repeats the one on line {line}; delete this copy",
        )
