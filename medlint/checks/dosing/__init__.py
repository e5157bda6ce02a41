"""Medication and dose style, M701–M707 (ISMP error-prone list; TJC "Do Not Use" list).

M701 error-prone-abbreviation, M702 trailing-zero, M703 missing-leading-zero, M704
dose-unit-format, M705 dose-symbol, M706 abbreviated-drug-name, M707
large-dose-without-commas.

Every rule reads the packs ``rules/units.yaml`` (units, dose words, dosing verbs),
``rules/ismp.yaml`` (M701) and ``rules/drug-abbreviations.yaml`` (M706).  Patterns are
compiled once per process (``packs.pack_cache``: rebuilt when user packs change).  Code is never
in a block; URLs inside the text are skipped.  Shared helpers: ``units`` (the dose and unit
patterns, digit blocks, URL spans) and ``sentences`` (the dosing context of a sentence).
"""
