"""The pack caches under the user cache folder (medlint/packs.py): a parsed pack is the parse
of its bytes, a damaged entry is parsed again, and a built-in pack is validated again
whenever its bytes change (a pass is recorded, a failure never)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from medlint import discovery, pack_schemas, packs


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    packs._read_yaml.cache_clear()
    yield home / "medlint"
    packs._read_yaml.cache_clear()


def _fresh(path: Path) -> object:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_parsed_packs_equal_a_fresh_parse(cache_home: Path) -> None:
    files = packs.builtin_pack_files()
    first = [packs.read_yaml(p) for p in files]
    assert len(list((cache_home / "parsed-packs").glob("*.pickle"))) == len(
        {p.read_bytes() for p in files}
    )
    packs._read_yaml.cache_clear()
    again = [packs.read_yaml(p) for p in files]  # from the stored parses
    assert again == first == [_fresh(p) for p in files]


def test_damaged_entry_is_parsed_again(cache_home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text("pack: jargon\nterms: [a, b]\nwhen: 2026-01-02\n", "utf-8")
    want = _fresh(pack)
    assert packs.read_yaml(pack) == want
    (entry,) = (cache_home / "parsed-packs").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    packs._read_yaml.cache_clear()
    assert packs.read_yaml(pack) == want


def test_bad_yaml_is_an_error_every_time(cache_home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: jargon\nterms: [a, b\n", "utf-8")
    for _ in range(2):
        packs._read_yaml.cache_clear()
        with pytest.raises(packs.PackError) as err:
            packs.read_yaml(pack)
        assert err.value.key == "(yaml)"
    assert not list((cache_home / "parsed-packs").glob("*.pickle"))


def test_builtin_packs_validated_once_per_content(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = pack_schemas.validate_builtin_packs

    def counting() -> None:
        calls.append(1)
        real()

    monkeypatch.setattr(pack_schemas, "validate_builtin_packs", counting)
    rules = tmp_path / "rules"
    shutil.copytree(packs.packs_dir(), rules)
    monkeypatch.setattr(packs, "packs_dir", lambda: rules)
    discovery.validate_builtin_packs()
    discovery.validate_builtin_packs()
    assert calls == [1]
    assert len(list((cache_home / "validated-packs").iterdir())) == 1

    # a pack changed since: validated again, and its error is reported every time
    hype = rules / "hype.yaml"
    hype.write_text(hype.read_text("utf-8") + "\nterm: oops\n", "utf-8")
    for _ in range(2):
        with pytest.raises(packs.PackError) as err:
            discovery.validate_builtin_packs()
        assert err.value.path.endswith("hype.yaml")
        assert err.value.key == "term"
    assert len(calls) == 3
    assert len(list((cache_home / "validated-packs").iterdir())) == 1
