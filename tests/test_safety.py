"""S2xx safety rules: drug lexicon, pattern notation, subject detection, seed acceptance."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medlint import packs
from medlint.analysis import Analysis, drugs
from medlint.checks.safety import patterns
from medlint.config import Settings
from medlint.document import parse_article
from medlint.matching import tokens
from tests.helpers import codes, lint, make_linter

SEED = "seed/gabapentin-involuntary-movements.txt"
REVIEW_AND_SAFETY = ["R101", "R102", "R103", "R104", "R105", "R106", "S201", "S202"]


def test_drug_lexicon_is_large_and_classified() -> None:
    lex = drugs.drug_lexicon()
    assert len(lex.info) >= 500
    assert lex.info["gabapentin"].drug_class == "gabapentinoid"
    assert lex.info["cannabidiol"].drug_class == "antiepileptic"
    assert lex.info["sertraline"].drug_class == "antidepressant"
    assert lex.info["metoprolol"].drug_class == "beta-blocker"
    assert lex.info["acetaminophen"].stop_warning is False
    assert any(g == "sertraline" for toks, g in lex.first["zoloft"])
    for key in ("antiepileptic", "benzodiazepine", "opioid", "corticosteroid", "baclofen"):
        assert lex.classes[key]["label"] and lex.classes[key]["risk"]


def test_every_pack_pattern_compiles() -> None:
    data = packs.load("safety")
    for section, items in data.items():
        if section in ("vocab", "irregular", "instruction", "outcome-words", "uninflected"):
            continue
        pats = patterns.section_patterns(section)
        assert len(pats) == len(items), section
        for (pat,) in pats.values():
            assert pat and all(isinstance(slot, dict) for slot in pat)


def test_pattern_notation() -> None:
    vocab = {"NEG": ["not", "=n't"]}
    pat = patterns.compile_pattern("NEG _{0,3} stop|quit =911?", vocab)
    assert {"not", "n't"} <= set(pat[0]["LEMMA"]["IN"])
    assert pat[1] == {"IS_SENT_START": False, "OP": "{0,3}"}
    assert "stopping" in pat[2]["LEMMA"]["IN"] and "quits" in pat[2]["LEMMA"]["IN"]
    assert pat[3] == {"LOWER": {"IN": ["911"]}, "IS_SENT_START": False, "OP": "?"}
    with pytest.raises(packs.PackError):
        patterns.compile_pattern("NOSUCHCLASS stop", vocab)


def _article(text: str, name: str = "a.md") -> Analysis:
    article, _ = parse_article(name, text)
    return Analysis(article, Settings())


def test_medication_subject() -> None:
    assert drugs.medication_subject(_article("# Taking Zoloft\n\nIt helps.\n")) == "sertraline"
    text = "# Sleep\n\nMetoprolol is one. Metoprolol is two. Metoprolol is three.\n"
    assert drugs.medication_subject(_article(text)) == "metoprolol"
    once = "# Sleep better\n\nKeep a routine. Some people try zolpidem. Cut caffeine.\n"
    assert drugs.medication_subject(_article(once)) is None


def test_s201_message_names_the_class() -> None:
    found = lint("# Coming off clonazepam\n\nClonazepam helps panic.\n", select=["S201"])
    assert codes(found) == ["S201"]
    assert "benzodiazepine" in found[0].message and "clonazepam" in found[0].message


def test_stop_warning_phrasings() -> None:
    ok = [
        "Do not stop taking it without talking to your doctor.",
        "Never change your dose without professional guidance.",
        "Talk to your prescriber before you stop.",
        "Ask your doctor before stopping.",
        "Your doctor will help you taper.",
        "Don't suddenly stop taking it.",
        "Keep taking it even if you feel well.",
        "Before you stop, check with your pharmacist.",
        "If you want to stop taking it, talk to your doctor first.",
    ]
    for sentence in ok:
        text = f"# Starting sertraline\n\nSertraline helps. {sentence}\n"
        assert "S201" not in codes(lint(text, select=["S201"])), sentence


def test_s203_safe_advice_does_not_fire() -> None:
    safe = [
        "Do not double the dose to make up for a missed one.",
        "Your doctor may tell you to stop.",
        "Do not stop taking it without talking to your doctor.",
    ]
    for sentence in safe:
        assert not lint(f"# Doses\n\n{sentence}\n", select=["S203"]), sentence
    assert codes(
        lint("# Doses\n\nStop taking gabapentin if you feel dizzy.\n", select=["S203"])
    ) == ["S203"]


def test_hits_are_cached_per_block() -> None:
    article, _ = parse_article("a.md", "# T\n\nCall 911 now.\n")
    analysis = Analysis(article, Settings())
    block = article.blocks[-1]
    (section,) = patterns.sections("emergency-guidance")
    first = tokens.hits(analysis, block, section)
    assert first and tokens.hits(analysis, block, section) is first


# -- the seed article (the project's first acceptance case) ----------------------------


def _seed_findings(path: Path, today: str) -> list[str]:
    linter = make_linter(None, ["R", "S"], today)
    return codes(linter.lint_path(str(path)).findings)


def test_seed_acceptance(shared_dir: Path, tmp_path: Path) -> None:
    seed = shared_dir / SEED
    got = _seed_findings(seed, "2026-11-23")
    assert not set(got) & set(REVIEW_AND_SAFETY), got

    text = seed.read_text(encoding="utf-8")
    # remove the two stop-warning sentences ("… stop … without …"), keep everything else
    stripped, removed = re.subn(
        r"[^.\n]*\bstop\b[^.\n]*\bwithout\b[^.\n]*\.[ \t]?", "", text, flags=re.I
    )
    assert removed == 2
    copy = tmp_path / "seed-without-stop-warning.txt"
    copy.write_text(stripped, encoding="utf-8")
    assert "S201" in _seed_findings(copy, "2026-11-23")

    assert "R102" in _seed_findings(seed, "2027-03-01")


def test_user_pack_adds_drugs(tmp_path: Path) -> None:
    pack = tmp_path / "house-drugs.yaml"
    pack.write_text("pack: drugs\ndrugs:\n  vildagliptin: {names: [Galvus]}\n", encoding="utf-8")
    text = "# Living with Galvus\n\nGalvus lowers blood sugar.\n"
    try:
        linter = make_linter({"packs": [str(pack)]}, ["S201"], root=tmp_path)
        found = linter.lint_text("a.md", text).findings
        assert codes(found) == ["S201"] and "Galvus (vildagliptin)" in found[0].message
    finally:
        packs.set_extra_packs([])
    assert not lint(text, select=["S201"])
