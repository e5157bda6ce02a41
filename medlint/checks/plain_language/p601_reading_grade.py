"""P601 reading-grade: the article's prose reads above the target grade level."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis import readability
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule


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
        "max-grade": Option(
            8.0, "highest acceptable grade level (6 is the stricter AMA target)", min=0, max=100
        ),
        "formula": Option(
            "flesch-kincaid",
            "grade formula compared with max-grade",
            choices=tuple(readability.FORMULAS),
        ),
        "min-words": Option(
            100,
            "articles with fewer words of prose are not graded (grades are unstable)",
            min=0,
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
    values = readability.grades(ctx.analysis)
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
    hardest = readability.hardest_sentences(ctx.analysis, 3)
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
