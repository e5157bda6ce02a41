"""P601–P603: reading grade, long sentences, long paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis import readability
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule

_PROSE_KINDS = ("paragraph", "list_item", "quote")


@rule(
    "P601",
    "reading-grade",
    "warning",
    "The article's prose reads above the target grade level (Flesch–Kincaid by default).",
    rationale=(
        "Patient materials should be written at or below grade 6–8: the AMA recommends grade 6, "
        "NIH below grade 8, HHS/CMS no higher than grade 7–8 (4–6 for medication instructions). "
        "The grade is measured on the article's prose: paragraphs, block quotes and list items "
        "that are full sentences. Titles, headings, front matter values, table cells and list "
        "fragments are left out (the formulas assume running sentences) and code is never read. "
        "Syllables are counted offline and deterministically (no dictionary download). The "
        "message gives the Flesch–Kincaid and SMOG grades (SMOG usually reads 2–3 grades higher) "
        "and the lines of the three hardest sentences."
    ),
    source=(
        "AMA and NIH readability recommendations for patient education materials; HHS/CMS "
        "Toolkit for Making Written Material Clear and Effective; McLaughlin 1969 (SMOG); "
        "Kincaid et al. 1975 (Flesch–Kincaid)"
    ),
    options={
        "max-grade": Option(8.0, "highest acceptable grade level (6 is the stricter AMA target)"),
        "formula": Option(
            "flesch-kincaid",
            "grade formula compared with max-grade",
            choices=tuple(readability.FORMULAS),
        ),
        "min-words": Option(
            100, "articles with fewer words of prose are not graded (grades are unstable)"
        ),
    },
    bad=(
        "Gabapentin's pharmacological mechanism involves modulation of voltage-gated calcium "
        "channels, consequently attenuating excitatory neurotransmission. (… 100+ words like it)"
    ),
    good="Gabapentin calms overactive nerves. It can ease nerve pain and help prevent seizures.",
    fix=(
        "Shorten the hardest sentences (one idea each) and swap long words for everyday ones; "
        "start with the lines the message names."
    ),
)
def reading_grade(ctx: Context) -> Iterator[Finding]:
    values = readability.grades(ctx.article)
    if int(values["words"]) < int(ctx.options["min-words"]):
        return
    formula = str(ctx.options["formula"])
    limit = float(ctx.options["max-grade"])
    score = readability.grade(values, formula)
    if score <= limit:
        return
    fk = float(values["flesch_kincaid"])
    smog = float(values["smog"])
    name = readability.FORMULA_NAMES[formula]
    if formula == "flesch-kincaid":
        measured = f"Flesch–Kincaid grade {fk:.1f} (SMOG {smog:.1f})"
    elif formula == "smog":
        measured = f"SMOG grade {smog:.1f} (Flesch–Kincaid {fk:.1f})"
    else:
        measured = f"{name} grade {score:.1f} (Flesch–Kincaid {fk:.1f}, SMOG {smog:.1f})"
    hardest = readability.hardest_sentences(ctx.article, 3)
    lines = sorted({s.line for s in hardest})
    where = (
        f"; hardest sentences on line{'s' if len(lines) > 1 else ''} "
        + ", ".join(str(n) for n in lines)
        if lines
        else ""
    )
    yield ctx.article_finding(
        f"reads at {measured}, above the target of grade {limit:g}{where}: split long sentences "
        "and use shorter, everyday words",
        grade=score,
        flesch_kincaid=fk,
        smog=smog,
    )


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
    options={"max-words": Option(25, "most words a sentence may have")},
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
        rows = readability.sentence_rows(art, block)
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
        "max-sentences": Option(5, "most sentences a paragraph may have"),
        "max-words": Option(150, "most words a paragraph may have"),
    },
    bad="A paragraph of eight sentences covering uses, dosing, side effects and warnings.",
    good="Four short paragraphs under the headings Uses, Dosing, Side effects and Warnings.",
    fix="Break the paragraph into shorter ones, one topic each, or turn a series into a list.",
)
def long_paragraph(ctx: Context) -> Iterator[Finding]:
    max_sents = int(ctx.options["max-sentences"])
    max_words = int(ctx.options["max-words"])
    for block in ctx.article.blocks:
        if block.kind != "paragraph":
            continue
        n_words = readability.block_word_count(ctx.article, block)
        if n_words <= max_words and n_words <= max_sents:
            continue
        # sentences with at least one word, from the shared sentence rows
        counts = readability.sentence_rows(ctx.article, block)[2::4]
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
