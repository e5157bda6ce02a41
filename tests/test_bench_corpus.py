"""The benchmark corpus generator (bench/make_corpus.py): deterministic, parseable, honest.

No timing here: performance is measured by bench/run.py, never by tests.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from medlint.discovery import get_registry
from medlint.document import parse_article

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "medlint_bench_make_corpus", ROOT / "bench" / "make_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses need the module registered
    spec.loader.exec_module(mod)
    return mod


mc = _load()


def _tree(d: Path) -> dict[str, bytes]:
    return {
        p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()
    }


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    mc.write_corpus(a, 12, seed=7, words=300)
    mc.write_corpus(b, 12, seed=7, words=300)
    assert _tree(a) == _tree(b)


def test_article_does_not_depend_on_count_and_seed_matters() -> None:
    first = [mc.article(i, seed=3, words=300) for i in range(5)]
    assert first == [mc.article(i, seed=3, words=300) for i in range(5)]
    assert [mc.article(i, seed=4, words=300)[1] for i in range(5)] != [t for _, t, _ in first]


def test_manifest_matches_files(tmp_path: Path) -> None:
    m = mc.write_corpus(tmp_path, 30, seed=2, words=300)
    on_disk = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == m
    files = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("article-*")}
    assert files == {e["file"] for e in m["items"]}
    assert m["totals"]["articles"] == 30
    assert sum(m["totals"]["formats"].values()) == 30
    for e in m["items"]:
        assert e["file"].endswith("." + e["format"])
        assert e["words"] == len((tmp_path / e["file"]).read_text(encoding="utf-8").split())


@pytest.mark.parametrize("seed", [1, 2])
def test_every_article_parses_into_prose(seed: int) -> None:
    for i in range(36):
        fmt, text, entry = mc.article(i, seed=seed, words=400)
        article, problems = parse_article(f"a.{fmt}", text, fmt, ["title", "description"])
        kinds = {b.kind for b in article.blocks}
        assert {"paragraph", "list_item"} <= kinds, (i, fmt)
        assert "heading" in kinds or fmt == "txt"
        assert article.title
        codes = {d["code"] for d in entry["defects"]}
        assert [p.code for p in problems] == (["E903"] if "E903" in codes else [])
        if fmt == "md" and "E903" not in codes:
            fm = yaml.safe_load(text.split("---\n")[1])
            assert fm["title"] == article.title
        if fmt == "html":
            assert "window.dataLayer" not in " ".join(b.text for b in article.blocks)


def test_defect_rate_and_codes(tmp_path: Path) -> None:
    known = {r.code for r in get_registry()} | set(mc.DEFECTS.values())
    assert set(mc.DEFECTS.values()) <= known
    clean = mc.write_corpus(tmp_path / "clean", 20, words=200, defect_rate=0.0)
    assert clean["totals"]["articles_with_defects"] == 0
    dirty = mc.write_corpus(tmp_path / "dirty", 20, words=200, defect_rate=1.0)
    assert dirty["totals"]["articles_with_defects"] == 20
    assert all(1 <= len(e["defects"]) <= 3 for e in dirty["items"])
    some = mc.write_corpus(tmp_path / "some", 200, words=150, defect_rate=0.3)
    assert 0.2 <= some["totals"]["defect_rate_actual"] <= 0.4


def test_planted_defects_are_in_the_text() -> None:
    seen: set[str] = set()
    for i in range(400):
        _fmt, text, entry = mc.article(i, seed=5, words=150, defect_rate=1.0)
        kinds = {d["kind"] for d in entry["defects"]}
        seen |= kinds
        if "fused-dose-unit" in kinds:
            assert re.search(r"\b\d+mg\b", text)
        if "trailing-zero" in kinds:
            assert re.search(r"\b\d\.0\s+mg\b", text)
        if "large-dose-no-commas" in kinds:
            assert re.search(r"\b\d{5}\s+units\b", text)
        if "scrape-artifact" in kinds:
            flat = " ".join(text.split())
            assert any(a in flat for a in mc.ARTIFACTS)
        if "missing-review-date" in kinds:
            assert "last_reviewed" not in text and "Last reviewed" not in text
            assert not re.search(r"reviewed by [^\n<]* on ", text)
        if "missing-disclaimer" in kinds:
            assert "substitute for professional medical advice" not in text
        assert not {"missing-review-date", "stale-review"} <= kinds
        if "invalid-front-matter" in kinds:  # review facts stay readable, in the body
            front = text.split("---\n")[1]
            assert "reviewed_by" not in front and "last_reviewed" not in front
        if "missing-stop-warning" in kinds:
            assert "without talking to your doctor" not in text
            # never about an as-needed or single-dose medicine, which S201 rightly exempts
            assert not any(drug in entry["title"].lower() for drug in mc.NO_STOP)
    assert seen == set(mc.DEFECTS)  # every kind of defect can be generated


def test_sizes_and_mix(tmp_path: Path) -> None:
    short = mc.write_corpus(tmp_path / "s", 20, words=200, mix={"md": 1})
    long = mc.write_corpus(tmp_path / "l", 20, words=2000, mix={"html": 1, "txt": 1})
    assert short["totals"]["formats"] == {"md": 20}
    assert set(long["totals"]["formats"]) <= {"html", "txt"}
    mean_short = short["totals"]["words"] / 20
    mean_long = long["totals"]["words"] / 20
    assert 150 <= mean_short <= 450
    assert 1500 <= mean_long <= 2600


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    assert mc.main([str(out), "--count", "3", "--words", "150", "--mix", "txt=1"]) == 0
    assert "wrote 3 articles" in capsys.readouterr().err
    assert sorted(p.suffix for p in out.rglob("article-*")) == [".txt"] * 3
    with pytest.raises(SystemExit):
        mc.main([str(out), "--mix", "docx=1"])
