"""Configuration: discovery, validation and the error messages users see."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.config import ConfigError, build_settings, find_config, load_settings
from medlint.discovery import get_registry
from tests.helpers import codes, lint


def _settings(raw: dict, tmp_path: Path):  # type: ignore[no-untyped-def]
    return build_settings(raw, get_registry(), str(tmp_path / ".medlint.yaml"), tmp_path)


@pytest.mark.parametrize(
    ("raw", "key", "hint"),
    [
        ({"selct": ["D304"]}, "selct", "select"),
        ({"fail_on": "error"}, "fail_on", "fail-on"),
        ({"select": ["scrape-artefact"]}, "select", "scrape-artifact"),
        ({"ignore": ["scrape-artefact"]}, "ignore", "scrape-artifact"),
        ({"fail-on": "errors"}, "fail-on", "error"),
        ({"severity": {"D304": "warn"}}, "severity.D304", "warning"),
        ({"rules": {"R101": {"max-age": 3}}}, "rules.R101.max-age", None),
        ({"rules": {"R1O1": {}}}, "rules.R1O1", "R101"),
        ({"metadata": {"reviewers": ["x"]}}, "metadata.reviewers", "reviewer"),
        ({"today": "2026-13-01"}, "today", None),
        ({"date-order": "dayfirst"}, "date-order", "day-first"),
    ],
)
def test_bad_config_names_key_and_suggests(
    raw: dict, key: str, hint: str | None, tmp_path: Path
) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError) as info:
        _settings(raw, tmp_path)
    err = info.value
    assert err.key == key
    assert err.path.endswith(".medlint.yaml")
    if hint:
        assert err.suggestion == hint, str(err)


def test_good_config_round_trip(tmp_path: Path) -> None:
    s = _settings(
        {
            "select": ["D", "R101"],
            "ignore": ["scrape-artifact"],
            "per-file-ignores": {"legacy/*.md": ["R1"]},
            "severity": {"D304": "warning"},
            "fail-on": "warning",
            "today": "2026-11-23",
            "exclude": ["drafts/**"],
        },
        tmp_path,
    )
    assert s.select == ["D", "R101"]
    assert s.fail_on == "warning"
    assert s.today is not None and s.today.isoformat() == "2026-11-23"


def test_discovery_prefers_dotfile_and_walks_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.medlint]\nfail-on = "warning"\n')
    sub = tmp_path / "content" / "deep"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    (tmp_path / "content" / ".medlint.yaml").write_text("fail-on: info\n")
    assert find_config(sub) == tmp_path / "content" / ".medlint.yaml"
    s = load_settings(get_registry(), start=sub)
    assert s.fail_on == "info"


def test_pyproject_without_medlint_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    assert find_config(tmp_path) is None


def test_cli_bad_config_exits_2_with_message(tmp_path: Path) -> None:
    cfg = tmp_path / ".medlint.yaml"
    cfg.write_text("selcet: [D304]\n")
    art = tmp_path / "a.md"
    art.write_text("# T\n\nText.\n")
    res = CliRunner().invoke(main, ["check", "--config", str(cfg), str(art)])
    assert res.exit_code == 2
    assert (
        str(cfg) in res.output and "selcet" in res.output and "did you mean 'select'" in res.output
    )
    assert "Traceback" not in res.output


def test_cli_invalid_yaml_config(tmp_path: Path) -> None:
    cfg = tmp_path / ".medlint.yaml"
    cfg.write_text("select: [D304\n")
    res = CliRunner().invoke(main, ["check", "--config", str(cfg), str(tmp_path)])
    assert res.exit_code == 2 and "invalid YAML" in res.output


def test_severity_override_and_per_file_ignores(tmp_path: Path) -> None:
    text = "# T\n\nRead More\n"
    fs = lint(text, select=["D304"], config={"severity": {"D3": "warning"}})
    assert [(f.code, f.severity) for f in fs] == [("D304", "warning")]
    fs = lint(text, select=["D304"], config={"severity": {"D3": "info", "D304": "warning"}})
    assert fs[0].severity == "warning", "the most specific selector wins"
    fs = lint(
        text,
        name="legacy/old.md",
        select=["D304"],
        config={"per-file-ignores": {"legacy/*.md": ["D3"]}},
    )
    assert codes(fs) == []


def test_select_by_name_prefix_and_ignore() -> None:
    text = "# T\n\nRead More\n"
    assert "D304" in codes(lint(text, select=["scrape-artifact"]))
    assert "D304" in codes(lint(text, select=["D"]))
    assert "D304" not in codes(lint(text, config={"ignore": ["D3"]}))
