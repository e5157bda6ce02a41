"""`--shard K/N`: a stable partition of the files by path; N runs lint every file once."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.walk import ShardError, in_shard, parse_shard, shard_key, shard_of

TODAY = "2026-11-23"
SELECT = "R101,D304,P602"


def _library(root: Path, n: int = 24) -> Path:
    lib = root / "content"
    for i in range(n):
        sub = lib / f"topic{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"article-{i}.md").write_text(
            f"# Article {i}\n\nRead more here. Click here to see our tips on topic {i}.\n",
            encoding="utf-8",
        )
    return lib


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_parse_shard() -> None:
    assert parse_shard("2/4") == (2, 4) and parse_shard(" 1/1 ") == (1, 1)
    for bad in ("0/4", "5/4", "4", "a/b", "1/0", "-1/2", "1/2/3", ""):
        with pytest.raises(ShardError, match="expected K/N"):
            parse_shard(bad)


def test_partition_is_stable_and_depends_only_on_the_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert [shard_of(f"content/a{i}.md", tmp_path, 4) for i in range(6)] == [
        shard_of(str(tmp_path / f"content/a{i}.md"), tmp_path, 4) for i in range(6)
    ]
    assert shard_key(str(tmp_path / "content/./x//a.md"), tmp_path) == "content/x/a.md"
    paths = [f"content/a{i}.md" for i in range(200)]
    parts = [in_shard(paths, (k, 4), tmp_path) for k in range(1, 5)]
    assert sorted(p for part in parts for p in part) == sorted(paths)
    assert all(20 < len(part) < 80 for part in parts)  # roughly even
    assert in_shard(paths, None, tmp_path) == paths
    # adding a file moves no other file
    more = [*paths, "content/new.md"]
    assert [p for p in in_shard(more, (2, 4), tmp_path) if p != "content/new.md"] == parts[1]


def test_known_shards_do_not_move(tmp_path: Path) -> None:
    names = ("a.md", "content/b.md", "x/y/z.html", "content/heart/afib.md", "café.md")
    assert [shard_of(str(tmp_path / p), tmp_path, 7) for p in names] == PINNED


PINNED = [5, 2, 1, 3, 7]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_union_of_shards_is_the_unsharded_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    lib = _library(tmp_path)
    monkeypatch.chdir(tmp_path)
    base = ["check", "content", "--format", fmt, "--today", TODAY, "--select", SELECT]
    whole = _run(*base, "--no-cache")
    assert whole.exit_code == 1, whole.output
    parts = [_run(*base, "--shard", f"{k}/3") for k in (1, 2, 3)]
    assert all(p.exit_code == 1 for p in parts), [p.output for p in parts]
    if fmt == "json":
        all_findings: list[dict[str, Any]] = json.loads(whole.output)
        shard_findings = [f for p in parts for f in json.loads(p.output)]
        assert len({f["path"] for f in all_findings}) == 24
        key = lambda f: (f["path"], f["line"], f["column"], f["code"])  # noqa: E731
        assert sorted(shard_findings, key=key) == sorted(all_findings, key=key)
        per_shard = [{f["path"] for f in json.loads(p.output)} for p in parts]
        assert all(per_shard) and not (per_shard[0] & per_shard[1] | per_shard[1] & per_shard[2])
    else:
        lines = lambda out: [x for x in out.splitlines() if x.startswith("content")]  # noqa: E731
        assert sorted(x for p in parts for x in lines(p.output)) == sorted(lines(whole.output))
    # absolute paths fall into the same shards as relative ones
    absolute = _run(*base[:1], str(lib), *base[2:], "--shard", "2/3")
    assert absolute.output.replace(str(tmp_path) + os.sep, "") == parts[1].output


def test_bad_shard_is_a_usage_error(tmp_path: Path) -> None:
    lib = _library(tmp_path, 2)
    for bad in ("0/3", "4/3", "3", "x/y"):
        res = _run("check", str(lib), "--shard", bad)
        assert res.exit_code == 2 and "--shard: expected K/N" in res.output
    res = _run("check", "-", "--shard", "1/2")
    assert res.exit_code == 2 and "standard input" in res.output
