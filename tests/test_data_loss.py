"""Issue 19, data loss: medlint must never destroy what it did not create or does not
understand (cache pruning, fixes through entities, odd line endings, files changed under
it, pack values that are not text)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import files, fixer
from medlint.cli import main
from medlint.discovery import reset_registry
from medlint.packs import set_extra_packs
from tests.helpers import lint, make_linter


def _check(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", "--today", "2026-11-23", *args])
    return res.exit_code, res.stdout, res.stderr


# -- 1. the cache prunes only what medlint created ------------------------------------


@pytest.mark.parametrize("cache_dir", [".", ".cache", "shared"])
def test_cache_in_a_shared_folder_deletes_nothing_it_did_not_create(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("# Cold\n\nRest and drink water.\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.txt").write_text("keep me", "utf-8")
    for sub in (".cache/pip", "shared/other-tool"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "data.bin").write_bytes(b"keep")
    (tmp_path / ".medlint.yaml").write_text(f'cache-dir: "{cache_dir}"\n', "utf-8")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    for _ in range(2):  # the second run prunes, if anything does
        code, out, err = _check("content/a.md")
        assert code in (0, 1), out + err
    after = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")}
    assert set(before) <= after, "nothing that was there is gone"
    assert (tmp_path / "docs" / "readme.txt").read_text("utf-8") == "keep me"
    root = tmp_path / cache_dir
    assert not (root / ".gitignore").exists(), "no .gitignore in a folder medlint did not make"
    assert not (root / "CACHEDIR.TAG").exists()
    # the folder medlint made inside it is tagged and ignored
    made = [p.parent for p in root.glob("*/.medlint-cache")]
    assert len(made) == 1
    assert (made[0] / "CACHEDIR.TAG").is_file()
    assert (made[0] / ".gitignore").read_text("utf-8").endswith("*\n")


def test_cache_prunes_old_versions_only_when_medlint_made_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint.cache import Cache

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# Cold\n\nRest.\n", "utf-8")
    linter = make_linter(root=tmp_path)
    root = tmp_path / ".medlint_cache"
    old_ours = root / "0.0.1"
    (old_ours / "k").mkdir(parents=True)
    (old_ours / ".medlint-cache").write_text("", "utf-8")
    not_ours = root / "notes"
    not_ours.mkdir()
    (not_ours / "x.txt").write_text("mine", "utf-8")
    cache = Cache(linter)
    cache._prepare()
    assert not cache.disabled
    assert not old_ours.exists(), "an old version medlint made is pruned"
    assert (not_ours / "x.txt").read_text("utf-8") == "mine"


# -- 2. fixes through HTML entities and escapes -----------------------------------------


def _fix(tmp_path: Path, name: str, data: bytes, *args: str) -> tuple[bytes, str]:
    p = tmp_path / name
    p.write_bytes(data)
    code, out, err = _check("--no-cache", "--fix", *args, str(p))
    assert code in (0, 1), out + err
    return p.read_bytes(), out


def test_fix_after_an_entity_fixes_the_right_text_and_keeps_the_next_paragraph(
    tmp_path: Path,
) -> None:
    src = b"# T\n\nWe don&#39;t, won't say: take 1.0 mg daily.\n\nNext paragraph here.\n"
    got, _ = _fix(tmp_path, "a.md", src, "--select", "M702")
    assert got == src.replace(b"1.0 mg", b"1 mg")


def test_a_fix_whose_span_is_an_entity_is_not_applied_but_still_reported(
    tmp_path: Path,
) -> None:
    src = b"# T\n\nTake &#46;5 mg daily.\n"
    got, out = _fix(tmp_path, "a.md", src, "--select", "M703")
    assert got == src, "'&#46;5' is not the '.5' the rule replaced: leave it"
    assert "a.md:3:6: M703" in out


def test_positions_after_entities_and_escapes_are_exact() -> None:
    src = "# T\n\nWe don&#39;t \\*say\\* it, won't we? *Don&apos;t* take 1.0 mg &amp; 2.0 mg.\n"
    fs = lint(src, select=["M702"])
    assert [(f.line, f.column, src[f.start : f.end]) for f in fs] == [
        (3, 54, "1.0 mg"),
        (3, 67, "2.0 mg"),
    ]


def test_context_drops_a_fix_whose_source_is_not_the_text_it_replaces() -> None:
    from medlint.context import Context
    from medlint.discovery import get_registry
    from medlint.document import parse_article

    art, _ = parse_article("a.md", "# T\n\nTake &#46;5 or 1.0 mg.\n")
    block = art.blocks[1]
    assert block.text == "Take .5 or 1.0 mg."
    ctx = Context(art, make_linter().settings, get_registry().rules["M703"])
    f = ctx.finding(block, 5, 7, "msg", fix="0.5")
    assert f.fix is None and art.source[f.start : f.end] == "&#46;5"
    f = ctx.finding(block, 11, 14, "msg", fix="1")
    assert f.fix is not None and art.source[f.fix.start : f.fix.end] == "1.0"
    assert ctx.fix(block, 5, 7, "0.5") is None


# -- 3. one line model: \n, \r\n and a lone \r are each one line break ------------------


@pytest.mark.parametrize("eol", ["\r", "\r\r\n", "\n\r", "\r\n"])
@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_fix_with_odd_line_endings_is_exact_and_idempotent(
    tmp_path: Path, eol: str, name: str
) -> None:
    lines = ["# T", "", "Take 10mg daily.", "", "More text here."]
    src = (eol.join(lines) + eol).encode()
    got, out = _fix(tmp_path, name, src, "--select", "M704")
    assert got == src.replace(b"10mg", b"10 mg")
    again, out = _fix(tmp_path, name, got, "--select", "M704")
    assert again == got
    assert "M704" not in out


@pytest.mark.parametrize("eol", ["\r", "\r\r\n", "\r\n", "\n"])
@pytest.mark.parametrize("name", ["a.md", "a.txt", "a.html"])
def test_line_and_column_follow_the_line_model(eol: str, name: str) -> None:
    if name.endswith(".html"):
        lines = ["<h1>T</h1>", "", "<p>Take", "10mg daily.</p>"]
    else:
        lines = ["# T", "", "Take", "10mg daily."]
    src = eol.join(lines) + eol
    (f,) = lint(src, name=name, select=["M704"])
    breaks = len(re.findall(r"\r\n?|\n", src[: f.start]))  # markdown-it's line model
    assert (f.line, f.column) == (breaks + 1, 1)
    want = len(lines) + (eol.count("\r\r") + eol.count("\n\r")) * (len(lines) - 1)
    assert f.line == want, (f.line, want)


# -- 4. --fix never overwrites a file changed meanwhile, and one bad file is its error ----

DOSE = "# T\n\nTake 10mg daily.\n"


def _edit_while_fixing(monkeypatch: pytest.MonkeyPatch, action: object) -> None:
    real = fixer.fix_text

    def slow(*args: object, **kwargs: object) -> fixer.FixOutcome:
        out = real(*args, **kwargs)  # type: ignore[arg-type]
        action(str(args[1]))  # type: ignore[operator]
        return out

    monkeypatch.setattr(fixer, "fix_text", slow)


def test_fix_keeps_an_edit_made_while_medlint_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "a.md"
    p.write_text(DOSE, "utf-8")
    edited = DOSE + "\nA line the author added meanwhile.\n"
    _edit_while_fixing(monkeypatch, lambda path: Path(path).write_text(edited, "utf-8"))
    code, _out, err = _check("--no-cache", "--fix", "--select", "M704", str(p))
    assert p.read_text("utf-8") == edited
    assert code != 2, err
    assert "changed while medlint ran" in err and "applied" not in err


def test_fix_does_not_recreate_a_file_deleted_while_medlint_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "a.md"
    p.write_text(DOSE, "utf-8")
    _edit_while_fixing(monkeypatch, lambda path: os.unlink(path))
    code, _out, err = _check("--no-cache", "--fix", "--select", "M704", str(p))
    assert not p.exists()
    assert code != 2, err
    assert sorted(x.name for x in tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_replaced_is_its_own_error_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(DOSE, "utf-8")
    b.write_text(DOSE, "utf-8")
    real = os.replace

    def refuse(src: str, dst: str) -> None:
        if str(dst).endswith("a.md"):
            raise PermissionError(1, "Operation not permitted")
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", refuse)
    code, out, err = _check(
        "--no-cache", "--fix", "--select", "M704", "--format", "json", str(a), str(b)
    )
    assert code == 1, err
    assert a.read_text("utf-8") == DOSE
    assert b.read_text("utf-8") == DOSE.replace("10mg", "10 mg")
    got = [(Path(f["path"]).name, f["code"]) for f in json.loads(out)]
    assert ("a.md", "E901") in got and ("a.md", "M704") in got
    assert not any(name == "b.md" for name, _ in got)
    msg = next(f["message"] for f in json.loads(out) if f["code"] == "E901")
    assert "cannot write the fixed file" in msg
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_fix_keeps_hard_links(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(DOSE, "utf-8")
    os.link(a, b)
    _check("--no-cache", "--fix", "--select", "M704", str(a))
    assert a.read_text("utf-8") == DOSE.replace("10mg", "10 mg")
    assert b.read_text("utf-8") == a.read_text("utf-8")
    assert os.path.samefile(a, b)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
@pytest.mark.parametrize("chown_works", [True, False])
def test_fix_keeps_the_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chown_works: bool
) -> None:
    a = tmp_path / "a.md"
    a.write_text(DOSE, "utf-8")
    os.chown(a, 65534, 65534)
    if not chown_works:  # like a user who cannot give a file away: write in place

        def no_chown(*args: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(files.os, "chown", no_chown)
    _check("--no-cache", "--fix", "--select", "M704", str(a))
    assert a.read_text("utf-8") == DOSE.replace("10mg", "10 mg")
    st = a.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534)


# -- 5. a pack swap value that is not text is a pack error, never written -----------------


@pytest.mark.parametrize("value", ["~", "[a, b]"])
def test_swap_value_that_is_not_text_is_a_pack_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.chdir(tmp_path)
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "extends: substitution\ncode: H301\nname: house-words\nmessage: \"Use '%s'.\"\n"
        f"swap:\n  utilise: {value}\n",
        "utf-8",
    )
    (tmp_path / ".medlint.yaml").write_text("packs: [house.yaml]\n", "utf-8")
    art = tmp_path / "a.md"
    art.write_text("# T\n\nUtilise your inhaler.\n", "utf-8")
    reset_registry()
    try:
        code, out, err = _check("--no-cache", "--fix", str(art))
    finally:
        set_extra_packs([])
        reset_registry()
    assert code == 2, out + err
    assert "house.yaml" in err and "swap.utilise" in err
    assert art.read_text("utf-8") == "# T\n\nUtilise your inhaler.\n"


@pytest.mark.parametrize("value", [None, ["a", "b"], {"x": "y"}, 3, True])
def test_build_rule_rejects_swap_values_that_are_not_text(value: object) -> None:
    from medlint.declarative import build_rule
    from medlint.packs import PackError

    defn = {"extends": "substitution", "code": "H301", "name": "n", "message": "m"}
    with pytest.raises(PackError) as info:
        build_rule({**defn, "swap": {"utilise": value}}, "house.yaml", "rules[0]")
    assert info.value.key == "rules[0].swap.utilise"
    assert build_rule({**defn, "swap": {"utilise": "use"}}, "house.yaml").code == "H301"


def test_fixer_never_applies_a_replacement_that_is_not_text() -> None:
    from medlint.findings import Fix

    bad = [Fix(0, 3, None), Fix(4, 5, ["a", "b"])]  # type: ignore[arg-type]
    assert fixer.apply_fixes("abc def", bad) == ("abc def", 0)
