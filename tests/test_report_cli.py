"""`medlint report` second edition on the command line: --compare, --history, --from (merging
shards), --shard, --table, owners, the CSV byte-order mark and output-name checks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.report.csv_format import COLUMNS, OWNER_COLUMNS, RULE_COLUMNS

TODAY = "2026-11-23"
SELECT = "R101,R102,D304,P602"


def _article(
    title: str, author: str | None, reviewer: str | None, date: str | None, body: str
) -> str:
    front = [f"title: {title}"]
    if author:
        front.append(f"author: {author}")
    if reviewer:
        front.append(f"medically_reviewed_by: {reviewer}")
    if date:
        front.append(f"last_reviewed: {date}")
    return "---\n" + "\n".join(front) + "\n---\n" + f"# {title}\n\n{body}\n"


CLEAN = "Rest and drink water. See a doctor if it gets worse."
ARTIFACT = "Rest and drink water. Click here to see our tips."


def _write_library(root: Path, variant: int = 0) -> Path:
    lib = root / "content"
    lib.mkdir(exist_ok=True)
    files = {
        "cough.md": _article("Cough", "Ana Ruiz", "Dana Whitfield, MD", "2026-09-02", CLEAN),
        "sleep.md": _article("Sleep", "Ana Ruiz", None, "2022-01-10", ARTIFACT),
        "ankle.md": _article("Ankle", "Ben Cole", None, None, CLEAN),
        "fever.md": _article("Fever", None, "Dana Whitfield, MD", "2026-05-01", CLEAN),
    }
    if variant:  # a month later: cough got an artifact, sleep lost its one, ankle gone, new rash
        files["cough.md"] = files["cough.md"].replace(CLEAN, ARTIFACT)
        files["sleep.md"] = files["sleep.md"].replace(ARTIFACT, CLEAN)
        del files["ankle.md"]
        (lib / "ankle.md").unlink(missing_ok=True)
        files["rash.md"] = _article("Rash", "Ben Cole", None, "2026-10-01", ARTIFACT)
    for name, text in files.items():
        (lib / name).write_text(text, encoding="utf-8")
    return lib


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return _write_library(tmp_path)


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def report(*args: str, today: str = TODAY, paths: tuple[str, ...] = ("content",)) -> Any:
    return run("report", *paths, "--today", today, "--select", SELECT, "--no-cache", *args)


def _csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def _previous(tmp_path: Path) -> Path:
    """The library's report JSON a month ago, then the library as it is now."""
    prev = tmp_path / "prev.json"
    res = report("-o", str(prev), today="2026-10-23")
    assert res.exit_code == 0, res.output
    _write_library(tmp_path, variant=1)
    return prev


def test_compare_in_json_markdown_and_csv(lib: Path, tmp_path: Path) -> None:
    prev = _previous(tmp_path)
    res = report("--format", "json", "--compare", str(prev))
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    c = data["comparison"]
    assert c["previous"].startswith("2026-10-23 (medlint ")
    status = {a["path"]: a["status"] for a in c["articles"]}
    assert status == {
        "content/cough.md": "worse",
        "content/rash.md": "new",
        "content/sleep.md": "better",
        "content/ankle.md": "gone",
        "content/fever.md": "same",
    }
    assert c["totals"] == {
        "new_findings": 1,
        "fixed_findings": 1,
        "worse": 1,
        "better": 1,
        "new_articles": 1,
        "gone_articles": 1,
    }
    assert c["rules"]["D304"] == [1, 2]
    anchors = {a["path"]: a["anchor"] for a in data["articles"]}
    assert all(a["anchor"] == anchors.get(a["path"], a["anchor"]) for a in c["articles"])

    same = tmp_path / "same.json"
    assert report("-o", str(same)).exit_code == 0
    md = report("--format", "md", "--compare", str(same)).stdout
    assert "- 0 new findings, 0 fixed findings" in md and "Nothing changed." in md
    md = report("--format", "md", "--compare", str(prev)).stdout
    sections = [line for line in md.splitlines() if line.startswith("### ")]
    assert sections[0] == f"### What changed since {c['previous']}"
    assert "- 1 new finding, 1 fixed finding (in the articles of both runs)" in md
    assert "- 1 article worse, 1 better; 1 new article, 1 article gone" in md
    assert "| 100 → 90 | `content/cough.md` | 0 → 1 | +1 D304 |" in md
    assert "| D304 scrape-artifact | 1 | 2 | +1 |" in md
    assert "New articles: `content/rash.md` (90)" in md and "Gone: `content/ankle.md`" in md

    rows = _csv(report("--format", "csv", "--compare", str(prev)).stdout)
    by = {r["path"]: r for r in rows}
    assert by["content/cough.md"]["change"] == "worse"
    assert by["content/cough.md"]["score_before"] == "100"
    assert by["content/cough.md"]["codes_added"] == "D304:1"
    assert by["content/sleep.md"]["codes_removed"] == "D304:1"
    assert (
        by["content/rash.md"]["change"] == "new" and by["content/rash.md"]["findings_before"] == ""
    )
    gone = by["content/ankle.md"]
    assert gone["change"] == "gone" and gone["score"] == "" and gone["findings_before"] == "1"
    # without --compare the change columns are there and empty
    plain = _csv(report("--format", "csv").stdout)
    assert all(r["change"] == "" and r["codes_added"] == "" for r in plain)


def test_rules_table_with_compare(lib: Path, tmp_path: Path) -> None:
    prev = _previous(tmp_path)
    rows = _csv(report("--format", "csv", "--table", "rules", "--compare", str(prev)).stdout)
    assert list(rows[0]) == list(RULE_COLUMNS)
    by = {r["code"]: r for r in rows}
    assert by["D304"]["findings"] == "2" and by["D304"]["findings_before"] == "1"
    assert by["D304"]["change"] == "1" and by["D304"]["name"] == "scrape-artifact"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "a list of findings (`medlint check --format json`?)"),
        ("not json", "not JSON"),
        ('{"generator": "medlint 1", "schema": 1}', "key 'today'"),
    ],
)
def test_a_wrong_compare_file_is_exit_2(
    lib: Path, tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "prev.json"
    bad.write_text(content, encoding="utf-8")
    res = report("--format", "md", "--compare", str(bad))
    assert res.exit_code == 2 and res.stdout == ""
    assert f"medlint: error: {bad}: " in res.stderr and message in res.stderr
    res = report("--format", "md", "--compare", str(tmp_path / "missing.json"))
    assert res.exit_code == 2 and "missing.json" in res.stderr


def test_history_trend(lib: Path, tmp_path: Path) -> None:
    hist = tmp_path / "history"
    hist.mkdir()
    first = json.loads(report("--format", "json", "--history", str(hist)).stdout)
    assert first["history"] == []  # the first run: nothing to draw yet
    for name, day in (("b-october", "2026-10-01"), ("a-september", "2026-09-01")):
        assert report("-o", str(hist / f"{name}.json"), today=day).exit_code == 0
    res = report("--format", "json", "--history", str(hist))
    got = [(h["label"], h["today"]) for h in json.loads(res.stdout)["history"]]
    assert got == [("a-september", "2026-09-01"), ("b-october", "2026-10-01"), ("this run", TODAY)]
    md = report("--format", "md", "--history", str(hist)).stdout
    assert "### Trend" in md and "| a-september | 2026-09-01 | 4 | " in md
    # the report being written into the history folder is not its own history
    out = hist / "c-november.json"
    for _ in range(2):
        assert report("-o", str(out), "--history", str(hist)).exit_code == 0
    got = json.loads(out.read_text(encoding="utf-8"))["history"]
    assert [h["label"] for h in got] == ["a-september", "b-october", "c-november"]
    (hist / "junk.json").write_text("{}", encoding="utf-8")
    res = report("--format", "md", "--history", str(hist))
    assert res.exit_code == 2 and "junk.json: key 'generator'" in res.stderr


def test_owners_in_markdown_and_csv(lib: Path) -> None:
    md = report("--format", "md").stdout
    assert "### By author" in md and "### By reviewer" in md
    assert "| Ana Ruiz | 2 | 2 | 1 | 93.0 | 1 of 2 dated |" in md
    assert "| Dana Whitfield, MD | 2 | 0 | 0 | 100.0 | 0 of 2 dated |" in md
    assert md.index("| Ana Ruiz |") < md.index("| (none found) |")
    rows = _csv(report("--format", "csv", "--table", "authors").stdout)
    assert list(rows[0]) == list(OWNER_COLUMNS)
    assert [(r["name"], r["articles"], r["stale"], r["dated"]) for r in rows] == [
        ("Ana Ruiz", "2", "1", "2"),
        ("Ben Cole", "1", "0", "0"),
        ("(none found)", "1", "0", "1"),
    ]
    assert rows[0]["worse"] == ""  # no comparison
    reviewers = _csv(report("--format", "csv", "--table", "reviewers").stdout)
    assert reviewers[0]["name"] == "Dana Whitfield, MD" and reviewers[0]["role"] == "reviewer"
    articles = {r["path"]: r for r in _csv(report("--format", "csv").stdout)}
    assert list(next(iter(articles.values()))) == list(COLUMNS)
    assert articles["content/sleep.md"]["author"] == "Ana Ruiz"
    # staleness of an article without a review date is unknown, not "no"
    assert articles["content/ankle.md"]["stale"] == ""
    assert articles["content/sleep.md"]["stale"] == "yes"
    assert articles["content/cough.md"]["stale"] == "no"
    res = report("--format", "md", "--table", "authors")
    assert res.exit_code == 2 and "--table authors: only for the CSV format" in res.stderr


def test_output_name_must_name_a_format(lib: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "report.xlsx"
    res = report("-o", str(xlsx))
    assert res.exit_code == 2 and not xlsx.exists()
    assert "cannot tell the report format from '.xlsx'" in res.stderr and "--format" in res.stderr
    assert report("-o", str(xlsx), "--format", "csv").exit_code == 0
    assert xlsx.read_bytes().startswith(b"\xef\xbb\xbfpath,")
    assert report("-o", str(tmp_path / "report")).exit_code == 0  # no extension: HTML


def test_one_article_is_singular(lib: Path) -> None:
    md = report("--format", "md", paths=("content/cough.md",)).stdout
    assert md.startswith(f"## medlint report: 1 article ({TODAY})")
    assert "(0 errors, 0 warnings, 0 info)" in md and "1 articles" not in md
    assert "| Stale (R102) | 0 of 1 dated (0.0%) |" in md
    md = report("--format", "md", paths=("content/sleep.md",)).stdout
    assert "### Worst article\n" in md and "(1 error, 1 warning, 0 info)" in md


def test_no_dates_reads_0_of_0_dated(lib: Path) -> None:
    md = report("--format", "md", paths=("content/ankle.md",)).stdout
    assert "| Without a review date | 1 of 1 (100.0%) |" in md
    assert "| Stale (R102) | 0 of 0 dated |" in md


# -- shards and --from ------------------------------------------------------------------------


def _shards(kind: str, n: int, tmp_path: Path) -> list[str]:
    out = []
    for k in range(1, n + 1):
        p = tmp_path / "shards" / f"{kind}-{k}.json"
        p.parent.mkdir(exist_ok=True)
        if kind == "report":
            res = report("--shard", f"{k}/{n}", "-o", str(p))
        else:
            res = run("check", "content", "--shard", f"{k}/{n}", "--format", "json",
                      "--today", TODAY, "--select", SELECT)  # fmt: skip
            p.write_text(res.stdout, encoding="utf-8")
        assert res.exit_code in (0, 1), res.output
        out.append(str(p))
    return out


def _more_articles(lib: Path) -> None:
    for i in range(12):
        body = ARTIFACT if i % 3 == 0 else CLEAN
        (lib / f"extra-{i}.md").write_text(
            _article(f"Extra {i}", "Cy Diaz", None, "2026-01-0" + str(1 + i % 9), body), "utf-8"
        )


def test_merged_report_shards_equal_the_unsharded_report(lib: Path, tmp_path: Path) -> None:
    _more_articles(lib)
    whole = report("--format", "json").stdout
    files = _shards("report", 3, tmp_path)
    assert all(json.loads(Path(f).read_text())["articles"] for f in files)  # no empty shard
    sizes = [len(json.loads(Path(f).read_text())["articles"]) for f in files]
    assert sum(sizes) == 16
    res = run("report", "--from", *files, "--format", "json", "--select", SELECT)
    assert res.exit_code == 0, res.output
    assert res.stdout == whole
    # a directory works too, and so does the shell's expansion of shards/*.json after --from
    assert run("report", "--from", str(tmp_path / "shards"), "--format", "json",
               "--select", SELECT).stdout == whole  # fmt: skip
    assert run("report", "--from", files[0], *files[1:], "--format", "json",
               "--select", SELECT).stdout == whole  # fmt: skip
    # and the HTML can be written from them
    html = tmp_path / "merged.html"
    assert run("report", "--from", *files, "-o", str(html), "--select", SELECT).exit_code == 0
    assert "content/extra-11.md" in html.read_text(encoding="utf-8")


def test_merged_check_shards_with_the_library_equal_the_report(lib: Path, tmp_path: Path) -> None:
    _more_articles(lib)
    whole = report("--format", "json").stdout
    files = _shards("check", 3, tmp_path)
    res = run("report", "content", "--from", *files, "--format", "json", "--today", TODAY,
              "--select", SELECT)  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stdout == whole
    # without the library: only the articles with findings, and a warning saying so
    res = run("report", "--from", *files, "--format", "json", "--today", TODAY)
    assert res.exit_code == 0 and "lists only articles with findings" in res.stderr
    got = json.loads(res.stdout)["articles"]
    assert {a["path"] for a in got} == {
        a["path"] for a in json.loads(whole)["articles"] if a["findings_total"]
    }
    # facts are read again from the files (title, author), not linted
    cough = next(a for a in got if a["path"] == "content/sleep.md")
    assert cough["title"] == "Sleep" and cough["author"] == "Ana Ruiz"


def test_from_errors(lib: Path, tmp_path: Path) -> None:
    files = _shards("report", 2, tmp_path)
    res = run("report", "--from", files[0], "--from", files[0], "--format", "json")
    assert res.exit_code == 0  # the same file twice is read once
    copy = tmp_path / "copy.json"
    copy.write_text(Path(files[0]).read_text())
    res = run("report", "--from", files[0], str(copy), "--format", "md")
    assert res.exit_code == 2 and "also in" in res.stderr and "overlap" in res.stderr
    later = tmp_path / "later.json"
    assert report("--shard", "2/2", "-o", str(later), today="2026-12-01").exit_code == 0
    res = run("report", "--from", files[0], str(later), "--format", "md")
    assert res.exit_code == 2 and "different days (2026-11-23, 2026-12-01)" in res.stderr
    res = run("report", "--from", files[0], str(later), "--format", "md", "--today", TODAY)
    assert res.exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_text('[{"path": "a.md", "line": "x"}]')
    res = run("report", "--from", str(bad), "--format", "md")
    assert res.exit_code == 2 and "key '[0].line': expected int" in res.stderr
    data = json.loads(Path(files[0]).read_text())
    data["articles"][0]["words"] = "many"
    bad.write_text(json.dumps(data))
    res = run("report", "--from", str(bad), "--format", "md")
    assert res.exit_code == 2 and "key 'articles[0].words': expected int or null" in res.stderr
    res = run("report", "--from", str(tmp_path / "empty-dir"), "--format", "md")
    assert res.exit_code == 2
    res = run("report", "--from", files[0], "--shard", "1/2", "--format", "md")
    assert res.exit_code == 2 and "--shard: not with --from" in res.stderr
    res = report("--shard", "3/2", "--format", "md")
    assert res.exit_code == 2 and "--shard: expected K/N" in res.stderr


def test_report_help_says_it_exits_0_without_fail_on() -> None:
    out = CliRunner().invoke(main, ["report", "--help"], terminal_width=200).output
    line = next(ln for ln in out.splitlines() if "--fail-on" in ln and "[" in ln)
    assert "default: exit 0" in line and "default: error" not in line
    check = CliRunner().invoke(main, ["check", "--help"], terminal_width=200).output
    assert "[default: error]" in check


@pytest.mark.parametrize("command", ["check", "report"])
def test_select_help_names_vale_styles(command: str) -> None:
    out = " ".join(CliRunner().invoke(main, [command, "--help"], terminal_width=300).output.split())
    assert "Vale styles and rules (Microsoft, Microsoft.Passive)" in out
    assert "Skip these rules (codes, prefixes, names, Vale styles or rules)" in out


def test_markdown_names_a_vale_rule_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint.discovery import reset_registry

    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Avoid.yml").write_text(
        'extends: existence\nmessage: "Avoid %s."\nlevel: error\ntokens: [utilize]\n'
    )
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*.md]\nBasedOnStyles = House\n")
    (tmp_path / "a.md").write_text("# Tips\n\nYou can utilize this.\n")
    monkeypatch.chdir(tmp_path)
    reset_registry()
    try:
        run = CliRunner().invoke(main, ["report", "--format", "md", "--no-cache", "a.md"])
    finally:
        reset_registry()
    assert run.exit_code == 0, run.output
    assert "| House.Avoid | error | 1 | 1 |" in run.output
    assert "House.Avoid House.Avoid" not in run.output
