"""medlint.nlp: the one-pass sentence and lemma annotation equals spaCy's components."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint import nlp
from medlint.document.model import Article, Block

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"

TRICKY = [
    "Take 2.5 mg twice a day. Do not stop suddenly! Why? Ask Dr. Smith (your GP).",
    "“Stop.” He said it twice… Then: nothing!!! ok?! (Really.) 'Yes.' [1] Next",
    "No final punctuation here",
    ". . . leading dots",
    "!",
    "",
    "   ",
    "Line one\n\nLine two.\nLine three",
    "e.g. this, i.e. that. U.S. study. 3.14 is pi. ‽ Done। नमस्ते। Ende.",
    "Side effects: nausea; headache. — Dizziness.",
]


def _reference(text: str) -> tuple[list[bool], list[str]]:
    """Sentence starts and lemmas from spaCy's own components, run one by one."""
    pipeline = nlp.get_nlp()
    doc = pipeline.make_doc(text)
    for _name, proc in pipeline.pipeline:
        doc = proc(doc)
    return [bool(t.is_sent_start) for t in doc], [t.lemma_ for t in doc]


def _ours(text: str) -> tuple[list[bool], list[str]]:
    article = Article(path="x.txt", source=text, fmt="txt")
    article.blocks.append(Block(kind="paragraph", text=text, segments=[], index=0))
    (doc,) = nlp.docs_for(article)
    return [bool(t.is_sent_start) for t in doc], [t.lemma_ for t in doc]


def _texts() -> list[str]:
    texts = list(TRICKY)
    if SHARED.is_dir():
        for f in sorted(SHARED.iterdir())[:40]:
            texts.extend(p for p in f.read_text("utf-8", "replace").split("\n\n") if p.strip())
    return texts


def test_blank_pipeline_uses_the_one_pass_annotation() -> None:
    nlp.get_nlp()
    assert nlp._PUNCT_HASHES, "the blank pipeline should take the fast path"


@pytest.mark.parametrize("text", TRICKY)
def test_sentence_starts_and_lemmas_equal_spacy_components(text: str) -> None:
    assert _ours(text) == _reference(text)


def test_equal_on_real_articles() -> None:
    texts = _texts()
    for text in texts:
        assert _ours(text) == _reference(text), text[:120]
    starts, lemmas = _ours(TRICKY[0])
    assert sum(starts) == 4 and lemmas[-3] == "gp"  # a real, non-trivial split


def test_sentences_equal_doc_sents() -> None:
    for text in _texts():
        article = Article(path="x.txt", source=text, fmt="txt")
        article.blocks.append(Block(kind="paragraph", text=text, segments=[], index=0))
        (doc,) = nlp.docs_for(article)
        got = nlp.sentences(doc)
        assert [(s.start, s.end) for s in got] == [(s.start, s.end) for s in doc.sents], text[:80]
        assert got is nlp.sentences(doc)


def test_lower_hashes_and_lowers_match_the_tokens() -> None:
    from spacy.attrs import LOWER

    for text in TRICKY:
        article = Article(path="x.txt", source=text, fmt="txt")
        article.blocks.append(Block(kind="paragraph", text=text, segments=[], index=0))
        (doc,) = nlp.docs_for(article)
        want = doc.to_array(LOWER).tolist() if len(doc) else []
        assert nlp.lower_hashes(doc) == want
        assert nlp.lowers(doc) == [t.lower_ for t in doc]
    bare = nlp.make_doc("Stop SUDDENLY")  # not annotated by docs_for: computed on demand
    assert nlp.lowers(bare) == ["stop", "suddenly"]


def test_default_pipeline_facts() -> None:
    nlp.get_nlp()
    assert nlp.lemma_is_lower()
    chars = nlp.sentence_final_chars()
    assert chars is not None and {".", "!", "?"} <= chars and "," not in chars
