"""The news helpers of N802, N803, N806, N807, N808: what an article is about, who it quotes;
and the rules stay quiet on the corpus's patient pages, leaflets and review summaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medlint.analysis import Analysis
from medlint.checks.news.sources import (
    AFFILIATED,
    INDEPENDENT,
    UNKNOWN,
    named_speakers,
    speaker_standing,
)
from medlint.checks.news.subjects import subject
from medlint.config import Settings
from medlint.document import parse_article
from tests.helpers import make_linter


def _analysis(text: str) -> Analysis:
    article, _ = parse_article("a.md", text)
    return Analysis(article, Settings(root=Path(".")))


def test_subject_is_what_brings_the_benefit() -> None:
    got = subject(
        _analysis("# Texts ease the stress of chemotherapy\n\nA nasal spray eased pain.\n")
    )
    assert got is not None and got.word == "nasal spray" and got.benefit


def test_subject_without_a_benefit() -> None:
    got = subject(_analysis("# Texts ease the stress of chemotherapy\n\nWomen felt calmer.\n"))
    assert got is not None and got.word == "chemotherapy" and not got.benefit


def test_a_habit_is_no_subject() -> None:
    assert subject(_analysis("# Gardeners sleep better\n\nPeople who garden sleep well.\n")) is None


def test_new_is_a_new_treatment_not_a_new_study() -> None:
    study = subject(_analysis("# Heart news\n\nA new study found that the drug helped.\n"))
    drug = subject(_analysis("# Heart news\n\nA new drug helped, a study found.\n"))
    assert study is not None and not study.new
    assert drug is not None and drug.new


def test_a_product_named_by_its_name_is_a_specific_product() -> None:
    for text in (
        "# Mood news\n\nDoctors tried a drug called lorvadine in 60 adults.\n",
        "# Mood news\n\nThe drug Velarex helped 60 adults.\n",
        "# Mood news\n\nVelarex, a pill taken once a week, helped 60 adults.\n",
        "# Mood news\n\nThe compound, QX-2231, helped 60 adults.\n",
    ):
        got = subject(_analysis(text))
        assert got is not None and got.product, text
    for text in (
        "# Mood news\n\nA class of drugs called mood lifters helped 60 adults.\n",
        "# Mood news\n\nAna Lopes, a nurse who gives the drug, said it helped.\n",
        "# Mood news\n\nDrugs such as SSRIs (SSRIs) helped 60 adults (NSAIDs).\n",
    ):
        got = subject(_analysis(text))
        assert got is not None and not got.product, text


def test_a_feature_story_names_its_drug_after_the_lede() -> None:
    story = (
        "# A second chance with Lorvadine\n\nFor years Ana could not work.\n\n"
        "Her moods swung by the hour.\n\nThen she was given a drug called lorvadine. "
        "Lorvadine helped her sleep again, she said.\n"
    )
    got = subject(_analysis(story))
    assert got is not None and got.word == "Lorvadine" and got.product and got.benefit
    # a habit story that names a drug only further on stays subject-less
    habit = (
        "# Coffee drinkers live longer\n\nPeople who drink coffee live longer.\n\n"
        "They also sleep less.\n\nSome took a drug called lorvadine, which helped.\n"
    )
    assert subject(_analysis(habit)) is None


def test_what_a_drug_is_for_is_no_benefit() -> None:
    got = subject(
        _analysis(
            "# Pills and falls\n\nSleeping pills, prescribed to help "
            "people sleep, were tied to falls.\n"
        )
    )
    assert got is not None and not got.benefit


SPEAKERS = """# Walking helps

"It worked," said Dr. Ana Ruiz, who led the study. Ruiz told Reuters Health the results
were clear. Researchers at a hospital in Leeds said the same. Omar Diaz, a cardiologist
who was not involved in the study, said it was small. Lee Park, a nurse in Ohio, said she
liked it. "It is a first step," said H. Jack West, an oncologist in Seattle.
"""


def test_named_speakers_and_their_standing() -> None:
    a = _analysis(SPEAKERS)
    names = named_speakers(a)
    assert names == ["Ruiz", "Diaz", "Park", "West"]  # not "Reuters", not "Leeds"
    assert speaker_standing(a, "Ruiz") == AFFILIATED
    assert speaker_standing(a, "Diaz") == INDEPENDENT
    assert speaker_standing(a, "Park") == UNKNOWN


SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


@pytest.mark.skipif(not (SHARED / "manifest.json").exists(), reason="../shared corpus absent")
def test_quiet_on_pages_that_are_not_news() -> None:
    items = json.loads((SHARED / "manifest.json").read_text(encoding="utf-8"))["items"]
    other = [i["file"] for i in items if i["kind"] not in ("news story", "news release")]
    assert other
    linter = make_linter(select=["N802", "N803", "N806", "N807", "N808"])
    fired = [(f, x.code) for f in other for x in linter.lint_path(str(SHARED / f)).findings]
    assert fired == []
