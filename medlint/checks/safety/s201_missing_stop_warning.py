"""S201 missing-stop-warning: an article about a medicine should say not to stop it alone."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis.drugs import DrugInfo, drug_lexicon, drug_mentions, subject_candidates
from medlint.checks.safety import patterns
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, tokens
from medlint.registry import Option, rule


@rule(
    "S201",
    "missing-stop-warning",
    "error",
    "An article about a medicine never says not to stop or change it without a clinician.",
    rationale=(
        "Stopping some medicines suddenly is dangerous: antiepileptics and gabapentinoids "
        "(seizures), benzodiazepines (withdrawal seizures; FDA boxed warning 2020), opioids (FDA "
        "2019), beta blockers (angina, heart attack; boxed warning), clonidine (rebound high "
        "blood pressure), corticosteroids (adrenal crisis; NHS Steroid Emergency Card), "
        "antidepressants, antipsychotics, baclofen, anticoagulants. Patient information from "
        "MedlinePlus, the NHS and EU package leaflets always says 'Do not stop taking … without "
        "talking to your doctor'; a consumer article about the medicine should too. The article "
        "is about a medicine when one is named in the title or first heading, or when one drug "
        "dominates the body (named in at least `min-mentions` sentences and in most of the "
        "article's drug mentions); a class of medicines ('blood thinners', 'statins') counts "
        "like a drug in the title, and in the body when no single drug dominates. Drug lexicon: rules/drugs.tsv and rules/drugs.yaml, built from MedlinePlus drug "
        "monographs; single-dose, as-needed and clinician-given medicines are exempt, as "
        "is an article whose title places the medicine in clinicians' hands (around an "
        "operation or birth, in hospital, for newborns: rules/safety.yaml, clinician-given) "
        "and a medicine called experimental or not yet approved (rules/safety.yaml, "
        "investigational) in a sentence that names it."
    ),
    source=(
        "FDA Drug Safety Communications (benzodiazepines 2020, opioids 2019); MedlinePlus drug "
        "information; NHS medicines A-Z; EU package leaflet template (QRD)"
    ),
    options={
        "min-mentions": Option(
            3,
            "different body sentences naming one drug that make it the article's subject "
            "(when no drug is named in the title or first heading)",
            min=1,
        ),
        "min-class-mentions": Option(
            8,
            "different body sentences naming a class of medicines ('beta blockers') that make "
            "it the subject when no single drug is",
            min=1,
        ),
        "min-share": Option(
            0.5,
            "share of the article's drug mentions (each drug counted once per sentence) that "
            "must be the subject drug, so a drug listed among several is not the topic",
            min=0.0,
            max=1.0,
        ),
        "min-article-share": Option(
            0.05,
            "share of all sentences that must name the subject drug, so a drug named in one "
            "section of a long page is not the topic",
            min=0.0,
            max=1.0,
        ),
    },
    bad="# Starting sertraline\n\nSertraline is an SSRI… (no word on stopping it safely)",
    good=(
        "# Starting sertraline\n\nDo not stop taking sertraline or change your dose without "
        "talking to your doctor."
    ),
    fix=(
        "Add a sentence such as 'Do not stop taking X or change your dose without talking to "
        "your doctor; stopping suddenly can …'."
    ),
    needs=Needs(
        token_sections=patterns.sections("stop-warning", "investigational", "clinician-given")
    ),
)
def missing_stop_warning(ctx: Context) -> Iterator[Finding]:
    min_mentions = max(1, int(ctx.options["min-mentions"]))
    lex = drug_lexicon()
    cands = [
        (g, m, t)
        for g, m, t in subject_candidates(
            ctx.analysis,
            min_mentions,
            float(ctx.options["min-share"]),
            float(ctx.options["min-article-share"]),
            max(1, int(ctx.options["min-class-mentions"])),
        )
        if lex.info.get(g, DrugInfo(g)).stop_warning and not _investigational(ctx, g)
    ]
    if not cands or _given_by_clinicians(ctx):
        return
    if ctx.matches.first_token_hit("stop-warning") is not None:
        return
    # name a single drug with a known discontinuation risk first
    cands.sort(
        key=lambda c: (lex.info[c[0]].class_term, lex.info[c[0]].drug_class is None, not c[2])
    )
    generic, mention, titled = cands[0]
    info = lex.info[generic]
    same = mention.text.lower() == generic or info.class_term
    shown = generic if same else f"{mention.text} ({generic})"
    where = "named in the title" if titled else "named in many of its sentences"
    risk = ""
    if info.drug_class and info.drug_class in lex.classes:
        cls = lex.classes[info.drug_class]
        label = cls.get("label", info.drug_class)
        risk = f"; the drug list files it as {label}: {cls.get('risk', '')}".rstrip(": ")
    name = generic if same else mention.text
    yield ctx.article_finding(
        f"the article is about {shown} ({where}) but never tells readers not to stop or change it "
        f"without their doctor{risk}; add e.g. 'Do not stop taking {name} or change your dose "
        "without talking to your doctor.'",
        drug=generic,
        drug_class=info.drug_class,
    )


def _given_by_clinicians(ctx: Context) -> bool:
    """Does the title or first heading place the medicine in clinicians' hands?"""
    heads = [ctx.article.title_block]
    heads.append(next((b for b in ctx.analysis.body_blocks if b.kind == "heading"), None))
    return any(b is not None and ctx.matches.token_hits(b, "clinician-given") for b in heads)


def _investigational(ctx: Context, generic: str) -> bool:
    """Is the drug called experimental or unapproved in a sentence (or title) naming it?"""
    analysis = ctx.analysis
    for m in drug_mentions(analysis):
        if m.generic != generic:
            continue
        found = ctx.matches.token_hits(m.block, "investigational")
        if not found:
            continue
        view = tokens.block_view(analysis, m.block)
        sent = view.sents[view.sent_index(m.start)]
        if any(h.within(sent) for h in found):
            return True
    return False
