"""D305: two words fused at a lost line break ("UsesGabapentin", "AdviceIf")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from medlint import packs
from medlint.analysis.word_frequency import is_frequent as frequent
from medlint.analysis.words import word_counts
from medlint.context import Context
from medlint.findings import SAFE, UNSAFE, Finding
from medlint.matching.humps import SpacedRuns, hump_blocks, hump_run_contexts
from medlint.registry import rule

_CAMEL = re.compile(r"(?<![\w@./#\\-])([A-Za-z][a-z]*(?:[A-Z][a-z]+)+)(?![\w@]|\.[A-Za-z]{2,}\b)")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


@rule(
    "D305",
    "run-together-words",
    "error",
    "Two words fused at a lost line break: 'UsesGabapentin', 'AdviceIf', 'MoreMedically'.",
    rationale=(
        "Scrapers that drop line breaks glue a heading to the next sentence. The result is a "
        "non-word that screen readers spell out and readers stumble over. A fusion is reported "
        "only with evidence: the fused word is not a known word or name (word frequencies from "
        "wordfreq; allowlist rules/camelcase-allowlist.yaml), both halves are common English "
        "words or appear on their own in the article, and a signal shows a lost break: a "
        "heading-like first half ('DosageTake') or a sentence-starter second half after a "
        "heading ('AdviceIf'). Camel-case brands in running text are not reported."
    ),
    source="Editorial quality (publisher style guides); HONcode principle 8 (honest presentation)",
    bad="Using Telehealth for Medical AdviceIf symptoms start, call your doctor.",
    good="Using Telehealth for Medical Advice\nIf symptoms start, call your doctor.",
    fix=(
        "Put the line break (or space) back between the two words; `medlint check --fix` does "
        "it when the rule is sure, `--unsafe-fixes` also when it is not."
    ),
    fixable=True,
)
def run_together_words(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    humps = hump_blocks(art)  # the blocks where a camel-case word may be
    if not humps:
        return
    pack = _camel_pack()
    contexts = hump_run_contexts(art, humps)  # each camel-case word's surroundings
    names = SpacedRuns(art)  # the phrases "Name Word" of _name_continues, indexed once
    for index in humps:
        block = art.blocks[index]
        text = block.text
        for m in _CAMEL.finditer(text):
            token = m.group(1)
            low = token.lower()
            if low in pack.allow or len(_HUMP.split(token)) < 2:
                continue
            counts = word_counts(ctx.analysis)
            # the same camel-case word in different places is a name, not an accident
            if counts[low] > 1 and len(contexts.get(token, ())) > 1:
                continue
            offset = m.start(1)
            found = _fusion(names, text, offset, token, counts, pack)
            if found is None:
                continue
            at = offset + len(found.left)
            brk = "\n" if art.fmt == "txt" and found.heading else " "
            how = SAFE if found.sure else UNSAFE
            yield ctx.at(
                *block.src_span(offset, offset + len(token)),
                f"'{token}' looks like two words fused at a lost line break: "
                f"'{found.left}' + '{found.right}'; put the break back",
                ctx.fix(block, at, at, brk, how),
            )


@dataclass(frozen=True)
class _Split:
    left: str
    right: str
    heading: bool  # a Title Case heading (or a heading word) runs up to the hump
    sure: bool  # two independent signals: the fix is safe


def _fusion(
    names: SpacedRuns, text: str, offset: int, token: str, counts: Counter[str], pack: _CamelPack
) -> _Split | None:
    """The first split of ``token`` (at ``text[offset:]``) that looks like a lost break, or
    None.  Both halves must be known words, and the split needs a signal: a heading-like
    first half ("DosageTake", "Side EffectsCall"), a sentence-starter second half after a
    Title Case run or at a sentence start ("Older AgeThe", "AdviceIf"), a heading word
    repeated ("About TriptansTriptans"), a name the article uses that a sentence follows
    ("Apixaban AccordStop taking"), or a lower-case first half ("takeNaproxen").  A camel-case
    name in running text ("HealthDaily", "CareNavigator") has none of these."""
    parts = _HUMP.split(token)
    for i in range(1, len(parts)):
        left = "".join(parts[:i])
        lhalf, rhalf = parts[i - 1], parts[i]
        if len(lhalf) < 2 and i == 1:
            continue  # iPhone, eBay, mRNA-like prefixes
        if i == 1 and lhalf.lower() in pack.prefixes:
            continue  # McDonald, DeAngelis, LaRue
        # a half that also occurs on its own elsewhere is evidence, besides frequency
        if not all(_known_half(h.lower(), counts, pack.common) for h in (lhalf, rhalf)):
            continue
        found = _signals(names, text, offset, left, rhalf, pack)
        if found is None:
            continue
        # last (it reads the large word list): a known word or name is not a fusion
        if frequent(token.lower(), pack.known):
            return None
        heading, sure = found
        return _Split(left, "".join(parts[i:]), heading, sure)
    return None


def _signals(
    names: SpacedRuns, text: str, offset: int, left: str, rhalf: str, pack: _CamelPack
) -> tuple[bool, bool] | None:
    """(heading before the hump, sure) when the split at ``left`` + ``rhalf`` shows a lost
    break, else None."""
    if left.islower():
        return False, False  # "how to takeNaproxen": a lost space
    head = _title_run_before(text, offset, pack.minor)
    if head is None:  # running text before the token
        return (False, False) if _name_continues(names, text, offset, left) else None
    low = rhalf.lower()
    heading_left = _heading_word_ends(head, left, pack.headings)
    starter = low in pack.starters
    # the heading's topic repeated by the sentence: "About TriptansTriptans ease"
    repeated = low in {w.lower() for w in [*head, *_HUMP.split(left)[-1:]]}
    if heading_left:
        return True, starter or repeated
    if starter or repeated:
        return True, low in pack.strong or repeated
    return None


def _heading_word_ends(head: list[str], left: str, headings: frozenset[str]) -> bool:
    """The first half ends a heading of the pack: "Dosage", "Side Effects" ("Side" before)."""
    words = [w.lower() for w in [*head, *_HUMP.split(left)]]
    return any(" ".join(words[-n:]) in headings for n in range(1, min(len(words), 5) + 1))


@dataclass(frozen=True)
class _CamelPack:
    allow: frozenset[str]
    prefixes: frozenset[str]  # name prefixes: Mc, De, La…
    starters: frozenset[str]  # words that often start a sentence
    minor: frozenset[str]  # words a Title Case heading leaves in lower case
    strong: frozenset[str]  # starters that never end a name: the fix is safe
    headings: frozenset[str]  # headings scrapers glue to the next sentence
    common: float  # Zipf frequency of a common word (a half)
    known: float  # Zipf frequency of a known word (the whole token)


@packs.pack_cache
def _camel_pack() -> _CamelPack:
    pack = packs.load("camelcase-allowlist")
    allow = {str(w) for w in pack.get("allow") or []}
    return _CamelPack(
        allow=frozenset(w.lower() for w in allow),
        prefixes=frozenset(str(w).lower() for w in pack.get("name_prefixes") or []),
        starters=frozenset(str(w).lower() for w in pack.get("sentence_starters") or []),
        minor=frozenset(str(w).lower() for w in pack.get("title_minor_words") or []),
        strong=frozenset(str(w).lower() for w in pack.get("strong_sentence_starters") or []),
        headings=frozenset(
            " ".join(str(w).lower().split()) for w in pack.get("heading_words") or []
        ),
        common=float(pack.get("common_zipf", 3.0)),
        known=float(pack.get("known_word_zipf", 1.0)),
    )


def _stems(word: str) -> list[str]:
    """Candidate stems of a regular inflection ("cautions" -> "caution", "caused" ->
    "cause", "stopped" -> "stop"); none shorter than three letters."""
    out: list[str] = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    elif word.endswith("es"):
        out += [word[:-2], word[:-1]]
    elif word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    elif word.endswith("ed"):
        out += [word[:-2], word[:-1]]
    elif word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    else:
        return out
    stem = out[0]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        out.append(stem[:-1])  # "stopped", "planning"
    return [w for w in out if len(w) >= 3]


def _known_half(half: str, counts: Counter[str], common: float) -> bool:
    """``half`` (lower case) is a common English word or a word the article uses on its
    own, or a regular inflection of one: a heading often ends in a plural ("Interactions
    and cautions") that is rarer than its singular ("caution")."""
    if counts[half] > 0 or frequent(half, common):
        return True
    return any(counts[s] > 0 or frequent(s, common) for s in _stems(half))


def _title_run_before(text: str, start: int, minor: frozenset[str]) -> list[str] | None:
    """The words before ``start`` in its sentence when they are all Title Case (an empty
    list at the start of a sentence or block), else None."""
    a = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start))
    head = text[(a + 2 if a != -1 else 0) : start].split()
    out: list[str] = []
    for w in head:
        core = w.strip("\"'“”‘’()[],:;|-–—")
        if not core:
            continue
        if core[0].isupper() or core.lower() in minor or core[0].isdigit():
            out.append(core)
            continue
        return None
    return out


def _name_continues(names: SpacedRuns, text: str, offset: int, left: str) -> bool:
    """'… Apixaban AccordStop taking': the left half ends a name the article uses elsewhere
    ("Apixaban Accord") and a lower-case word follows, so a sentence starts at the hump."""
    before = text[:offset].split()
    if not before or not before[-1][:1].isupper():
        return False
    after = text[offset:].split(None, 2)
    if len(after) < 2 or not after[1][:1].islower():
        return False
    return names.has_phrase(before[-1], left)  # "Apixaban Accord" in some block
