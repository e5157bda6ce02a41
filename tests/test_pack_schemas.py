"""Pack schemas: every built-in pack validates; a bad pack stops medlint (exit 2) naming the
file, the key and the nearest valid spelling; the drug table and its typed accessor."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import lexicon, packs
from medlint.cli import main
from medlint.discovery import reset_registry
from medlint.pack_schemas import SCHEMAS, validate_builtin

ARTICLE = "# Title\n\nHello there.\n"


def test_every_builtin_pack_has_a_schema_and_validates() -> None:
    files = packs.builtin_pack_files()
    assert {p.stem for p in files} == set(SCHEMAS)
    for p in files:
        validate_builtin(p, packs.read_yaml(p))  # raises PackError on any problem


def test_drug_lexicon_reads_the_tsv_table() -> None:
    lex = lexicon.drugs()
    assert len(lex.drugs) > 1000
    sertraline = lex.drugs["sertraline"]
    assert sertraline.drug_class == "antidepressant" and "Zoloft" in sertraline.names
    assert lex.drugs["ibuprofen"].stop_warning is False
    assert lex.classes["opioid"].label == "an opioid"
    assert {"sertraline", "zoloft"} <= lex.names()
    # every class named in the table is defined in rules/drugs.yaml
    assert {d.drug_class for d in lex.drugs.values() if d.drug_class} <= set(lex.classes)


def test_bad_drug_table_row_is_reported_with_its_line(tmp_path: Path) -> None:
    p = tmp_path / "drugs.tsv"
    p.write_text("# c\ngeneric\tclass\tnames\tflags\naspirin\t\tBayer\tno-stpo\nbad row\n")
    with pytest.raises(packs.PackError) as info:
        lexicon.read_drug_table(p)
    assert [k for k, _m in info.value.issues] == ["line 3", "line 4"]
    assert "no-stpo" in str(info.value)


# -- user packs: CLI exits 2 naming file, key and suggestion -----------------------------

BAD_USER_PACKS: list[tuple[str, str, list[str]]] = [
    # (pack text, key in the message, other text the message must hold)
    ("extends: substitution\ncode: H101\nname: x\nmessage: m\nswap: {utilise: ~}\n",
     "swap.utilise", ["valid string", "None"]),
    ("pack: drugs\ndrugs: [aspirin]\n", "drugs", ["valid dictionary"]),
    ("pack: artifacts\npatterns: ['(unclosed']\n", "patterns[0]", ["invalid regular expression"]),
    ("pack: frequency\nrate_window: wide\n", "rate_window", ["valid integer", "'wide'"]),
    ("- pack: artifacts\n", "(top)", ["mapping"]),
    ("pack: nonexistent\n", "pack", ["unknown pack 'nonexistent'", "artifacts"]),
    ("pack: artifact\n", "pack", ["did you mean 'artifacts'?"]),
    ("pack: artifacts\nblok: [x]\n", "blok", ["did you mean 'block'?"]),
    ("pack: drugs\ndrugs:\n  zel: {class: opiod}\n", "drugs.zel.class", ["did you mean 'opioid'?"]),
    ("pack: jargon\nterms:\n  - {term: x, plian: [y]}\n", "terms[0].plian",
     ["did you mean 'plain'?"]),
    ("packk: artifacts\n", "packk", ["did you mean 'pack'?"]),
    ("rules:\n"
     "  - {extends: existence, code: H102, name: ok, message: fine, tokens: [a lot]}\n"
     "  - {extends: existance, code: H103, name: bad, message: x, tokens: [b]}\n",
     "rules[1].extends", ["did you mean 'existence'?"]),
]  # fmt: skip


@pytest.fixture
def clean_registry() -> Iterator[None]:
    reset_registry()
    yield
    packs.set_extra_packs([])
    reset_registry()


def _run_with_pack(tmp_path: Path, pack_text: str) -> tuple[int, str, Path]:
    pack = tmp_path / "house.yaml"
    pack.write_text(pack_text)
    cfg = tmp_path / ".medlint.yaml"
    cfg.write_text("packs: [house.yaml]\n")
    art = tmp_path / "a.md"
    art.write_text(ARTICLE)
    r = CliRunner().invoke(main, ["check", "--config", str(cfg), "-q", str(art)])
    return r.exit_code, r.output, pack


@pytest.mark.parametrize(("text", "key", "needles"), BAD_USER_PACKS)
@pytest.mark.usefixtures("clean_registry")
def test_bad_user_pack_exits_2(tmp_path: Path, text: str, key: str, needles: list[str]) -> None:
    code, out, pack = _run_with_pack(tmp_path, text)
    assert code == 2, out
    assert f"{pack}: {key}: " in out, out
    for needle in needles:
        assert needle in out, out


@pytest.mark.usefixtures("clean_registry")
def test_all_errors_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        "extends: substitution\ncode: H101\nname: x\nmesage: m\nlevel: warn\nswap: {a: ~}\n"
        "scope: [heading, paragrph]\n"
    )
    code, out, pack = _run_with_pack(tmp_path, text)
    assert code == 2
    for key, hint in [
        ("message", "required"),
        ("mesage", "did you mean 'message'?"),
        ("level", "did you mean 'warning'?"),
        ("swap.a", "valid string"),
        ("scope[1]", "did you mean 'paragraph'?"),
    ]:
        assert f"{pack}: {key}: " in out and hint in out, (key, out)


@pytest.mark.usefixtures("clean_registry")
def test_good_user_packs_still_work(tmp_path: Path) -> None:
    text = (
        "pack: drugs\nclasses: {house: {label: a house class, risk: it is risky}}\n"
        "drugs:\n  zelmorphin: {class: opioid, names: [Zelmo]}\n  quux: {class: house}\n"
    )
    code, out, _pack = _run_with_pack(tmp_path, text)
    assert code in (0, 1), out
    lex = lexicon.drugs()
    assert lex.drugs["zelmorphin"].drug_class == "opioid"
    assert "house" in lex.classes and "zelmo" in lex.names()


# -- built-in packs: a broken one stops medlint too -----------------------------------------


@pytest.fixture
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    rules = tmp_path / "rules"
    shutil.copytree(packs.packs_dir(), rules)
    monkeypatch.setattr(packs, "packs_dir", lambda: rules)
    packs.load.cache_clear()
    reset_registry()
    yield rules
    monkeypatch.undo()
    packs.load.cache_clear()
    reset_registry()


@pytest.mark.parametrize(
    ("file", "text", "key", "needle"),
    [
        ("artifacts.yaml", "blok: [x]\n", "blok", "did you mean 'block'?"),
        ("frequency.yaml", "rate_window: wide\n", "rate_window", "valid integer"),
        ("artifact.yaml", "block: [x]\n", "(file)", "did you mean 'artifacts'?"),
    ],
)
def test_bad_builtin_pack_exits_2(
    rules_copy: Path, tmp_path: Path, file: str, text: str, key: str, needle: str
) -> None:
    path = rules_copy / file
    path.write_text(text)
    art = tmp_path / "a.md"
    art.write_text(ARTICLE)
    r = CliRunner().invoke(main, ["check", "-q", str(art)])
    assert r.exit_code == 2, r.output
    assert f"{path}: {key}: " in r.output and needle in r.output, r.output


def test_warm_cache_does_not_hide_a_pack_broken_since(rules_copy: Path, tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(ARTICLE)
    cfg = tmp_path / ".medlint.yaml"
    cfg.write_text(f"cache-dir: {tmp_path / 'cache'}\n")
    args = ["check", "--config", str(cfg), "-q", str(art)]
    assert CliRunner().invoke(main, args).exit_code in (0, 1)
    assert (tmp_path / "cache").is_dir()
    (rules_copy / "hype.yaml").write_text("terms: [{term: x, insted: y}]\n")
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2 and "terms[0].insted: unknown key (did you mean 'instead'?)" in r.output
