"""Issue 19, data loss: medlint must never destroy what it did not create or does not
understand (cache pruning, fixes through entities, odd line endings, files changed under
it, pack values that are not text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from tests.helpers import make_linter


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
