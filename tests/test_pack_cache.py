"""The record of validated built-in packs under the user cache folder (medlint/packs.py,
medlint/discovery.py): a built-in pack is validated again whenever its bytes change (a pass
is recorded, a failure never)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from medlint import discovery, pack_schemas, packs


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    packs._read_yaml.cache_clear()
    yield home / "medlint"
    packs._read_yaml.cache_clear()


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
