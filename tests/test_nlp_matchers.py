"""The shared pipeline's speed-ups must not change results: anchored matchers, cached helpers."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.matcher import Matcher

from medlint import nlp

TEXTS = [
    "Studies also show that studies show things. Show me the research.",
    "Do not stop taking sertraline without talking to your doctor. Don't stop it suddenly.",
    "Many experts say so; some doctors warn that 10 mg is too much. Experts now agree.",
    "Research has shown nothing. STUDIES SHOW. a b c d e",
    "",
    "Call 911 if you have chest pain, trouble breathing or swelling of the face.",
]

PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "subject-verb": [
        [{"LOWER": "studies"}, {"LOWER": {"IN": ["also", "now"]}, "OP": "?"}, {"LOWER": "show"}],
        [{"LOWER": "many"}, {"LOWER": "experts"}, {"LOWER": "say"}],
        [{"LOWER": "research"}, {"LOWER": "has"}, {"LOWER": "shown"}],
        [{"ORTH": "Experts"}, {"LOWER": "now", "OP": "?"}, {"LOWER": "agree"}],
    ],
    "stop": [
        [
            {"LEMMA": {"IN": ["do", "don't"]}},
            {"LOWER": {"IN": ["not", "n't"]}, "OP": "?"},
            {"LEMMA": "stop"},
            {"IS_SENT_START": False, "OP": "{0,4}"},
            {"LOWER": {"IN": ["doctor", "suddenly"]}},
        ],
    ],
    "unanchored": [[{"IS_DIGIT": True}, {"LOWER": "mg"}], [{"IS_PUNCT": True}]],
    "optional-only-anchor": [[{"LOWER": "show", "OP": "?"}, {"IS_ALPHA": True, "OP": "+"}]],
    "wildcard-between": [[{"LOWER": "chest"}, {"OP": "*"}, {"LOWER": "face"}]],
    "stop-word-first": [[{"LOWER": "some"}, {"LOWER": "doctors"}, {"LOWER": "warn"}]],
}


def _plain() -> Matcher:
    m = Matcher(nlp.get_nlp().vocab)
    for label, pats in PATTERNS.items():
        m.add(label, pats)
    return m


@pytest.fixture(scope="module")
def matchers() -> tuple[Any, Matcher]:
    return nlp.matcher("test:anchored", PATTERNS), _plain()


@pytest.mark.parametrize("text", TEXTS)
def test_anchored_matcher_equals_spacy(text: str, matchers: tuple[Any, Matcher]) -> None:
    anchored, plain = matchers
    doc = nlp.get_nlp()(text)
    assert anchored(doc) == plain(doc)
    assert [(s.start, s.end, s.label_) for s in anchored(doc, as_spans=True)] == [
        (s.start, s.end, s.label_) for s in plain(doc, as_spans=True)
    ]
    for sent in doc.sents:
        assert anchored(sent) == plain(sent)


def test_anchors_skip_groups_without_their_words(matchers: tuple[Any, Matcher]) -> None:
    anchored, _ = matchers
    # "studies" rather than "many"/"some" (stop words) or the verb anchors those patterns
    assert ("LOWER", frozenset({"studies"})) in anchored._groups
    assert ("LOWER", frozenset({"doctors"})) in anchored._groups
    assert None in anchored._groups  # patterns with no literal required token always run
    assert len(anchored) == len(PATTERNS)
    assert "stop" in anchored and "nothing" not in anchored


def test_on_match_falls_back_to_one_plain_matcher() -> None:
    seen: list[int] = []
    m = nlp.AnchoredMatcher(nlp.get_nlp().vocab)
    m.add("a", [[{"LOWER": "show"}]])
    m.add("b", [[{"LOWER": "me"}]], on_match=lambda *args: seen.append(1))
    doc = nlp.get_nlp()("Show me.")
    assert [(s, e) for _, s, e in m(doc)] == [(0, 1), (1, 2)]
    assert seen == [1]


def test_lemma_is_lower_case_and_helpers_are_cached() -> None:
    doc = nlp.get_nlp()("Stopped TAKING it. Then rested.")
    assert [t.lemma_ for t in doc] == [t.lower_ for t in doc]
    assert nlp.lowers(doc) == [t.lower_ for t in doc]
    assert nlp.lowers(doc) is nlp.lowers(doc)
    assert [s.text for s in nlp.sentences(doc)] == [s.text for s in doc.sents]
    assert nlp.sentences(doc) is nlp.sentences(doc)
    empty = nlp.get_nlp()("")
    assert nlp.lowers(empty) == [] and nlp.sentences(empty) == []
