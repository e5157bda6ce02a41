"""matching.lookbehind.finditer_not_after gives exactly ``pattern.finditer``'s matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.matching.lookbehind import finditer_not_after
from tests.conftest import examples

BEFORE = r"[\w/.-]"
CORES = [r"QD\b", r"U\b", r"(?:cc|CC)\b", r"µg\b", r"HCTZ\b", r"q\.?d\.?"]
ALPHABET = st.sampled_from(
    ["QD", "qd", "q.d.", "U", "cc", "CC", "µg", "HCTZ", " ", "-", "/", ".", "a", "1", "\n", "x"]
)


def _spans(ms: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in ms]


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join), st.sampled_from(CORES))
def test_same_matches_as_the_lookbehind_pattern(text: str, core_src: str) -> None:
    pattern = re.compile(f"(?<!{BEFORE}){core_src}")
    core = re.compile(core_src)
    before = re.compile(BEFORE)
    got = finditer_not_after(pattern, core, before, text)
    assert _spans(got) == _spans(list(pattern.finditer(text)))


def test_a_rejected_start_resumes_one_character_on() -> None:
    pattern = re.compile(r"(?<![\w])QD\b")
    got = finditer_not_after(pattern, re.compile(r"QD\b"), re.compile(r"\w"), "xQD QD")
    assert _spans(got) == [(4, 6)]
