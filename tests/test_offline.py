"""Readability grades never download anything and are identical everywhere.

textstat 0.7.x looks words up in NLTK's CMU dictionary and calls ``nltk.download`` the first
time it is missing.  medlint computes its grades without textstat's syllable counter; these
tests prove that no download can happen and that the numbers do not depend on the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from medlint.analysis import Analysis, readability
from medlint.config import Settings
from medlint.document import parse_article
from tests.helpers import lint

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "# Gabapentin\n\nGabapentin is a medication for neuropathic pain. It can also prevent "
    "seizures in people with epilepsy. Most people take it two or three times a day, and "
    "the dose is increased gradually. Dizziness and drowsiness are the commonest unwanted "
    "effects, particularly at the beginning of treatment.\n"
)


class DownloadAttempted(RuntimeError):
    pass


@pytest.fixture
def no_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sockets refuse to connect (on top of the conftest guard) and nltk.download raises."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise DownloadAttempted(f"network use attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    nltk = pytest.importorskip("nltk")
    monkeypatch.setattr(nltk, "download", refuse)
    # as on a fresh machine: the corpus is not installed
    monkeypatch.setattr(nltk.data, "find", lambda *a, **k: (_ for _ in ()).throw(LookupError()))


def test_grades_and_p601_never_download(no_downloads: None) -> None:
    a = parse_article("a.md", TEXT)[0]
    g = readability.grades(Analysis(a, Settings()))
    assert g["words"] > 0 and g["flesch_kincaid"] > 0
    for formula in readability.FORMULAS:
        lint(
            TEXT, select=["P601"], config={"rules": {"P601": {"formula": formula, "min-words": 1}}}
        )


_PROBE = """
import json, sys
from medlint.analysis import Analysis, readability
from medlint.config import Settings
from medlint.document import parse_article
a = parse_article("a.md", sys.stdin.read())[0]
g = readability.grades(Analysis(a, Settings()))
print(json.dumps({"grades": g, "nltk": "nltk" in sys.modules, "textstat": "textstat" in sys.modules}))
"""


def _probe(seed: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NLTK_DATA": "/nonexistent"}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=TEXT,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_grades_do_not_import_nltk_and_are_identical_across_runs() -> None:
    first = _probe("1")
    second = _probe("12345")
    assert first["nltk"] is False and first["textstat"] is False
    assert first["grades"] == second["grades"]
    assert first["grades"] == readability.grades(
        Analysis(parse_article("a.md", TEXT)[0], Settings())
    )
