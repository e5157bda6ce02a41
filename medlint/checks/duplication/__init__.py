"""Duplication (D301-D303): repeated paragraphs, near-copied paragraphs, repeated sentences.

Editorial quality; DISCERN (Charnock et al., 1999) questions 1-2.  The shared paragraph
comparison is in ``paragraphs``; normalised words, shingles and the early exits that let
most articles skip the comparisons are in ``medlint.analysis`` (``words``, ``shingles``,
``sentence_repeats``).
"""
