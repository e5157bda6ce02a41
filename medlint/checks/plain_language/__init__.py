"""Plain language and readability, P601–P606.

P601 reading-grade, P602 long-sentence, P603 long-paragraph (the readability counts and
formulas are ``medlint.analysis.readability``), P604 medical-jargon, P605
undefined-abbreviation, P606 stigmatizing-language.  Standards: AMA/NIH/HHS readability
targets, NIH Plain Language guidelines, CDC Clear Communication Index and Plain Language
Thesaurus, AMA Manual of Style, NIDA "Words Matter", safe-messaging guidelines.  Shared
helpers: ``typography`` (quoted words, text set in capitals), ``language`` (is a block
English), ``jargon`` (the jargon pack), ``abbreviations`` (abbreviation candidates and the
allowlists) and ``definitions`` (where an abbreviation is spelled out).
"""
