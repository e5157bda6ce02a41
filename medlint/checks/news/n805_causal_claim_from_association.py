"""N805 causal-claim-from-association: causal verbs ("causes", "prevents", "cuts the risk")
describe a finding the article itself calls observational, an association or a link."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis.article_kind import article_kind
from medlint.checks.news.causation import (
    about_finding,
    association_evidence,
    causal_claims,
    reports_trial_here,
)
from medlint.checks.news.sentences import news_sentences
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule


@rule(
    "N805",
    "causal-claim-from-association",
    "warning",
    "Causal verbs ('causes', 'prevents', 'cuts the risk', 'protects against') describe a "
    "finding the article itself calls observational, an association or a link.",
    rationale=(
        "An observational study compares people who happened to do something with people "
        "who did not; it can show that two things go together, not that one causes the "
        "other. HealthNewsReview.org criterion 4 ('Does the story adequately discuss the "
        "quality of the evidence?') and its primer 'Does the language fit the evidence? "
        "Association versus causation' mark down stories that report such findings with "
        "'cuts', 'prevents' or 'protects'. Applies to news stories and news releases "
        "(docs/news.md). Words: rules/news.yaml (association)."
    ),
    source="HealthNewsReview.org criterion 4 and primer 'Association versus causation'",
    bad=(
        "# Coffee protects against liver disease\n\n"
        "Drinking coffee protects against liver disease, researchers said on Monday.\n\n"
        "In the observational study, published in the journal Hepatology, people who "
        "drank three cups a day were less likely to be diagnosed with liver disease, said "
        "Dr. Mia Chen, who led the work."
    ),
    good=(
        "# Coffee drinkers have less liver disease\n\n"
        "Coffee drinking is linked to less liver disease, researchers said on Monday.\n\n"
        "In the observational study, published in the journal Hepatology, people who "
        "drank three cups a day were less likely to be diagnosed with liver disease, said "
        "Dr. Mia Chen, who led the work."
    ),
    options={
        "hedged": Option(
            True,
            "also report hedged causal claims ('may lower the risk', 'could protect'): "
            "HealthNewsReview's primer counts them as causal language; false reports only "
            "unhedged claims",
        )
    },
    fix=(
        "Describe the finding as what it is: 'is linked to', 'was associated with', "
        "'people who … had a lower risk'; and say that the study cannot show cause and "
        "effect."
    ),
)
def causal_claim_from_association(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    if not article_kind(analysis).is_news:
        return
    evidence = association_evidence(analysis)
    if not evidence.sentences:
        return
    with_association = evidence.blocks()
    first = evidence.sentences[0]
    line = ctx.article.line_of(first.block.src_offset(first.start))
    words = evidence.words
    cue = f"'{words}', line {line}" if len(words.split()) <= 6 else f"line {line}"
    for sent in news_sentences(analysis):
        index = sent.block.index
        if evidence.trial and (index not in with_association or reports_trial_here(sent)):
            continue  # the article reports a trial too: the claim may be about the trial
        if not sent.in_title and index not in with_association and not about_finding(sent):
            continue  # background ("because the condition raises the risk of stroke")
        claims = causal_claims(sent.text, hedged=bool(ctx.options["hedged"]))
        if not claims:
            continue
        a, b = claims[0]
        yield ctx.finding(
            sent.block,
            sent.start + a,
            sent.start + b,
            f"'{sent.text[a:b]}' states cause and effect, but the article reports an "
            f"observational finding ({cue}): write 'is linked to' or 'was associated with', "
            "or say the study cannot show cause and effect",
        )
