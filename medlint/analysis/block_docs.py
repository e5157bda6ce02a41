"""Reusing the spaCy Docs of unchanged blocks between lints (the language server).

An article's Docs are made block by block, each from the block's text alone
(``nlp.docs_for``: the tokenizer, then sentence starts and lemmas of that text), and the
per-Doc caches medlint keeps in ``Doc.user_data`` (lower-case forms, sentences, phrase
matches, anchor words) are functions of the Doc and of the process's compiled matchers.
So a Doc made for the same text earlier is the Doc a fresh lint would make, with its
caches already filled: :class:`BlockDocs` keeps the Docs of recent lints, keyed by the
block's text, and hands them to the next lint of an edited article, which then tokenises
and matches only the blocks that changed.

Exactness:

* The key is (text, occurrence): the second paragraph with the same text in one article
  gets its own Doc, as in a fresh lint, so no two blocks of an article share a Doc (a rule
  may key its memo by Doc).
* The Docs are made by ``nlp.docs_for`` itself, from an article of the missing blocks.
* The cache is dropped when the packs change (``packs.extra_packs()``), since the phrase
  matches cached in a Doc belong to the matchers compiled from the packs; the language
  server also clears it when it reloads a configuration.
* It is bounded (``max_blocks`` blocks and ``max_chars`` characters of text, the least
  recently used out first; the article being linted always fits), so the memory it holds
  does not grow with the number of articles opened (a Doc takes about 130 bytes per
  character of its text, with its caches).

``tests/test_block_docs.py`` lints sequences of edits with and without it and compares
every finding.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from medlint import packs

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from spacy.tokens import Doc

    from medlint.document.model import Article, Block

DEFAULT_MAX_BLOCKS = 2048  # about 25 articles of 2,000 words
DEFAULT_MAX_CHARS = 500_000  # about 65 MB of Docs at most


class BlockDocs:
    """A least-recently-used cache of block Docs keyed by (block text, occurrence)."""

    def __init__(
        self, max_blocks: int = DEFAULT_MAX_BLOCKS, max_chars: int = DEFAULT_MAX_CHARS
    ) -> None:
        self.max_blocks = max_blocks
        self.max_chars = max_chars
        self.chars = 0  # the length of the texts of the Docs held
        self._docs: OrderedDict[tuple[str, int], Doc] = OrderedDict()
        self._packs: tuple[Path, ...] = packs.extra_packs()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._docs)

    def clear(self) -> None:
        self._docs.clear()
        self.chars = 0

    def docs_for(self, article: Article) -> list[Doc]:
        """One Doc per block of ``article`` (``docs[block.index]``), as ``nlp.docs_for``
        makes them, reusing the Docs of blocks seen before."""
        from medlint import nlp
        from medlint.document.model import Article

        if packs.extra_packs() != self._packs:
            self.clear()
            self._packs = packs.extra_packs()
        seen: dict[str, int] = {}
        keys: list[tuple[str, int]] = []
        for block in article.blocks:
            n = seen.get(block.text, 0)
            seen[block.text] = n + 1
            keys.append((block.text, n))
        cache = self._docs
        missing = [k for k in dict.fromkeys(keys) if k not in cache]
        if missing:
            stand_in = Article(article.path, "", article.fmt)
            stand_in.blocks = [_text_block(text) for text, _n in missing]
            for key, doc in zip(missing, nlp.docs_for(stand_in), strict=True):
                cache[key] = doc
                self.chars += len(key[0])
        self.misses += len(missing)
        self.hits += len(keys) - len(missing)
        out = []
        for key in keys:
            cache.move_to_end(key)
            out.append(cache[key])
        keep = len(out)  # the article's own Docs are the most recently used
        while len(cache) > keep and (len(cache) > self.max_blocks or self.chars > self.max_chars):
            (text, _n), _doc = cache.popitem(last=False)
            self.chars -= len(text)
        return out


def _text_block(text: str) -> Block:
    from medlint.document.model import Block

    return Block("paragraph", text, [])
