"""medlint's Vale engine: Vale configurations (``.vale.ini``) and styles loaded unchanged,
run with Vale's semantics on medlint's document model (docs/vale.md).

ini.py (configuration), styles.py (rule files), vocab.py (vocabularies), scopes.py (Vale
scopes on medlint blocks), casing.py (title and sentence case), patterns.py (regexes and
messages as Vale builds them), model.py (units, hits, alerts, the rule base class), rules/
(one module per rule type), lint.py (the engine), registration.py (Vale rules as medlint
``Style.Rule`` rules).
"""
