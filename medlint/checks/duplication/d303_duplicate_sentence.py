"""D303: a sentence repeats an earlier one, outside a duplicated paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis.sentence_repeats import repeating_sentences
from medlint.checks.duplication.paragraphs import (
    SENT_KINDS,
    NearParams,
    exact_duplicates,
    near_duplicates,
)
from medlint.checks.duplication.sentence_copies import SentenceCopies
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule


@rule(
    "D303",
    "duplicate-sentence",
    "warning",
    "A sentence of 6 or more words repeats an earlier one, outside a duplicated paragraph.",
    rationale=(
        "A sentence that appears twice is usually a copy-paste slip or a list scraped twice "
        "(once as bullets, once flattened into the next paragraph). Whole repeated paragraphs "
        "are reported by D301/D302 instead."
    ),
    source="Editorial quality; DISCERN (Charnock et al., 1999) Q1-Q2",
    options={
        "min-words": Option(6, "shorter sentences are not compared", min=1),
        "paragraph-threshold": Option(
            0.85,
            "a paragraph at least this similar to an earlier one (word-shingle Jaccard) is a "
            "duplicated paragraph: its sentences are not reported",
            min=0.1,
            max=1.0,
        ),
    },
    bad="Take it with food. Do not drive if it makes you drowsy. … Do not drive if it makes you drowsy.",
    good="Take it with food. Do not drive if it makes you drowsy.",
    fix="Delete the repeated sentence or reword one of them.",
)
def duplicate_sentence(ctx: Context) -> Iterator[Finding]:
    """Every repeated sentence of ``min-words`` words or more, each its own finding.

    A repeat is the same words as an earlier sentence, or as an earlier sentence's tail
    after a glued heading or list ("Risk factors People with …"), or the reverse.  It is
    not reported inside a duplicated paragraph (exact, or near at ``paragraph-threshold``:
    D301/D302), for a list item repeated in another list (lists repeat items by design;
    a block that is nothing but the one sentence is an item of a list of its own), when
    some two copies sit in a template, i.e. next to similar but different sentences
    ("… 500 mg tablets. The score line …" / "… 750 mg tablets. The score line …"), when
    it ends two neighbouring blocks that start differently (parallel instructions: "If it
    is 12 hours or more …, take it now. Then take your next dose at the usual time." /
    "If it is less than 12 hours …, skip it. Then take …"), or for the rest of a sentence
    cut after an abbreviation ("… twice a day, e.g. | 1 in the morning and 1 at night.")
    unless the sentence's start repeats too.
    """
    min_words = int(ctx.options["min-words"])
    # Only a sentence of min-words words or more whose words repeat an earlier sentence's
    # can be reported: without one, stop here.
    per_block = repeating_sentences(ctx.analysis, min_words, SENT_KINDS)
    if per_block is None:
        return
    skip = set(exact_duplicates(ctx.analysis, min_words))
    near = NearParams(float(ctx.options["paragraph-threshold"]), 3, max(min_words, 1))
    skip |= set(near_duplicates(ctx.analysis, near))
    art = ctx.article
    sents = SentenceCopies(ctx.analysis, per_block, min_words, skip)
    for lo, hi in sents.runs():
        if sents.in_template(lo, hi) or sents.parallel_ending(lo, hi):
            continue
        for k in range(lo, hi + 1):
            if not sents.reported(k):
                continue
            original = sents.orig_of[k]
            line = art.line_of(sents.block(original).src_offset(sents.start(original)))
            yield ctx.finding(
                sents.block(k),
                sents.start(k),
                sents.end(k),
                f"this sentence repeats the one on line {line}; delete the repeat",
            )
