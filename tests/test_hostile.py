"""SPEC section 9: no input makes medlint crash; each gets an E9xx finding or a clear skip."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main


def _run(*args: str) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    r = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert "Traceback" not in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, json.loads(r.stdout), r.output


def test_hostile_files_each_get_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("na\u00efve caf\u00e9".encode("latin-1"))
    (tmp_path / "surrogate.md").write_bytes(b"text \xed\xa0\x80 more")
    (tmp_path / "nul.txt").write_bytes(b"Title\nA line\x00with a NUL.\n")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n\n   \n")
    (tmp_path / "badfm.md").write_text("---\ntitle: [oops\n---\nRead More\n")
    (tmp_path / "fm_list.md").write_text("---\n- a\n- b\n---\nBody.\n")
    (tmp_path / "nested.html").write_text("<div>" * 20000 + "Read More" + "</div>" * 20000)
    (tmp_path / "unclosed.html").write_text("<p>Read More<p><b><i>text<script>var x")
    (tmp_path / "a_dir.md").mkdir()
    (tmp_path / "ok.md").write_text("# T\n\nRead More\n")
    os.symlink(tmp_path / "nowhere.md", tmp_path / "broken.md")
    explicit = [str(tmp_path / "a_dir.md"), str(tmp_path / "broken.md")]
    code, data, _ = _run("--select", "D304", str(tmp_path), *explicit)
    assert code == 1
    by_file: dict[str, set[str]] = {}
    for d in data:
        by_file.setdefault(Path(d["path"]).name, set()).add(d["code"])
    assert by_file["binary.md"] == {"E902"}
    assert by_file["latin1.txt"] == {"E902"}
    assert by_file["surrogate.md"] == {"E902"}
    assert by_file["nul.txt"] == {"E902"}
    assert by_file["badfm.md"] == {"E903", "D304"}
    assert by_file["fm_list.md"] == {"E903"}
    assert by_file["nested.html"] == {"D304"}
    assert "D304" in by_file["unclosed.html"]
    assert by_file["a_dir.md"] == {"E901"}
    assert by_file["broken.md"] == {"E901"}
    assert by_file["ok.md"] == {"D304"}
    assert "empty.md" not in by_file and "blank.txt" not in by_file


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    p = tmp_path / "secret.md"
    p.write_text("# T\n")
    p.chmod(0)
    _code, data, _ = _run(str(p))
    assert [d["code"] for d in data] == ["E901"] and "permission denied" in data[0]["message"]


def test_large_file(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    para = "Patients should drink water and rest when they have a cold. " * 20
    with p.open("w") as fh:
        fh.write("Title\n")
        for _ in range(2000):
            fh.write(para + "\n")
        fh.write("Read More\n")
    _code, data, _ = _run("--select", "D304", str(p))
    assert [d["line"] for d in data] == [2002]


def test_internal_rule_error_is_a_finding_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint.discovery import get_registry

    rule = get_registry().rules["D304"]

    def boom(ctx):  # type: ignore[no-untyped-def]
        raise ValueError("kaboom")

    monkeypatch.setattr(rule, "check", boom)
    p = tmp_path / "a.md"
    p.write_text("# T\n\nText.\n")
    _code, data, _ = _run("--select", "D304,R101", str(p))
    assert {d["code"] for d in data} == {"E904", "R101"}
    assert "kaboom" in next(d["message"] for d in data if d["code"] == "E904")


# -- issue 19: reading one file never ends the run ------------------------------------------

OK_ARTICLE = "# T\n\nRead More\n"


def _by_file(data: list[dict]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    out: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for d in data:
        out.setdefault(Path(d["path"]).name, []).append(d)
    return out


@pytest.mark.parametrize(
    "front",
    [
        "review_date: 2026-13-01",
        "review_date: 2026-02-29T10:00:00Z",
        "2026-02-30: x",
        "2026-01-01: x",
        "review_date: !!timestamp 2026-02-30",
        "review_date: 0000-01-01",
        "review_date: !!int abc",
        "review_date: !!float abc",
        "draft: !!bool maybe",
        "reviewer: !!binary '@@'",
        "x: !!python/object/apply:os.system [ls]",
    ],
)
def test_front_matter_value_errors_are_that_files_finding(tmp_path: Path, front: str) -> None:
    (tmp_path / "bad.md").write_text(f"---\n{front}\n---\n{OK_ARTICLE}")
    (tmp_path / "ok.md").write_text(OK_ARTICLE)
    code, data, _ = _run("--select", "D304,R104", str(tmp_path))
    assert code == 1
    by_file = _by_file(data)
    assert {d["code"] for d in by_file["ok.md"]} == {"D304"}
    bad = {d["code"] for d in by_file["bad.md"]}
    assert "D304" in bad  # the body is still checked
    if front.startswith("review_date"):
        assert bad & {"R104", "E903"}, by_file["bad.md"]


@pytest.mark.parametrize(
    "front",
    [
        "x: " + "[" * 1000 + "]" * 1000,
        "x: " + "{a: " * 1000 + "1" + "}" * 1000,
        "x:\n" + "".join(" " * i + "- \n" for i in range(0, 2000, 2)),
        "x: &a [*a]",
    ],
)
def test_deeply_nested_front_matter_is_e903(tmp_path: Path, front: str) -> None:
    (tmp_path / "deep.md").write_text(f"---\n{front}\n---\n{OK_ARTICLE}")
    (tmp_path / "ok.md").write_text(OK_ARTICLE)
    code, data, _ = _run("--select", "D304", str(tmp_path))
    assert code == 1
    by_file = _by_file(data)
    assert {d["code"] for d in by_file["ok.md"]} == {"D304"}
    assert {d["code"] for d in by_file["deep.md"]} == {"E903", "D304"}


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "where", ["review_date: *a8", "medlint:\n  ignore: *a8", "reviewer: *a8", "x: *a8"]
)
def test_alias_bomb_is_e903_with_a_short_message(tmp_path: Path, where: str) -> None:
    (tmp_path / "bomb.md").write_text(f"---\n{_alias_bomb()}\n{where}\n---\n{OK_ARTICLE}")
    code, data, out = _run(str(tmp_path / "bomb.md"))
    assert code == 1
    assert "E903" in {d["code"] for d in data}
    assert "alias" in next(d["message"] for d in data if d["code"] == "E903")
    assert len(out) < 100_000
    assert all(len(d["message"]) <= 2000 for d in data)


def test_a_normal_alias_is_still_read(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(
        "---\ntitle: &t Colds\nseo_title: *t\nreviewer: Dr A. Smith\n---\n# Colds\n\nText.\n"
    )
    _code, data, _ = _run("--select", "E903", str(p))
    assert data == []


def test_a_crash_in_a_reader_is_that_files_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import medlint.document.markdown as md

    real = md.parse_markdown

    def boom(article, body_start):  # type: ignore[no-untyped-def]
        if article.path.endswith("bad.md"):
            raise IndexError("reader kaboom")
        return real(article, body_start)

    monkeypatch.setattr(md, "parse_markdown", boom)
    (tmp_path / "bad.md").write_text(OK_ARTICLE)
    (tmp_path / "ok.md").write_text(OK_ARTICLE)
    code, data, _ = _run("--select", "D304", str(tmp_path))
    assert code == 1
    by_file = _by_file(data)
    assert [d["code"] for d in by_file["bad.md"]] == ["E901"]
    assert "reader kaboom" in by_file["bad.md"][0]["message"]
    assert [d["code"] for d in by_file["ok.md"]] == ["D304"]


def _subprocess_check(*args: str, cwd: Path, stdin: bytes = b"") -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    r = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--no-cache", "--format", "json", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert b"Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout or b"[]"), r.stderr.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
def test_special_files_are_e901_not_a_hang(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    os.mkfifo(content / "pipe.md")
    os.symlink("/dev/zero", content / "zero.md")
    os.symlink("/dev/urandom", content / "random.txt")
    (content / "ok.md").write_text(OK_ARTICLE)
    code, data, err = _subprocess_check(
        "--select", "D304", "content", "content/pipe.md", cwd=tmp_path
    )
    assert code == 1, err
    by_file = _by_file(data)
    for name in ("pipe.md", "zero.md", "random.txt"):
        assert [d["code"] for d in by_file[name]] == ["E901"], name
        assert "not a regular file" in by_file[name][0]["message"]
    assert [d["code"] for d in by_file["ok.md"]] == ["D304"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_with_a_baseline_and_report_do_not_hang(tmp_path: Path) -> None:
    import subprocess
    import sys

    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "ok.md").write_text(OK_ARTICLE)
    code, _data, err = _subprocess_check(
        "--select", "D304", ".", "--write-baseline", "bl.json", cwd=tmp_path
    )
    assert code == 0, err
    code, data, err = _subprocess_check(
        "--select", "D304", ".", "--baseline", "bl.json", cwd=tmp_path
    )
    assert (code, data) == (0, []), err
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "medlint",
            "report",
            "--no-cache",
            "--select",
            "D304",
            ".",
            "-o",
            "r.html",
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    from tests.test_report import PageParser, sections_of

    page = PageParser()
    page.feed((tmp_path / "r.html").read_text("utf-8"))
    assert any("not a regular file" in s for s in sections_of(page).values())


def test_standard_input_has_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import medlint.document

    monkeypatch.setattr(medlint.document, "MAX_FILE_BYTES", 1000)
    r = CliRunner().invoke(main, ["check", "--format", "json", "-"], input=b"Read More\n" * 200)
    assert r.exit_code == 1, r.output
    data = json.loads(r.stdout)
    assert [d["code"] for d in data] == ["E901"]
    assert "too large" in data[0]["message"]
    r = CliRunner().invoke(main, ["check", "--fix", "-"], input=b"Read More\n" * 200)
    assert r.exit_code == 2 and "too large" in r.output
    assert "Traceback" not in r.output


def test_a_file_over_the_cap_is_e901(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import medlint.document

    monkeypatch.setattr(medlint.document, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.md").write_text("Read More\n" * 200)
    _code, data, _ = _run(str(tmp_path / "big.md"))
    assert [d["code"] for d in data] == ["E901"] and "too large" in data[0]["message"]


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_utf16_and_utf32_files_are_named(tmp_path: Path, encoding: str, name: str) -> None:
    p = tmp_path / "wide.md"
    text = "# Colds\n\nRest and drink water.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    p.write_bytes(data)
    _code, data_out, _ = _run(str(p))
    assert [d["code"] for d in data_out] == ["E902"]
    assert f"{name} file" in data_out[0]["message"] and "UTF-8" in data_out[0]["message"]


@pytest.mark.parametrize(
    ("front", "expect"),
    [
        ("medlint: 5", "must be a mapping"),
        ("medlint: {ignroe: [D304]}", "did you mean 'ignore'"),
        ("medlint:\n  ignore: {D304: yes}", "a code or a list of codes"),
    ],
)
def test_bad_medlint_front_matter_key_is_reported(tmp_path: Path, front: str, expect: str) -> None:
    p = tmp_path / "a.md"
    p.write_text(f"---\n{front}\n---\n{OK_ARTICLE}")
    code, data, _ = _run("--select", "D304", str(p))
    assert code == 1
    e903 = [d for d in data if d["code"] == "E903"]
    assert len(e903) == 1 and expect in e903[0]["message"], data
    assert e903[0]["line"] == 2
    assert "D304" in {d["code"] for d in data}


def test_medlint_front_matter_ignore_still_works(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(f"---\nmedlint:\n  ignore: [D304]\n---\n{OK_ARTICLE}")
    code, data, _ = _run("--select", "D304", str(p))
    assert (code, data) == (0, [])


def test_a_folder_too_deep_to_enter_is_e901(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    root.mkdir()
    (root / "top.md").write_text(OK_ARTICLE)
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(600):  # 600 x 10 characters: longer than any PATH_MAX
            os.mkdir("d" * 9, dir_fd=fd)
            nfd = os.open("d" * 9, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        wfd = os.open("z.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(wfd, OK_ARTICLE.encode())
        os.close(wfd)
    finally:
        os.close(fd)
    code, data, _ = _run("--select", "D304", str(root))
    assert code == 1
    assert ("top.md", "D304") in {(Path(d["path"]).name, d["code"]) for d in data}
    e901 = [d for d in data if d["code"] == "E901"]
    assert len(e901) == 1 and "cannot" in e901[0]["message"], data


def test_an_unreadable_folder_is_e901(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any folder")
    (tmp_path / "ok.md").write_text(OK_ARTICLE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.md").write_text(OK_ARTICLE)
    locked.chmod(0)
    try:
        _code, data, _ = _run("--select", "D304", str(tmp_path))
    finally:
        locked.chmod(0o755)
    by_file = _by_file(data)
    assert [d["code"] for d in by_file["locked"]] == ["E901"]
    assert "permission denied" in by_file["locked"][0]["message"]


# -- a corrupt cache entry is a miss, never an internal error or a wrong finding -------------


def _corruptions() -> list[tuple[str, object]]:
    deep = "[" * 100_000 + "]" * 100_000
    return [
        ("list", []),
        ("null", None),
        ("int", 5),
        ("deep", deep),
        ("findings null", {"findings": None}),
        ("findings dict", {"findings": {}}),
        ("finding int", {"findings": [5]}),
        ("code int", {"field": ("code", 3)}),
        ("line text", {"field": ("line", "abc")}),
        ("line zero", {"field": ("line", 0)}),
        ("column bool", {"field": ("column", True)}),
        ("severity made up", {"field": ("severity", "catastrophic")}),
        ("message list", {"field": ("message", ["a"])}),
        ("start negative", {"field": ("start", -4)}),
        ("fix short", {"field": ("fix", [1, 2])}),
        ("fix_line text", {"field": ("fix_line", ["a", 1, 1, 1])}),
        ("extra list", {"field": ("extra", [1])}),
        ("missing field", {"field": ("severity", KeyError)}),
        ("stats list", {"stats": [1, 2]}),
    ]


@pytest.mark.parametrize(("label", "corrupt"), _corruptions(), ids=[c[0] for c in _corruptions()])
def test_a_corrupt_cache_entry_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, label: str, corrupt: object
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(OK_ARTICLE)
    args = ["check", "--format", "json", "--select", "D304", "content"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1
    entries = [p for p in (tmp_path / ".medlint_cache").rglob("*.json") if "tmp" not in p.name]
    assert len(entries) == 1
    doc = json.loads(entries[0].read_text("utf-8"))
    if isinstance(corrupt, dict) and "field" in corrupt:
        key, value = corrupt["field"]  # type: ignore[misc]
        if value is KeyError:
            del doc["findings"][0][key]
        else:
            doc["findings"][0][key] = value
        text = json.dumps(doc)
    elif isinstance(corrupt, dict):
        doc.update(corrupt)
        text = json.dumps(doc)
    elif isinstance(corrupt, str):
        text = corrupt
    else:
        text = json.dumps(corrupt)
    entries[0].write_text(text, "utf-8")
    again = CliRunner().invoke(main, args)
    assert again.exception is None or isinstance(again.exception, SystemExit), label
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), label


# -- file names that are not UTF-8 -----------------------------------------------------------

LATIN1_NAME = os.fsdecode(b"caf\xe9.md")


def _latin1_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    try:
        (content / LATIN1_NAME).write_text(OK_ARTICLE)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return content


def test_sarif_with_a_non_utf8_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _latin1_project(tmp_path, monkeypatch)
    r = CliRunner().invoke(main, ["check", "--format", "sarif", "--select", "D304", "content"])
    assert r.exit_code == 1, r.output
    doc = json.loads(r.stdout)
    [result] = doc["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "content/caf%E9.md"
    )
    r.stdout.encode("utf-8")  # no lone surrogate reaches the output


@pytest.mark.parametrize("fmt", ["html", "csv", "md", "json"])
def test_report_with_a_non_utf8_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _latin1_project(tmp_path, monkeypatch)
    out = tmp_path / f"report.{fmt}"
    r = CliRunner().invoke(main, ["report", "--select", "D304", "content", "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text("utf-8")
    assert "caf\\xe9" in text or "caf\\\\xe9" in text
    r = CliRunner().invoke(main, ["report", "--select", "D304", "content", "--format", fmt])
    assert r.exit_code == 0, r.output


def test_baseline_with_a_non_utf8_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _latin1_project(tmp_path, monkeypatch)
    args = ["check", "--select", "D304", "content"]
    r = CliRunner().invoke(main, [*args, "--write-baseline", "bl.json"])
    assert r.exit_code == 0, r.output
    (tmp_path / "bl.json").read_text("utf-8")  # valid UTF-8
    r = CliRunner().invoke(main, [*args, "--baseline", "bl.json"])
    assert (r.exit_code, r.stdout.strip()) == (0, "All clear: no problems in 1 file checked."), (
        r.output
    )


def test_a_baseline_made_through_a_symlinked_folder_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real"
    (real / "content").mkdir(parents=True)
    (real / "content" / "a.md").write_text(OK_ARTICLE)
    os.symlink(real, tmp_path / "link")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(
        main,
        ["check", "--select", "D304", "link/content", "--write-baseline", "link/bl.json"],
    )
    assert r.exit_code == 0, r.output
    monkeypatch.chdir(real)
    r = CliRunner().invoke(main, ["check", "--select", "D304", "content", "--baseline", "bl.json"])
    assert r.exit_code == 0, r.output
    # and the other way round: made from the real folder, used through the link
    r = CliRunner().invoke(
        main, ["check", "--select", "D304", "content", "--write-baseline", "bl.json"]
    )
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(
        main, ["check", "--select", "D304", "link/content", "--baseline", "link/bl.json"]
    )
    assert r.exit_code == 0, r.output
    assert json.loads((real / "bl.json").read_text("utf-8"))["entries"][0]["path"] == (
        "content/a.md"
    )
