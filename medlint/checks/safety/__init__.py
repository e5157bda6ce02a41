"""S2xx: patient safety (FDA/MedlinePlus/NHS medicine wording, HONcode principle 2, safe messaging).

S201 missing-stop-warning, S202 missing-emergency-guidance, S203 unsafe-instruction,
S204 missing-disclaimer, S205 suicide-safe-messaging.

The phrasings live in ``rules/safety.yaml`` as token patterns over lemmas (a small notation
compiled into spaCy ``Matcher`` patterns once per process by :mod:`.patterns`, see the pack's
header); the drug lexicon is ``rules/drugs.tsv`` + ``rules/drugs.yaml`` (:func:`medlint.lexicon.drugs`,
matched by :mod:`medlint.analysis.drugs`).  A rule
declares the pack sections it reads (``needs=Needs(token_sections=patterns.sections(...))``)
and reads their hits from ``ctx.matches.token_hits(block, section)``: what those Matcher
patterns give, found by :mod:`medlint.matching.tokens` with one pass over the article's
token codes (spaCy's Matcher itself only decides the order of two equal spans).
"""
