"""C401-C406: frequency words, attribution, absolute claims, hype (medlint/checks/claims/)."""

from __future__ import annotations

import pytest

from tests.helpers import lint


def _md(body: str) -> str:
    return f"# Title\n\n{body}\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no cure for eczema.",
        "Moisturisers do not cure eczema.",
        "No medicine is completely safe.",
        "There are no guaranteed results.",
        "Steroid creams don't cure eczema.",
        "Nothing is risk-free.",
        "Scientists hope the drug may cure eczema one day.",
        "The search for a cure goes on.",
        "Some websites claim that coconut oil cures eczema.",
        "Is there a cure for eczema?",
        "Whether it cures eczema is not known.",
        "The so-called miracle cream is sold online.",
    ],
)
def test_c404_negated_or_hedged(sentence: str) -> None:
    assert [f.code for f in lint(_md(sentence), select=["C404"])] == []


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("This cream cures eczema.", "cures"),
        ("Our cream is completely safe for babies.", "completely safe"),
        ("It has no side effects at all.", "no side effects"),
        ("The cream is clinically proven to work.", "clinically proven"),
        ("Results are guaranteed within a week.", "guaranteed"),
        ("It works for everyone.", "works for everyone"),
    ],
)
def test_c404_fires(sentence: str, word: str) -> None:
    found = lint(_md(sentence), select=["C404"])
    assert [f.code for f in found] == ["C404"]
    assert f"'{word}'" in found[0].message


def test_c404_uses_token_context_not_substrings() -> None:
    # "no" far away in another clause does not cancel the claim
    text = _md("There is no queue at the pharmacy; this cream cures eczema.")
    assert [f.code for f in lint(text, select=["C404"])] == ["C404"]
    # "know" contains "no" but is not a negation
    text = _md("We know this cream cures eczema.")
    assert [f.code for f in lint(text, select=["C404"])] == ["C404"]


def test_c406_hedge_does_not_cancel_hype_but_negation_does() -> None:
    assert [f.code for f in lint(_md("It could be a breakthrough."), select=["C406"])] == ["C406"]
    assert lint(_md("It is not a breakthrough."), select=["C406"]) == []
    assert lint(_md("Breakthrough pain needs a fast-acting dose."), select=["C406"]) == []


def test_c404_and_c406_do_not_double_report_miracle_cure() -> None:
    # SPEC section 3: "miracle" is an absolute claim (C404); only "miracle drug" is hype (C406)
    found = lint(_md("A miracle cure for baldness."), select=["C404", "C406"])
    assert [f.code for f in found] == ["C404"]
    found = lint(_md("A new miracle drug for baldness."), select=["C404", "C406"])
    assert [f.code for f in found] == ["C406"]


def test_c402_message_names_the_band() -> None:
    found = lint(_md("Dizziness is a rare side effect (3% of patients)."), select=["C402"])
    assert len(found) == 1
    assert "3% is 'common' (1/100 to 1/10)" in found[0].message
    assert "'rare' means 1/10,000 to 1/1,000" in found[0].message


def test_c402_natural_frequency() -> None:
    found = lint(_md("Rash is an uncommon side effect, seen in 1 in 5 people."), select=["C402"])
    assert len(found) == 1
    assert "1 in 5 (20%) is 'very common'" in found[0].message


def test_c401_and_c402_do_not_overlap() -> None:
    text = _md("Dizziness is a rare side effect (3% of patients).")
    codes = [f.code for f in lint(text, select=["C401", "C402"])]
    assert codes == ["C402"]


def test_c401_message_gives_the_cioms_meaning() -> None:
    found = lint(_md("Hair loss is an uncommon side effect."), select=["C401"])
    assert len(found) == 1
    assert "'uncommon' means 1/1,000 to 1/100" in found[0].message


def test_c403_next_sentence_in_the_next_paragraph() -> None:
    text = "# Sleep\n\nResearch suggests that naps help.\n\nThe study appeared in Sleep Medicine [2].\n"
    assert lint(text, select=["C403"]) == []


def test_c403_news_lede_sourced_later() -> None:
    text = (
        "# Naps and memory\n\n"
        "A short nap improves memory in older adults, new research suggests.\n\n"
        "Eighty volunteers took part.\n\n"
        "Each group slept for a different time.\n\n"
        "The results were published in the journal Sleep.\n"
    )
    assert lint(text, select=["C403"]) == []


def test_c405_is_one_article_finding() -> None:
    text = _md("Studies show naps help. Research suggests they improve mood. Experts agree.")
    found = lint(text, select=["C405"])
    assert [(f.code, f.line) for f in found] == [("C405", 1)]
    assert "'Studies show' (line 3)" in found[0].message


def test_page_chrome_is_read_from_the_artifacts_pack() -> None:
    from medlint.analysis.page_chrome import in_page_chrome

    assert in_page_chrome("RELATED: The most common asthma symptoms in children")
    assert not in_page_chrome("Asthma is common in children who have eczema.")
