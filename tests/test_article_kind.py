"""The article kind (medlint.analysis.article_kind): front matter, config globs, text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.analysis import Analysis
from medlint.analysis.article_kind import KINDS, article_kind, kind_from_text, normalize_kind
from medlint.cli import main
from medlint.config import ConfigError, Settings, build_settings
from medlint.discovery import get_registry
from medlint.document import parse_article

NEWS_TEXT = (
    "Heart pill trims cholesterol\n\n"
    "A new study published in the journal Circulation followed 400 adults.\n\n"
    '"We were surprised," said Dr. Ana Ruiz, who led the study.\n\n'
    "The researchers found lower cholesterol after a year, she said."
)
LEAFLET_TEXT = (
    "What you need to know about your inhaler\n\n"
    "Use your inhaler every morning. If you forget a dose, take it when you remember. "
    "Tell your doctor if you feel worse. Keep your inhaler with you."
)


def _kind(text: str, name: str = "a.txt", settings: Settings | None = None) -> str | None:
    article, _ = parse_article(name, text)
    return article_kind(Analysis(article, settings or Settings())).kind


def test_text_reads_as_news() -> None:
    assert _kind(NEWS_TEXT) == "news"


def test_reader_address_page_is_undecided() -> None:
    assert _kind(LEAFLET_TEXT) is None


def test_one_quote_without_report_cues_is_undecided() -> None:
    got = kind_from_text("Ask the pharmacist, she said.\n\nTake it with food.")
    assert got.kind is None and got.source == "undecided"


def test_study_report_without_quotes_reads_as_news() -> None:
    text = (
        "Walking lowers blood pressure\n\n"
        "Researchers at a Danish hospital found lower readings in people who walked daily. "
        "The findings were presented at a cardiology meeting and published in a journal."
    )
    got = kind_from_text(text)
    assert got.kind == "news" and "study the way news does" in got.reason


def test_review_words_alone_do_not_make_news() -> None:
    # "the trial", "randomised", "a journal" are words a review summary uses too
    text = (
        "Exercise for back pain\n\n"
        "This randomised trial in a journal compared exercise with rest. "
        "The study found less pain with exercise."
    )
    assert kind_from_text(text).kind is None


def test_long_quotes_with_one_cue_read_as_news() -> None:
    text = (
        "A new pill for migraine\n\n"
        '"It works fast," said Dr. Lee. "Patients like it," she added. '
        '"We need more data," said Dr. Roe. "It is early," he noted. The study is small.'
    )
    assert kind_from_text(text).kind == "news"
    assert kind_from_text('"It works," said Dr. Lee. The study is small.').kind is None


def test_dateline_must_be_in_capitals() -> None:
    body = "\n\nThe study was announced."
    assert kind_from_text("Title\n\nBOSTON -- A pill helped." + body).kind == "news"
    assert kind_from_text("Title\n\nDry eyes have causes -- many." + body).kind is None


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("news", "news"),
        ("News Story", "news"),
        ("press_release", "press-release"),
        ("news release", "press-release"),
        ("Q&A", "patient-information"),
        ("post", None),
        (3, None),
    ],
)
def test_normalize_kind(value: object, kind: str | None) -> None:
    assert normalize_kind(value) == kind


def test_front_matter_wins_over_text() -> None:
    text = "---\nkind: patient information\n---\n" + NEWS_TEXT
    assert _kind(text, "a.md") == "patient-information"
    assert _kind("---\ntype: news\n---\n# Title\n\nTake it with food.\n", "a.md") == "news"


def test_unknown_front_matter_type_falls_back_to_text() -> None:
    assert _kind("---\ntype: post\n---\n" + NEWS_TEXT, "a.md") == "news"


@pytest.mark.parametrize(
    ("value", "shown"), [("[news]", "['news']"), ("3", "3"), ("{a: news}", "{'a': 'news'}")]
)
def test_front_matter_kind_that_is_no_text_is_e903(tmp_path: Path, value: str, shown: str) -> None:
    """A ``kind:`` medlint cannot read is a finding at the key (as a bad ``medlint:`` key
    is), reported when the N rules run; the kind then comes from the text."""
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: T\nkind: {value}\n---\n" + NEWS_TEXT, encoding="utf-8")
    args = ["check", str(path), "--no-cache", "--format", "json"]
    got = json.loads(CliRunner().invoke(main, [*args, "--select", "N,E"]).output)
    e903 = [f for f in got if f["code"] == "E903"]
    assert [(f["line"], f["column"]) for f in e903] == [(3, 1)]
    assert e903[0]["message"] == (
        "front matter 'kind' must name one article kind as text (news, press-release, "
        f"patient-information, drug-information, research-summary, other), not {shown}; "
        "it is ignored (the kind comes from the config or the text)"
    )
    assert _kind(path.read_text(encoding="utf-8"), "a.md") == "news"  # from the text
    quiet = json.loads(CliRunner().invoke(main, [*args, "--select", "D304"]).output)
    assert [f["code"] for f in quiet if f["code"] == "E903"] == []


def test_front_matter_type_and_unknown_kind_text_are_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    for head in ("type: [post]\n", "type: 3\n", "kind: gossip\n", "kind:\n"):
        path.write_text("---\n" + head + "---\n" + NEWS_TEXT, encoding="utf-8")
        run = CliRunner().invoke(main, ["check", str(path), "--no-cache", "--select", "N,E"])
        assert "E903" not in run.output, head


def test_docs_name_the_kinds_as_the_config_error_does() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "news.md").read_text(encoding="utf-8")
    listed = ", ".join(f"`{k}`" for k in KINDS)
    assert listed in " ".join(docs.split())  # as the text reads, whatever the line breaks
    with pytest.raises(ConfigError) as info:
        build_settings({"kinds": {"x/**": "gossip"}}, get_registry(), "cfg.yaml", Path.cwd())
    assert f"the kinds are {', '.join(KINDS)}" in str(info.value)


def test_config_glob_gives_kind(tmp_path: Path) -> None:
    s = build_settings({"kinds": {"news/**": "news story"}}, get_registry(), None, tmp_path)
    assert s.kinds == {"news/**": "news"}
    inside = str(tmp_path / "news" / "2024" / "a.md")
    assert _kind("# Title\n\nTake it with food.\n", inside, s) == "news"
    outside = str(tmp_path / "guides" / "a.md")
    assert _kind("# Title\n\nTake it with food.\n", outside, s) is None


def test_unknown_kind_in_config_names_file_and_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        build_settings({"kinds": {"news/**": "newz"}}, get_registry(), "cfg.yaml", tmp_path)
    err = info.value
    assert (err.path, err.key, err.suggestion) == ("cfg.yaml", "kinds.news/**", "news")
    with pytest.raises(ConfigError) as info:
        build_settings({"kinds": ["news/**"]}, get_registry(), "cfg.yaml", tmp_path)
    assert info.value.key == "kinds"


def test_unknown_kind_exits_2(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("kinds:\n  'news/**': gossip\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# T\n\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(tmp_path / "a.md"), "--config", str(tmp_path / ".medlint.yaml")]
    )
    assert result.exit_code == 2
    assert "kinds.news/**" in result.output and ".medlint.yaml" in result.output


def test_kinds_are_listed_in_the_error() -> None:
    assert "press-release" in KINDS and "patient-information" in KINDS


MANIFEST = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "manifest.json"


@pytest.mark.skipif(not MANIFEST.exists(), reason="../shared corpus absent")
def test_text_heuristic_never_calls_patient_pages_news() -> None:
    """On the shared corpus the text heuristic takes no patient page, review summary or
    leaflet for news (it may leave news undecided: conservative)."""
    items = json.loads(MANIFEST.read_text(encoding="utf-8"))["items"]
    wrong = []
    for it in items:
        if it["kind"] in ("news story", "news release"):
            continue
        path = MANIFEST.parent / it["file"]
        if _kind(path.read_text(encoding="utf-8"), str(path)) is not None:
            wrong.append(it["file"])
    assert not wrong


def test_news_pack_refuses_an_alias_to_an_unknown_kind() -> None:
    from pydantic import ValidationError

    from medlint.pack_schemas import NewsPack

    with pytest.raises(ValidationError) as info:
        NewsPack.model_validate({"kinds": {"aliases": {"blog": "blogpost"}}})
    assert "blogpost" in str(info.value)
    with pytest.raises(ValidationError):
        NewsPack.model_validate({"relative-effect": {"patterns": ["{pct} (unclosed"]}})
    NewsPack.model_validate({"relative-effect": {"patterns": ["{pct}\\s+lower\\s+{outcome}"]}})


def test_kinds_change_the_cache_key(tmp_path: Path) -> None:
    plain = build_settings({}, get_registry(), None, tmp_path)
    with_kinds = build_settings({"kinds": {"news/**": "news"}}, get_registry(), None, tmp_path)
    assert plain.raw_for_cache() != with_kinds.raw_for_cache()
