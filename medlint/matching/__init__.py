"""The matching layer, owned by the engine.

Rules do not compile matchers or run them themselves: a rule *declares* what it needs
(:class:`Needs`, given to ``@rule(..., needs=...)``), the engine compiles the needs of the
*selected* rules once per process (:func:`layer_for`), and a rule reads the matches of the
article it lints from ``ctx.matches`` (:class:`Matches`).  Every speed trick lives in this
package, beside the test that shows it gives what the plain library call gives:

* ``phrases``   one spaCy PhraseMatcher pass per Doc for every declared phrase list;
* ``tokens``    spaCy Matcher token patterns (declared as :class:`TokenSection`) run as
                regexes over one code per token, built once per article;
* ``prefilter`` literal pre-filters that let a regex skip texts it cannot match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from medlint.matching import tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from medlint.analysis import Analysis
    from medlint.document.model import Block
    from medlint.registry import Rule

T = TypeVar("T")


@dataclass(frozen=True)
class PhraseList:
    """Phrases (read from a pack by ``phrases``) matched on the lower-case form (``LOWER``)
    or another token attribute, under a key unique across rules (``CODE:name``)."""

    key: str
    phrases: Callable[[], Iterable[str]]
    attr: str = "LOWER"


@dataclass(frozen=True)
class TokenSection:
    """A section of token patterns (``label -> [spaCy Matcher pattern]``, given by
    ``patterns(key)``, e.g. a section of ``rules/safety.yaml``), matched per sentence by
    ``tokens``.  Rules that declare the same key share its matches."""

    key: str
    patterns: Callable[[str], dict[str, list[list[dict[str, Any]]]]]


@dataclass(frozen=True)
class Needs:
    """What a rule asks of the matching layer."""

    phrases: tuple[PhraseList, ...] = field(default_factory=tuple)
    token_sections: tuple[TokenSection, ...] = field(default_factory=tuple)


class PhraseLists(tuple[PhraseList, ...]):
    """A layer's phrase lists, hashed once: the key its shared matcher is compiled and
    looked up under (``phrases.compiled`` runs for every Doc and key, and hashing the
    lists each time cost more than the lookup)."""

    _hash: int

    def __new__(cls, lists: Iterable[PhraseList]) -> PhraseLists:
        self = super().__new__(cls, lists)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self) -> int:
        return self._hash


class MatchLayer:
    """The compiled needs of a set of rules (one per selection, shared by every article)."""

    def __init__(
        self, phrase_lists: Sequence[PhraseList], token_sections: Sequence[TokenSection] = ()
    ) -> None:
        self.phrase_lists: dict[str, PhraseList] = {}
        for pl in phrase_lists:
            self.phrase_lists.setdefault(pl.key, pl)
        self.lists_key = PhraseLists(self.phrase_lists.values())
        self.token_sections: dict[str, TokenSection] = {}
        for ts in token_sections:
            self.token_sections.setdefault(ts.key, ts)

    @classmethod
    def for_rules(cls, rules: Iterable[Rule]) -> MatchLayer:
        lists: list[PhraseList] = []
        sections: list[TokenSection] = []
        for r in rules:
            if r.needs is not None:
                lists.extend(r.needs.phrases)
                sections.extend(r.needs.token_sections)
        return cls(lists, sections)

    def matches(self, analysis: Analysis) -> Matches:
        return Matches(self, analysis)


class Matches:
    """The matches of the declared needs in one article, computed on first use."""

    def __init__(self, layer: MatchLayer, analysis: Analysis) -> None:
        self.layer = layer
        self.analysis = analysis
        self._facts: dict[Callable[[Matches], Any], Any] = {}

    def fact(self, compute: Callable[[Matches], T]) -> T:
        """``compute(self)``, computed once per article: a fact of the article that reads
        matches (several rules may share it), memoized under the function itself like
        :meth:`medlint.analysis.Analysis.fact`.  Every rule that asks for it must declare
        the phrase lists it reads."""
        try:
            return self._facts[compute]
        except KeyError:
            got = self._facts[compute] = compute(self)
            return got

    def phrase_matches(self, doc: Doc, key: str) -> list[tuple[str, int, int]]:
        """(phrase, start, end) of every match of ``key``'s phrases in ``doc``, in the order
        spaCy's PhraseMatcher gives them."""
        from medlint.matching import phrases

        return phrases.phrase_matches(self.layer, doc, key)

    def blocks_with(self, *keys: str, prose: bool = False) -> list[Block]:
        """The body blocks (``prose``: prose blocks only), in order, whose Doc has a match of
        one of ``keys``: a block without one has nothing for the rule to report."""
        from medlint.matching import phrases

        return phrases.blocks_with(self.layer, self.analysis, keys, prose)

    def spans(self, doc: Doc, key: str) -> list[Span]:
        """Longest non-overlapping matches of ``key``'s phrases in ``doc``."""
        return [s for _, s in self.labelled(doc, key)]

    def labelled(self, doc: Doc, key: str) -> list[tuple[str, Span]]:
        """Like :meth:`spans`, with the pack phrase that matched each span."""
        from medlint.matching import phrases

        return phrases.labelled(self.phrase_matches(doc, key), doc)

    def token_hits(self, block: Block, key: str) -> list[tokens.Hit]:
        """The hits of token section ``key`` in ``block``, sorted by (start, -end), as
        spaCy's Matcher gives them sentence by sentence (do not modify the list)."""
        return tokens.hits(self.analysis, block, self._section(key))

    def first_token_hit(self, key: str, blocks: Iterable[Block] | None = None) -> tokens.Hit | None:
        """The first hit of token section ``key`` in ``blocks`` (default: the body)."""
        return tokens.first_hit(self.analysis, self._section(key), blocks)

    def _section(self, key: str) -> TokenSection:
        try:
            return self.layer.token_sections[key]
        except KeyError:
            raise KeyError(f"token section {key!r} was not declared in the rule's needs") from None
