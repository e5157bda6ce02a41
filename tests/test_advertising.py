"""A501 promotional-content (medlint/checks/advertising/)."""

from __future__ import annotations

from medlint.checks.advertising.wordlists import drug_names
from tests.helpers import lint


def test_brand_finding_points_at_the_first_mention_and_lists_lines() -> None:
    text = (
        "# Colds\n\n"
        "Rest helps. PillPal.com ships cold remedies.\n\n"
        "Order at PillPal.com. PillPal's pharmacists answer questions.\n"
    )
    found = [f for f in lint(text, select=["A501"]) if "brand" in f.message]
    assert [(f.line, f.column) for f in found] == [(3, 13)]
    assert "named 3 times (lines 3, 5)" in found[0].message


def test_one_call_to_action_finding_per_sentence() -> None:
    text = "# Colds\n\nPillPal.com offers affordable, convenient delivery 24/7.\n"
    found = [f for f in lint(text, select=["A501"]) if "call to action" in f.message]
    assert len(found) == 1
    assert "'affordable', 'convenient', '24/7'" in found[0].message


def test_disclosure_in_front_matter() -> None:
    text = "---\nsponsored: true\n---\n# Colds\n\nUse code COLD10 for 10% off at PillPal.com.\n"
    assert lint(text, select=["A501"]) == []


def test_disclosure_sentence() -> None:
    text = "# Colds\n\nWe may earn a commission from links on this page. Use code COLD10 today.\n"
    assert lint(text, select=["A501"]) == []


def test_drug_lexicon_is_read_if_present() -> None:
    names = drug_names()
    # the drug pack is optional: when it is installed, its generic names are not brands
    if names:
        assert "gabapentin" in names
