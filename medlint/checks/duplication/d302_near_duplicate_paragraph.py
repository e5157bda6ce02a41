"""D302: two paragraphs are near copies."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.duplication.paragraphs import NearParams, near_duplicates
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule


@rule(
    "D302",
    "near-duplicate-paragraph",
    "warning",
    "Two paragraphs are near copies (word-shingle similarity at or above `threshold`).",
    rationale=(
        "Near copies usually come from a scrape that caught both a teaser and the full text, or "
        "an edit that pasted a paragraph twice and changed a word. Similarity is the Jaccard "
        "index of word shingles after normalising case and punctuation."
    ),
    source="Editorial quality; DISCERN (Charnock et al., 1999) Q1-Q2",
    options={
        "threshold": Option(0.85, "Jaccard similarity of word shingles, 0 to 1", min=0.1, max=1.0),
        "shingle-size": Option(3, "words per shingle", min=1, max=10),
        "min-words": Option(8, "paragraphs shorter than this many words are not compared", min=1),
    },
    bad=(
        "Take the tablets with a meal or a snack so that they are less likely to upset your "
        "stomach. Swallow them whole with a glass of water, and do not crush or chew them, "
        "because the coating lets the medicine out slowly over the day.\n\n"
        "Take the tablets with a meal or a snack so that they are less likely to upset your "
        "stomach. Swallow them whole with a glass of water, and do not crush or chew them, "
        "because the coating lets the medicine out gently over the day."
    ),
    good=(
        "Take the tablets with a meal or a snack so that they are less likely to upset your "
        "stomach.\n\nStore the tablets below 25 °C, away from children."
    ),
    fix="Merge the two paragraphs into one, or delete the copy.",
)
def near_duplicate_paragraph(ctx: Context) -> Iterator[Finding]:
    opts = ctx.options
    params = NearParams(float(opts["threshold"]), int(opts["shingle-size"]), int(opts["min-words"]))
    near = near_duplicates(ctx.analysis, params)
    art = ctx.article
    blocks = art.blocks
    for idx, (first, sim) in sorted(near.items()):
        block = blocks[idx]
        line = art.line_of(blocks[first].src_start)
        yield ctx.finding(
            block,
            0,
            len(block.text),
            f"this paragraph is a near copy ({sim:.0%} similar) of the one on line "
            f"{line}; merge them or delete one",
        )
