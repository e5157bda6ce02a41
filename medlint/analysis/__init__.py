"""The shared per-article analysis: typed facts every rule may read, each computed once.

The engine makes one :class:`Analysis` per article and hands it to every rule through
``ctx.analysis``.  A fact several rules need (the body blocks, the evidence of citations
and rates, the review metadata, drug mentions…) is either a cached property here or a
function of the analysis decorated with :func:`per_article`, which memoizes it on the
analysis under the function itself: no string keys, and the type checker sees the result's
type.  A rule's private memo is ``ctx.memo``, a dictionary namespaced by the rule's code.

Modules of this package hold the shared text analyses (``evidence``: citations and stated
rates; ``readability``: sentence, word and syllable counts and the readability formulas;
``drugs``: the drug lexicon, the drug names in an article and the medicine it is about;
``block_docs``: the Docs of unchanged blocks reused between lints, for the language server).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, wraps
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from medlint.analysis.block_docs import BlockDocs
    from medlint.analysis.evidence import Evidence
    from medlint.config import Settings
    from medlint.document.metadata import Metadata
    from medlint.document.model import Article, Block

T = TypeVar("T")


class Analysis:
    """What medlint knows about one article, shared by the rules that lint it."""

    def __init__(
        self, article: Article, settings: Settings, block_docs: BlockDocs | None = None
    ) -> None:
        self.article = article
        self.settings = settings
        if block_docs is not None:  # the Docs of unchanged blocks come from earlier lints
            article.docs = block_docs.docs_for(article)
        self._facts: dict[Callable[[Analysis], Any], Any] = {}
        self._memos: dict[str, dict[Any, Any]] = {}

    # -- facts ----------------------------------------------------------------

    def fact(self, compute: Callable[[Analysis], T]) -> T:
        """``compute(self)``, computed once per article (see :func:`per_article`)."""
        try:
            return self._facts[compute]
        except KeyError:
            got = self._facts[compute] = compute(self)
            return got

    def memo(self, namespace: str) -> dict[Any, Any]:
        """A dictionary private to ``namespace`` (a rule's code), kept for this article."""
        return self._memos.setdefault(namespace, {})

    # -- the article's parts ----------------------------------------------------

    @cached_property
    def body_blocks(self) -> list[Block]:
        """The body blocks (not front matter values), in order.  Do not modify the list."""
        return list(self.article.body_blocks())

    @cached_property
    def prose_blocks(self) -> list[Block]:
        """Paragraphs, list items, quotes and table cells, in order."""
        return list(self.article.prose_blocks())

    @property
    def docs(self) -> list[Doc]:
        """One spaCy Doc per block (``docs[block.index]``), from the one NLP pass."""
        return self.article.docs

    def doc(self, block: Block) -> Doc:
        return self.article.docs[block.index]

    def joined_text(self, lower: bool = False) -> str:
        """Every block's text joined by newlines (or its lower case): a word absent from it
        is absent from every block, so rules use it to skip whole articles cheaply."""
        return self.article.joined_text(lower)

    # -- shared analyses --------------------------------------------------------

    @cached_property
    def evidence(self) -> Evidence:
        """Citations, named sources and stated rates (``medlint.analysis.evidence``)."""
        from medlint.analysis.evidence import compute

        return compute(self.article)

    @cached_property
    def metadata(self) -> Metadata:
        """Review dates, reviewers and authors from front matter and bylines."""
        from medlint.document.metadata import extract_metadata

        return extract_metadata(self.article, self.settings)


def per_article(compute: Callable[[Analysis], T]) -> Callable[[Analysis], T]:
    """Decorate a function of the analysis so it is computed once per article."""

    @wraps(compute)
    def wrapper(analysis: Analysis) -> T:
        return analysis.fact(compute)

    return wrapper
