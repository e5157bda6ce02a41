"""C4xx: claims and evidence (HealthNewsReview criteria; HONcode justifiability).

C401 unsupported-frequency-claim, C402 frequency-number-mismatch (CIOMS III / EU SmPC
frequency bands), C403 vague-attribution, C404 absolute-claim, C405 missing-sources,
C406 hype-language.

All rules read the article's shared spaCy Docs (``ctx.analysis.doc(block)``), the
declared phrase lists through ``ctx.matches`` and the shared evidence
(``ctx.analysis.evidence``: citations, named sources, stated rates).  What the rules
share: ``clauses`` (clause windows around a match, questions, names), ``hedging``
(negation and hedge windows), ``wordlists`` (pack word lists), ``frequency`` (C401/C402),
``attribution`` (C403/C405) and ``terms`` (C404/C406); C401's own helpers are
``effect_claims`` and ``quantity_claims`` (is the word about an effect?) and
``claim_support`` (is there a rate or a citation for it?).  Word lists live in
rules/frequency.yaml, rules/attribution.yaml, rules/absolute-claims.yaml and
rules/hype.yaml.
"""
