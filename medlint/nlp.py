"""One lazily built spaCy pipeline, shared by every rule.

``spacy.blank("en")`` + ``sentencizer`` + lower-case lookup lemmas (from the
``spacy-lookups-data`` tables, so Matcher patterns can use ``LEMMA``).  If a
trained English pipeline happens to be installed and ``MEDLINT_SPACY_MODEL``
names it, it is used instead; medlint never requires one.

Matchers are compiled once per process and cached by a key.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc

    from medlint.document.model import Article

_NLP: Language | None = None
_MATCHERS: dict[str, Any] = {}
MAX_BLOCK_CHARS = 200_000  # longer blocks are cut into pieces for spaCy


def _lemma_component(table: dict[str, str]) -> Callable[[Doc], Doc]:
    def set_lemmas(doc: Doc) -> Doc:
        get = table.get
        for tok in doc:
            low = tok.lower_
            tok.lemma_ = get(low, low)
        return doc

    return set_lemmas


def get_nlp() -> Language:
    global _NLP
    if _NLP is not None:
        return _NLP
    import spacy
    from spacy.language import Language

    model = os.environ.get("MEDLINT_SPACY_MODEL")
    nlp: Language | None = None
    if model and spacy.util.is_package(model):
        nlp = spacy.load(model, exclude=["ner", "parser"])
        if "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
    if nlp is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        table: dict[str, str] = {}
        try:
            from spacy.lookups import load_lookups

            lookups = load_lookups("en", ["lemma_lookup"], strict=False)
            if lookups.has_table("lemma_lookup"):
                table = dict(lookups.get_table("lemma_lookup").items())
        except Exception:  # pragma: no cover - lookups data missing: lemmas = lower case
            table = {}
        name = "medlint_lemmas"
        if name not in Language.factories:
            Language.component(name, func=_lemma_component(table))
        nlp.add_pipe(name)
    nlp.max_length = max(nlp.max_length, MAX_BLOCK_CHARS * 2)
    _NLP = nlp
    return nlp


def docs_for(article: Article) -> list[Doc]:
    nlp = get_nlp()
    texts = [
        b.text if len(b.text) <= MAX_BLOCK_CHARS else b.text[:MAX_BLOCK_CHARS]
        for b in article.blocks
    ]
    return list(nlp.pipe(texts, batch_size=64))


def make_doc(text: str) -> Doc:
    """Tokenise a pack phrase the way article text is tokenised (no pipeline components)."""
    return get_nlp().make_doc(text)


def phrase_matcher(key: str, phrases: Iterable[str], attr: str = "LOWER") -> PhraseMatcher:
    """A PhraseMatcher for ``phrases``, compiled once per process under ``key``.

    Each phrase is added under its own label (the phrase itself), so
    ``nlp.vocab.strings[match_id]`` gives back the pack entry that matched.
    """
    cache_key = f"phrase:{key}:{attr}"
    m = _MATCHERS.get(cache_key)
    if m is None:
        from spacy.matcher import PhraseMatcher

        nlp = get_nlp()
        m = PhraseMatcher(nlp.vocab, attr=attr)
        for p in dict.fromkeys(phrases):
            if not p:
                continue
            doc = nlp(p) if attr == "LEMMA" else nlp.make_doc(p)
            m.add(p, [doc])
        _MATCHERS[cache_key] = m
    return m


def matcher(key: str, patterns: dict[str, list[list[dict[str, Any]]]]) -> Matcher:
    """A token Matcher compiled once per process under ``key``; ``patterns`` maps label → patterns."""
    cache_key = f"matcher:{key}"
    m = _MATCHERS.get(cache_key)
    if m is None:
        from spacy.matcher import Matcher

        m = Matcher(get_nlp().vocab)
        for label, pats in patterns.items():
            m.add(label, pats)
        _MATCHERS[cache_key] = m
    return m


def label(match_id: int) -> str:
    return str(get_nlp().vocab.strings[match_id])


def clear_matchers() -> None:
    _MATCHERS.clear()
