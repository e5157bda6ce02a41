"""S203 unsafe-instruction: telling readers to stop, skip, double or change a medicine alone."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import nlp, packs
from medlint.analysis.drugs import DrugLexicon, drug_lexicon
from medlint.checks.safety import patterns
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, tokens
from medlint.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from medlint.document.model import Block


@rule(
    "S203",
    "unsafe-instruction",
    "error",
    "The text tells the reader to stop, skip, double or change a medicine with no clinician "
    "in the sentence.",
    rationale=(
        "An instruction such as 'Stop taking gabapentin if you feel dizzy' can cause seizures or "
        "withdrawal when followed without a prescriber. FDA labels and patient leaflets pair "
        "every such instruction with a clinician or urgent care ('stop taking it and get "
        "emergency help right away'). Safe advice does not fire: negated instructions ('Do not "
        "double the dose to make up for a missed one'), clinician-led ones ('Your doctor may "
        "tell you to stop'), missed-dose advice ('skip the missed dose')."
    ),
    source="FDA Medication Guides; MedlinePlus; EU package leaflets; ISMP safe-practice guidance",
    bad="Stop taking gabapentin if you feel dizzy.",
    good=(
        "If you feel dizzy, talk to your doctor before you stop taking gabapentin; they may "
        "lower your dose gradually."
    ),
    fix=(
        "Put the clinician in the sentence: 'Talk to your doctor before you stop …', or, for an "
        "emergency, 'Stop taking it and call 911 / your doctor right away if …'."
    ),
    needs=Needs(
        token_sections=patterns.sections(
            "clinician-qualifier",
            "clinician-contact",
            "missed-dose",
            "dose-change-phrases",
            "safe-objects",
            "not-instruction",
        )
    ),
)
def unsafe_instruction(ctx: Context) -> Iterator[Finding]:
    for block, span, verb in _unsafe_instructions(ctx):
        what = f"to {verb} a medicine" if verb else "to change how they take a medicine"
        yield ctx.span_finding(
            block,
            span,
            f"'{span.text}' tells readers {what} with no clinician in the sentence: say who "
            "decides, e.g. 'Talk to your doctor before you stop taking it', or for an emergency "
            "'Stop taking it and get medical help right away if …'",
        )


def _unsafe_instructions(ctx: Context) -> Iterator[tuple[Block, Span, str]]:
    """(block, instruction, its verb or "" for a phrase of the pack's dose-change-phrases)
    for every instruction to act on a medicine alone."""
    grammar = _grammar()
    imp_hashes = _imperative_hashes()
    for block in ctx.analysis.prose_blocks:
        view = tokens.block_view(ctx.analysis, block)
        phrases = ctx.matches.token_hits(block, "dose-change-phrases")
        if not phrases and view.words.isdisjoint(imp_hashes):
            continue  # no imperative verb in the block (one set test)
        words = _Words.of(view)
        found: list[tuple[int, int]] = []
        for i in [i for i, h in enumerate(view.hashes) if h in imp_hashes]:
            k = view.sent_index(i)
            obj_end = _instruction_object(words, i, k, grammar)
            if obj_end is None or _clinician_or_safe(ctx, block, words, i, k, obj_end, grammar):
                continue
            found.append((i, obj_end))
            yield block, words.doc[i:obj_end], words.low[i]
        for h in phrases:
            k = view.sent_index(h.start)
            if any(h.start < e and s < h.end for s, e in found):
                continue  # "Stop taking your tablets for a week": reported for its verb
            if not _addressed_to_reader(words, h.start, k, grammar):
                continue
            if _clinician_or_safe(ctx, block, words, h.start, k, h.end, grammar):
                continue
            yield block, words.doc[h.start : h.end], ""


@dataclass(frozen=True)
class _Words:
    """A block's tokens as the tests read them."""

    doc: Doc
    low: Sequence[str]  # lower-case forms
    lem: Sequence[str]  # lemmas
    sents: list[Span]

    @classmethod
    def of(cls, view: tokens.BlockView) -> _Words:
        low = tokens.TokenWords(view)
        return cls(view.doc, low, _lemma_forms(view.doc, low), view.sents)


def _instruction_object(words: _Words, i: int, k: int, grammar: _Grammar) -> int | None:
    """End of the medicine that the imperative verb (token ``i``, in sentence ``k``) tells
    the reader to act on, or None when token ``i`` is no such instruction (not addressed to
    the reader, a question, negated, or not about a medicine)."""
    if not _addressed_to_reader(words, i, k, grammar):
        return None
    _imp, _neg, med, take = _imperatives()
    return _medicine_object(
        words.doc, words.low, words.lem, i, words.sents[k].end, med, take, drug_lexicon(), grammar
    )


def _addressed_to_reader(words: _Words, i: int, k: int, grammar: _Grammar) -> bool:
    """Is token ``i`` (in sentence ``k``) the start of an instruction to the reader: in an
    imperative position, not in a question, not negated?"""
    neg = _imperatives()[1]
    low, lem = words.low, words.lem
    sent = words.sents[k]
    if not _imperative_at(low, i, sent.start, grammar):
        return False
    if sent.text.rstrip().endswith("?"):
        return False
    return not any(low[j] in neg or lem[j] in neg for j in range(max(sent.start, i - 3), i))


def _clinician_or_safe(
    ctx: Context, block: Block, words: _Words, i: int, k: int, obj_end: int, grammar: _Grammar
) -> bool:
    """Does the pack say the instruction (verb ``i`` to ``obj_end`` in sentence ``k``) is
    safe: a clinician in the sentence or at the start of the next one, missed-dose advice,
    a safe object, or a sentence that is no instruction?"""
    hits = ctx.matches.token_hits
    sents = words.sents
    sent = sents[k]
    if any(q.within(sent) for q in hits(block, "clinician-qualifier")):
        return True
    nxt = sents[k + 1] if k + 1 < len(sents) else None
    if nxt is not None and any(
        c.within(nxt) and c.start - nxt.start <= 2 for c in hits(block, "clinician-contact")
    ):
        return True  # "Stop taking it if you become pregnant. Talk to your doctor about …"
    if words.low[i] in grammar.missed_dose_verbs:
        prv = sents[k - 1] if k > 0 else None
        if any(
            h.within(sent) or (prv is not None and h.within(prv))
            for h in hits(block, "missed-dose")
        ):
            return True  # missed-dose advice from the label
    if any(i < s.start < obj_end + 2 and s.end <= sent.end for s in hits(block, "safe-objects")):
        return True
    return any(h.within(sent) and h.start < i for h in hits(block, "not-instruction"))


@packs.pack_cache
def _imperatives() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    vocab = patterns.vocab()
    imp = frozenset(w.lower() for w in vocab.get("IMPERATIVE", []))
    neg_l, neg_x = patterns.words("NEG", vocab)
    med_l, med_x = patterns.words("MEDICINE", vocab)
    take_l, take_x = patterns.words("TAKE", vocab)
    return imp, frozenset(neg_l | neg_x), frozenset(med_l | med_x), frozenset(take_l | take_x)


@packs.pack_cache
def _imperative_hashes() -> frozenset[int]:
    return tokens.hashes_of(_imperatives()[0])


@dataclass(frozen=True)
class _Grammar:
    leads: frozenset[str]
    openers: frozenset[str]
    modals: frozenset[str]
    need: frozenset[str]
    object_starts: frozenset[str]
    pronouns: frozenset[str]
    noun_after: frozenset[str]
    missed_dose_verbs: frozenset[str]


@packs.pack_cache
def _grammar() -> _Grammar:
    g = patterns.pack().get("instruction") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in g.get(key) or [])

    return _Grammar(
        words("leads"),
        words("clause-openers"),
        words("modals"),
        words("need"),
        words("object-starts"),
        words("pronouns"),
        words("noun-after"),
        words("missed-dose-verbs"),
    )


_CLAUSE_SEPS = frozenset({",", ":", ";", "—", "–", "-", "(", "•"})


def _imperative_at(low: Sequence[str], i: int, start: int, g: _Grammar) -> bool:
    """Is token ``i`` (a bare verb; ``low`` = the block's lower-case tokens, ``start`` = its
    sentence's first token) used as an instruction to the reader?"""
    n_prev = i - start
    if not n_prev:
        return True
    p = low[i - 1]
    if p in g.leads and (n_prev == 1 or low[i - 2] in _CLAUSE_SEPS):
        return True
    if p in _CLAUSE_SEPS:
        return p != "," or low[start] in g.openers or n_prev == 1
    # "you should stop", "you can skip", "you need to stop", "you may want to stop"
    window = low[max(start, i - 5) : i]
    words = window
    if words[-1] == "to":
        if len(words) < 2 or words[-2] not in g.need:
            return False  # "tell you to stop": someone else's instruction
        words = words[:-2]
    if words and words[-1] in g.modals:
        words = words[:-1]
    return bool(words) and words[-1] == "you" and len(words) < len(window)


def _lemma_forms(doc: Doc, low: Sequence[str]) -> Sequence[str]:
    """The tokens' lemmas (the lower-case forms themselves with the default pipeline)."""
    if nlp.lemma_is_lower() or not len(doc):
        return low
    from spacy.attrs import LEMMA

    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array([LEMMA]).tolist()]


def _medicine_object(
    doc: Doc,
    low: Sequence[str],
    lem: Sequence[str],
    verb: int,
    sent_end: int,
    med: frozenset[str],
    take: frozenset[str],
    lex: DrugLexicon,
    g: _Grammar,
) -> int | None:
    """End (token index) of the medicine the verb (token ``verb``) acts on, within a few
    words; else None."""
    end = min(sent_end, verb + 9)
    i = verb + 1
    if i >= end:
        return None
    if low[i] in take or lem[i] in take:
        if i + 1 < end and low[i + 1] in g.pronouns:
            return i + 2
        i += 1
    elif low[i] in g.noun_after or (low[i] not in g.object_starts and low[i] not in lex.first):
        return None  # "Change in dose …", "Double doses can …": not an instruction
    n = len(low)
    for j in range(i, end):
        t = doc[j]
        if t.is_punct and t.text not in ("-", "/", "'", "’"):
            return None
        if low[j] in med or lem[j] in med:
            return j + 1
        if low[j] in lex.first:
            for toks, _g in lex.first[low[j]]:
                k = len(toks)
                if j + k <= n and all(low[j + x] == toks[x] for x in range(k)):
                    return j + k
    return None
