"""Scraping damage (D304-D305): web-page chrome left in the text, words fused at a lost line
break.

Editorial quality; HONcode principle 8 (honesty in presentation); publisher style guides.
Both rules offer fixes.  Phrase lists: rules/artifacts.yaml, rules/camelcase-allowlist.yaml.
"""
