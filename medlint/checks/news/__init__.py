"""N8xx: news and evidence reporting (HealthNewsReview.org's review criteria).

HealthNewsReview.org (2006–2018) rated about 3,000 health news stories and news releases
against ten criteria.  The N rules check the ones a linter can read in the text:

N801 relative-effect-only (criterion 2, "quantify the benefits": absolute, not only
relative, numbers), N802 harms-not-mentioned (criterion 3, harms), N803 cost-not-mentioned
(criterion 1, costs), N804 study-type-not-signalled (criterion 4, "the quality of the
evidence": animal, lab and preliminary results), N805 causal-claim-from-association
(criterion 4: observational findings told as cause and effect), N806 funding-not-disclosed
(criterion 6, conflicts of interest), N807 no-independent-source (criterion 6, independent
sources), N808 availability-not-stated (criterion 8, availability).

They apply to news stories and news releases only: every rule first reads
``medlint.analysis.article_kind.article_kind(ctx.analysis)`` and stays quiet unless
``.is_news`` (front matter ``kind:``/``type:``, the config's ``kinds`` globs, or the text;
undecided articles are left alone).  Helper modules, named after what they hold:
``sentences`` (the sentences of an article with their blocks, the title and the lede),
``effects`` (N801: relative changes of a risk and the absolute figures that answer them),
``studies`` (N804: what study the article is about: animal, lab or preliminary), and
``causation`` (N805: association wording and causal verbs).  Word lists live in
rules/news.yaml, one section per question.
"""
