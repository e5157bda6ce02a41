"""P604 medical-jargon: a medical term with a plain alternative, not explained in its sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint.analysis import readability
from medlint.checks.plain_language.jargon import JargonTerm, inflect, jargon, jargon_forms
from medlint.checks.plain_language.language import english
from medlint.checks.plain_language.typography import quoted
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, PhraseList
from medlint.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from medlint.document.model import Block

_PROSE = ("paragraph", "list_item", "quote", "table_cell")
TERMS = PhraseList("P604:jargon", lambda: jargon()[1])


@rule(
    "P604",
    "medical-jargon",
    "info",
    "A medical term with a plain-language alternative, not explained in its sentence.",
    rationale=(
        "Readers with limited health literacy stumble over technical terms; the CDC Clear "
        "Communication Index asks for words the audience uses. Terms and their plain "
        "alternatives live in rules/jargon.yaml, each with its source. A term is fine when the "
        "same sentence explains it ('hypertension (high blood pressure)', 'sudden jerks, called "
        "myoclonus', 'edema: swelling…', 'an embolism, which is…') or uses the plain word, and "
        "once it has been explained in the article. A term of several words is one finding with "
        "one suggestion, in the term's number and tense ('analgesics (painkillers)'). Each term is reported once per article, at its first unexplained use. "
        "Checked in paragraphs, list items, quotes and table cells; a capitalised term in "
        "mid-sentence (a name) or a term in quotation marks is skipped."
    ),
    source=(
        "CDC Plain Language Thesaurus for Health Communications; University of Michigan Plain "
        "Language Medical Dictionary; CDC Everyday Words for Public Health Communication; "
        "CDC Clear Communication Index item 6"
    ),
    bad="Gabapentin can cause somnolence in older adults.",
    good="Gabapentin can cause somnolence (sleepiness) in older adults.",
    fix="Use the plain word, or keep the term and explain it in the same sentence the first time.",
    needs=Needs(phrases=(TERMS,)),
)
def medical_jargon(ctx: Context) -> Iterator[Finding]:
    terms, index = jargon()
    if not index:
        return
    settled: set[int] = set()  # explained: later uses are fine
    pending: dict[tuple[int, ...], _Hit] = {}  # the first unexplained use of each term
    counts: dict[tuple[int, ...], int] = {}
    for block in ctx.matches.blocks_with(TERMS.key):
        if not english(ctx.analysis, block):
            continue
        doc = ctx.analysis.doc(block)
        prose = block.kind in _PROSE
        for hit in _hits(block, doc, ctx.matches.phrase_matches(doc, TERMS.key), index):
            span, ids = hit.span, hit.ids
            if all(i in settled for i in ids):
                continue
            if _skipped(block, span, terms[ids[-1]]):
                continue
            if _jargon_explained(block, span, [terms[i] for i in ids]):
                settled.update(ids)  # an earlier unexplained use is still reported
                continue
            if not prose:
                continue  # headings and titles can explain a term but are not reported
            counts[ids] = counts.get(ids, 0) + 1
            if ids not in pending:
                pending[ids] = _Hit(span, ids, block)
    for ids, hit in sorted(pending.items(), key=lambda kv: (kv[1].block.index, kv[1].span.start)):
        if len(ids) > 1 and all(i in settled for i in ids):
            continue
        more = counts.get(ids, 1) - 1
        tail = f" (used {more} more time{'s' if more != 1 else ''})" if more > 0 else ""
        yield _finding(ctx, hit, [terms[i] for i in ids], tail)


def _skipped(block: Block, span: Span, last: JargonTerm) -> bool:
    """A name, a quoted word or part of a condition's name."""
    return (
        _is_name(span)
        or quoted(block.text, span.start_char, span.end_char)
        or _names_a_condition(span, last)
    )


@dataclass(frozen=True)
class _Hit:
    """A use of one term, or of an adjective term and the term right after it ("cardiac
    arrhythmia"), which is one span with one finding."""

    span: Span
    ids: tuple[int, ...]
    block: Block


def _hits(
    block: Block, doc: Doc, matches: list[tuple[str, int, int]], index: dict[str, int]
) -> list[_Hit]:
    """The longest matches, in order, with an adjective term merged into the term after it."""
    terms = jargon()[0]
    spans = sorted(((s, e, label) for label, s, e in matches), key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, tuple[int, ...]]] = []
    last_end = -1
    for s, e, label in spans:
        i = index.get(label)
        if s < last_end or i is None:
            continue  # inside a longer term ("allergic rhinitis" over "rhinitis")
        last_end = e
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev[1] == s
            and len(prev[2]) == 1
            and terms[prev[2][0]].pos == "adj"
            and terms[i].pos == "noun"
        ):
            out[-1] = (prev[0], e, (prev[2][0], i))  # "pulmonary" + "embolism": one span
        else:
            out.append((s, e, (i,)))
    return [_Hit(doc[s:e], ids, block) for s, e, ids in out]


def _finding(ctx: Context, hit: _Hit, entries: list[JargonTerm], tail: str) -> Finding:
    span, block = hit.span, hit.block
    text = span.text
    before = block.text[max(0, span.start_char - 30) : span.start_char]
    if len(entries) == 1:
        entry = entries[0]
        form = jargon_forms().get(text.lower(), "")
        if form == "plural" and entry.plural:
            alt = entry.plural[0]  # "metastases": "places the cancer has spread to"
        else:
            alt = inflect(entry.plain[0], form, before) if entry.plain else "a plain word"
        msg = (
            f"'{text}' is medical jargon{tail}: write '{alt}', or explain it the first time, "
            f"e.g. '{text} ({alt})'"
        )
    else:
        parts = "; ".join(f"'{e.term}': '{e.plain[0]}'" for e in entries if e.plain)
        msg = (
            f"'{text}' is medical jargon{tail}: say it in plain words ({parts}), or explain "
            f"it the first time"
        )
    return ctx.finding(
        block,
        span.start_char,
        span.end_char,
        msg,
        term=" ".join(e.term for e in entries),
        plain=[p for e in entries for p in e.plain[:1]]
        if len(entries) > 1
        else list(entries[0].plain),
        sources=sorted({x for e in entries for x in e.src}),
    )


# An explanation right after the term: "(high blood pressure)", ": sudden jerks",
# ", or high blood pressure", " — swelling…", ", also called…", " is a…", ", a condition…",
# ", in which…"; up to two words may come between ("cardiovascular diseases (diseases of
# the heart and circulation)").
_EXPLAINED_AFTER = re.compile(
    r"""^\s*(?:
        [(\[](?=[^)\]]*[a-z]{3})
      | (?:[a-z][\w-]*\s+){1,2}[(\[](?=[^)\]]*[a-z]{3}[^)\]]*\s[^)\]]*[a-z]{3})
      | [:—–]\s*\w
      | \s-\s\w
      | ,?\s*(?:or|also\s+called|also\s+known\s+as|known\s+as|sometimes\s+called
               |which\s+means|which\s+is|which\s+are|meaning|that\s+is|i\.e\.|refers?\s+to
               |means|is\s+when|are\s+when|is\s+where|is\s+(?:a|an)|are\s+(?:a|an)?\s*(?:medicines?
               |drugs?|conditions?|problems?|terms?|words?|names?))\b
      | ,\s*(?:a|an|the|in\s+which|where|when|which|who|that\s+is)\s
      | \s*--\s*\w
      | ,?\s*(?:used|given|taken|prescribed)\s+(?:to\s+(?:treat|prevent|relieve|lower|control)|for)\s
    )""",
    re.X | re.I,
)
# …or the term is named after its explanation: "… called myoclonus", "known as edema",
# "muscle pain (myalgia)", "irregular heartbeat (cardiac arrhythmia)", "-- or acute otitis".
_EXPLAINED_BEFORE = re.compile(
    r"(?:\b(?:called|termed|named|known\s+as|referred\s+to\s+as|diagnosed\s+as)(?:\s+(?:an?|the))?"
    r"(?:\s+[a-z][\w-]*)?"
    r"|\b(?:the\s+)?(?:medical|technical|scientific|clinical)\s+(?:term|word|name)"
    r"(?:\s+for\s+(?:this|it))?(?:\s+is)?"
    r"|(?:[,(\[—–]|--)\s*or(?:\s+[a-z][\w-]*)?"
    r"|[(\[](?:\s*[\w'’-]+[,;]?){0,3})\s*[\"“‘']?\s*$",
    re.I,
)
_NOT_LETTERS = re.compile(r"[^a-z]+")


def _mentions_plain(sentence_lower: str, entries: list[JargonTerm]) -> bool:
    condensed = _NOT_LETTERS.sub("", sentence_lower)
    for p in (p for e in entries for p in e.plain):
        low = p.lower()
        if " " in low or "-" in low:
            if _NOT_LETTERS.sub("", low) in condensed:  # "middle-ear infections"
                return True
        elif re.search(rf"(?<!\w){re.escape(low)}s?(?!\w)", sentence_lower):
            return True
    return False


def _jargon_explained(block: Block, span: Span, entries: list[JargonTerm]) -> bool:
    sent = span.sent
    text = block.text
    sent_start, sent_end = sent.start_char, sent.end_char
    sent_text = text[sent_start:sent_end]  # = sent.text, without rebuilding it from tokens
    after = text[span.end_char : sent_end]
    before = text[sent_start : span.start_char]
    if _EXPLAINED_AFTER.match(after) or _EXPLAINED_BEFORE.search(before):
        return True
    if _mentions_plain(sent_text.lower(), entries):
        return True
    # a label sentence followed by its explanation: "- Gastroesophageal reflux disease. Acid…"
    if (
        sent_start == 0
        and not text[: span.start_char].strip(" -•*")
        and readability.count_words(sent_text) <= 5
        and sent_end < len(text.rstrip())
    ):
        return True  # the term starts a short first sentence that the rest of the block explains
    # …or explained by the next sentence: "… to an otolaryngologist. This is a doctor who…",
    # "… chronic obstructive pulmonary disease. COPD is a lung disease that…"
    nxt = text[sent_end : sent_end + 200].lstrip()
    if _NEXT_EXPLAINS.match(nxt):
        return True
    m = re.match(r"(?:The\s+)?([A-Za-z][\w-]*(?:\s+[\w-]+){0,3}?)\s*,?\s+(?:is|are|means)\s", nxt)
    if not m:
        return False
    head = m.group(1)
    if head.lower() == span.text.lower():
        return True
    initials = "".join(w[0] for w in re.split(r"[\s-]+", span.text) if w).upper()
    return head.isupper() and head.rstrip("s") == initials


_NEXT_EXPLAINS = re.compile(
    r"(?:This|These|That|It|They|Such\s+\w+)\s+(?:is|are)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}"
    r"(?:doctors?|specialists?|medicines?|drugs?|conditions?|diseases?|problems?|terms?|words?"
    r"|names?|types?|kinds?|tests?|procedures?|treatments?)\b"
)


def _names_a_condition(span: Span, entry: JargonTerm) -> bool:
    """Part of a named condition: "neuroleptic malignant syndrome", "benign paroxysmal…"."""
    doc = span.doc
    nxt = [t.lower_ for t in doc[span.end : span.end + 3] if t.is_alpha]
    if entry.except_next and nxt and nxt[0] in entry.except_next:
        return True
    return entry.pos == "adj" and "syndrome" in nxt[:2]


def _is_name(span: Span) -> bool:
    """Capitalised in mid-sentence (a name: "Hypertension" the journal, "Cardiac Care Unit")."""
    first = span[0]
    if first.text.isupper() and len(first.text) > 1:
        return True
    if not first.text[:1].isupper():
        return False
    sent_start = span.sent.start
    i = first.i - 1
    while i >= sent_start and (span.doc[i].is_punct or span.doc[i].is_space):
        i -= 1
    return i >= sent_start  # a word precedes it in the sentence
