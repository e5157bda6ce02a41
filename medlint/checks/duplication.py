"""D3xx: duplication and scraping damage (D301-D305)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article, Block


@dataclass(frozen=True)
class _Artifacts:
    block: frozenset[str]
    glued: re.Pattern[str] | None
    glued_terms: tuple[str, ...]
    fragments: tuple[tuple[str, bool], ...]  # (lower case, needs word boundaries)
    patterns: tuple[re.Pattern[str], ...]


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@packs.pack_cache
def _artifact_patterns() -> _Artifacts:
    pack = packs.load("artifacts")
    block = frozenset(str(p).strip().lower() for p in pack.get("block") or [])
    glued_terms = sorted({str(p) for p in pack.get("glued") or []}, key=len, reverse=True)
    alts = "|".join(re.escape(t) for t in glued_terms)
    glued = (
        # fused on the right ("Read MoreMedically") or on the left ("pain.Read More")
        re.compile(rf"(?:{alts})(?=[A-Z][a-z])|(?<=[a-z.!?])(?:{alts})(?=\s|$|[A-Z])")
        if alts
        else None
    )
    frags = tuple(
        (f, _word_char(f[0]))
        for f in dict.fromkeys(str(p).lower() for p in pack.get("fragment") or [] if str(p))
    )
    # Case-insensitive patterns share one compiled regex (one pass over the text).
    insensitive: list[str] = []
    sensitive: list[str] = []
    for p in (str(x) for x in pack.get("patterns") or []):
        if p.startswith("(?i)"):
            insensitive.append(f"(?:{p[4:]})")
        else:
            sensitive.append(packs.scoped_regex(p))
    compiled: list[re.Pattern[str]] = []
    if insensitive:
        compiled.append(re.compile("(?i)" + "|".join(insensitive)))
    if sensitive:
        compiled.append(re.compile("|".join(sensitive)))
    return _Artifacts(block, glued, tuple(glued_terms), frags, tuple(compiled))


def _fragment_spans(text: str, frags: tuple[tuple[str, bool], ...]) -> list[tuple[int, int]]:
    """Whole-phrase, case-insensitive occurrences of the pack fragments."""
    low = text.lower()
    out: list[tuple[int, int]] = []
    for f, wordy in frags:
        i = low.find(f)
        while i != -1:
            j = i + len(f)
            if not wordy or (
                (i == 0 or not _word_char(low[i - 1])) and (j == len(low) or not _word_char(low[j]))
            ):
                out.append((i, j))
            i = low.find(f, i + 1)
    return out


@rule(
    "D304",
    "scrape-artifact",
    "error",
    "Web-page chrome left in the text: 'Read More', '[...]', 'Click here', cookie notices…",
    rationale=(
        "Scrapers and CMS migrations leave navigation text in articles. It tells readers the page "
        "was not edited and breaks sentences apart. Phrases live in rules/artifacts.yaml."
    ),
    source="Editorial quality (HONcode principle 8: honesty in presentation); publisher style guides",
    bad="Gabapentin works by changing nerve signals [...]\nRead MoreMedically reviewed by …",
    good="Gabapentin works by changing how nerves send signals.\nMedically reviewed by …",
    fix="Delete the artifact; `medlint check --fix` removes it.",
    fixable=True,
)
def scrape_artifact(ctx: Context) -> Iterator[Finding]:
    art = _artifact_patterns()
    block_set, glued = art.block, art.glued
    for block in ctx.article.body_blocks():
        text = block.text
        core = text.strip(" .:!?…-–—|>»·•").lower()
        if core in block_set:
            yield ctx.finding(
                block, 0, len(text), f"scrape artifact '{text}': a line of web-page chrome", fix=""
            )
            continue
        if glued is not None and any(t in text for t in art.glued_terms):
            for m in glued.finditer(text):
                yield ctx.finding(
                    block,
                    m.start(),
                    m.end(),
                    f"scrape artifact '{m.group(0)}' fused to the text around it; delete it",
                    fix="",
                )
        spans = _fragment_spans(text, art.fragments)
        for rx in art.patterns:
            spans.extend((m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start())
        for a, b in sorted(set(spans)):
            yield ctx.finding(
                block, a, b, f"scrape artifact '{text[a:b]}' left in the text; delete it"
            )


# -- D301-D303: repeated text ---------------------------------------------------------

_PARA_KINDS = ("paragraph", "quote")  # list items repeat across lists by design
_SENT_KINDS = ("paragraph", "list_item", "quote")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# A statement sentence ends in a period or "!" (possibly before a closing quote/bracket).
_STATEMENT_END = re.compile(r"[.!][\"'”’)\]]*(?:\s|$)")


_TOKEN_RE = re.compile(r"\S+")
# a lower-case word, possibly with trailing punctuation: "tablets," "daily."
_LOWER_WORD_RE = re.compile(r"(?<!\S)\(?[a-z]+[.,;:)]*(?!\S)")


def _is_statement(text: str) -> bool:
    """Running prose: a sentence ending in a period, and mostly lower-case words (not a
    label, a question heading, an address or a table of phone numbers)."""
    if not _STATEMENT_END.search(text.rstrip()):
        return False
    tokens = len(_TOKEN_RE.findall(text))
    lower = len(_LOWER_WORD_RE.findall(text))
    return lower * 2 >= tokens


def _similar_neighbours(art: Article, a: int, b: int) -> bool:
    """Blocks ``a`` and ``b`` sit in a repeated template: the blocks just before them (or
    just after) are similar but not the same ('… 500 mg tablets …' / '… 750 mg tablets …')."""
    blocks = art.blocks
    for d in (-1, 1):
        i, j = a + d, b + d
        if not (0 <= i < len(blocks) and 0 <= j < len(blocks)) or i == b or j == a:
            continue
        x, y = set(_block_words(art, blocks[i])), set(_block_words(art, blocks[j]))
        if x and y and x != y and len(x & y) / len(x | y) >= 0.5:
            return True
    return False


def _words(text: str) -> list[str]:
    """Normalised words: case, punctuation and whitespace do not matter."""
    t = text if text.isascii() else unicodedata.normalize("NFKC", text).replace("’", "'")
    return _WORD_RE.findall(t.lower().replace("'", ""))


def _block_words(art: Article, block: Block) -> list[str]:
    """``_words`` of a block, computed once per article and shared by D301, D302 and D303."""
    cache: dict[int, list[str]] = art.cache.setdefault("dup-words", {})
    got = cache.get(block.index)
    if got is None:
        got = cache[block.index] = _words(block.text)
    return got


def _line(ctx: Context, block: Block) -> int:
    return ctx.article.line_of(block.src_start)


@dataclass
class _Dups:
    exact: dict[int, int]  # block index → block index of its first occurrence
    near: dict[int, tuple[int, float]]  # block index → (earlier block index, similarity)


def _shingles(words: list[str], k: int) -> set[tuple[str, ...]]:
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def _near_pairs(
    sets: list[tuple[int, set[tuple[str, ...]]]], threshold: float
) -> dict[int, tuple[int, float]]:
    """Earlier near duplicates by Jaccard similarity, with prefix filtering.

    Shingles are ordered rarest first; two sets with Jaccard >= t must share a
    shingle within their first ``|S| - ceil(t*|S|) + 1`` shingles, so only those are
    indexed and probed.  The work grows with the number of shared rare shingles,
    not with the square of the number of paragraphs.
    """
    freq: Counter[tuple[str, ...]] = Counter()
    for _, s in sets:
        freq.update(s)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    out: dict[int, tuple[int, float]] = {}
    by_pos: dict[int, set[tuple[str, ...]]] = {}
    for pos, (bidx, s) in enumerate(sets):
        # a paragraph whose shingles mostly occur nowhere else cannot be a near copy
        shared = sum(1 for sh in s if freq[sh] > 1)
        if shared < threshold * len(s):
            by_pos[pos] = s
            continue
        order = sorted(s, key=lambda sh: (freq[sh], sh))
        by_pos[pos] = s
        plen = len(order) - math.ceil(threshold * len(order)) + 1
        seen: set[int] = set()
        best: tuple[int, float] | None = None
        for sh in order[:plen]:
            for other in index.get(sh, ()):
                if other in seen:
                    continue
                seen.add(other)
                o = by_pos[other]
                small, large = sorted((len(s), len(o)))
                if large == 0 or small / large < threshold:
                    continue
                inter = len(s & o)
                sim = inter / (len(s) + len(o) - inter)
                if sim >= threshold and (best is None or sim > best[1]):
                    best = (other, sim)
        if best is not None:
            out[bidx] = (sets[best[0]][0], best[1])
        for sh in order[:plen]:
            index[sh].append(pos)
    return out


def _duplicates(ctx: Context) -> _Dups:
    """Exact and near duplicate paragraphs, computed once per article and settings."""
    d301 = {**_D301_DEFAULTS, **ctx.settings.rules.get("D301", {})}
    d302 = {**_D302_DEFAULTS, **ctx.settings.rules.get("D302", {})}
    key = "duplicates:{}:{}:{}:{}".format(
        int(d301["min-words"]),
        float(d302["threshold"]),
        int(d302["shingle-size"]),
        int(d302["min-words"]),
    )
    cached = ctx.article.cache.get(key)
    if isinstance(cached, _Dups):
        return cached
    exact: dict[int, int] = {}
    first: dict[str, int] = {}
    candidates: list[tuple[int, set[tuple[str, ...]]]] = []
    for block in ctx.article.blocks:
        if block.kind not in _PARA_KINDS or not _is_statement(block.text):
            continue
        words = _block_words(ctx.article, block)
        norm = " ".join(words)
        if len(words) >= int(d301["min-words"]):
            if norm in first:
                if not _similar_neighbours(ctx.article, first[norm], block.index):
                    exact[block.index] = first[norm]
                continue
            first[norm] = block.index
        if len(words) >= int(d302["min-words"]):
            candidates.append((block.index, _shingles(words, int(d302["shingle-size"]))))
    near = _near_pairs(candidates, float(d302["threshold"])) if candidates else {}
    near = {k: v for k, v in near.items() if not _similar_neighbours(ctx.article, v[0], k)}
    result = _Dups(exact, near)
    ctx.article.cache[key] = result
    return result


_D301_DEFAULTS = {"min-words": 6}
_D302_DEFAULTS = {"threshold": 0.85, "shingle-size": 3, "min-words": 8}


@rule(
    "D301",
    "duplicate-paragraph",
    "error",
    "A paragraph repeats an earlier one (ignoring case, whitespace and punctuation).",
    rationale=(
        "Repeated paragraphs are a sign of a bad scrape or CMS merge; they make an article "
        "longer and tell readers it was not edited. Editorial hygiene; DISCERN questions 1-2 "
        "(clear aims, achieved)."
    ),
    source="Editorial quality; DISCERN (Charnock et al., 1999) Q1-Q2",
    options={"min-words": Option(6, "paragraphs shorter than this many words are not compared")},
    bad="Gabapentin treats nerve pain and seizures.\n…\nGabapentin treats nerve pain and seizures.",
    good="Gabapentin treats nerve pain and seizures.\n…\n(the paragraph appears once)",
    fix="Delete the repeated paragraph (keep the first occurrence).",
)
def duplicate_paragraph(ctx: Context) -> Iterator[Finding]:
    dups = _duplicates(ctx)
    blocks = ctx.article.blocks
    for idx, first in sorted(dups.exact.items()):
        block = blocks[idx]
        yield ctx.finding(
            block,
            0,
            len(block.text),
            f"this paragraph repeats the one on line {_line(ctx, blocks[first])}; delete this copy",
        )


@rule(
    "D302",
    "near-duplicate-paragraph",
    "warning",
    "Two paragraphs are near copies (word-shingle similarity at or above `threshold`).",
    rationale=(
        "Near copies usually come from a scrape that caught both a teaser and the full text, or "
        "an edit that pasted a paragraph twice and changed a word. Similarity is the Jaccard "
        "index of word shingles after normalising case and punctuation."
    ),
    source="Editorial quality; DISCERN (Charnock et al., 1999) Q1-Q2",
    options={
        "threshold": Option(0.85, "Jaccard similarity of word shingles, 0 to 1"),
        "shingle-size": Option(3, "words per shingle"),
        "min-words": Option(8, "paragraphs shorter than this many words are not compared"),
    },
    bad="Take the tablets with food to avoid an upset stomach.\n…\nTake the tablets with food to avoid a stomach upset.",
    good="Take the tablets with food to avoid an upset stomach.\n…\nStore the tablets below 25 °C.",
    fix="Merge the two paragraphs into one, or delete the copy.",
)
def near_duplicate_paragraph(ctx: Context) -> Iterator[Finding]:
    dups = _duplicates(ctx)
    blocks = ctx.article.blocks
    for idx, (first, sim) in sorted(dups.near.items()):
        block = blocks[idx]
        yield ctx.finding(
            block,
            0,
            len(block.text),
            f"this paragraph is a near copy ({sim:.0%} similar) of the one on line "
            f"{_line(ctx, blocks[first])}; merge them or delete one",
        )


def _has_repeated_run(art: Article, n: int) -> bool:
    """Does any run of ``n`` consecutive normalised words occur twice in the prose?
    A cheap necessary condition for a repeated sentence of ``n`` or more words."""
    seen: set[tuple[str, ...]] = set()
    for block in art.prose_blocks():
        if block.kind not in _SENT_KINDS:
            continue
        words = _block_words(art, block)
        for i in range(len(words) - n + 1):
            gram = tuple(words[i : i + n])
            if gram in seen:
                return True
            seen.add(gram)
    return False


def _jaccard(x: list[str], y: list[str]) -> float:
    a, b = set(x), set(y)
    return len(a & b) / len(a | b) if a and b else 0.0


_BULLET_START = re.compile(r"^\s*[-•*▪◦]\s")


@rule(
    "D303",
    "duplicate-sentence",
    "warning",
    "A sentence of 6 or more words repeats an earlier one, outside a duplicated paragraph.",
    rationale=(
        "A sentence that appears twice is usually a copy-paste slip or scraped page chrome. "
        "Whole repeated paragraphs are reported by D301/D302 instead."
    ),
    source="Editorial quality; DISCERN (Charnock et al., 1999) Q1-Q2",
    options={"min-words": Option(6, "shorter sentences are not compared")},
    bad="Take it with food. Do not drive if it makes you drowsy. … Do not drive if it makes you drowsy.",
    good="Take it with food. Do not drive if it makes you drowsy.",
    fix="Delete the repeated sentence or reword one of them.",
)
def duplicate_sentence(ctx: Context) -> Iterator[Finding]:
    """Repeated sentences, as runs.

    A run of two or more repeated sentences (copying consecutive earlier ones) is
    reported once.  A lone repeated sentence is reported only inside the paragraph of
    its first occurrence: across sections, a lone repeat is usually deliberate (a
    leaflet repeating "Then take your next dose at the usual time").  Either is
    dropped when both copies sit in a template, i.e. next to similar but different
    sentences ("… 500 mg tablets. The score line …" / "… 750 mg tablets. The score line …").
    """
    min_words = int(ctx.options.get("min-words", 6))
    art = ctx.article
    if not _has_repeated_run(art, max(min_words, 1)):
        return  # no run of min-words words occurs twice: no sentence can repeat
    dups = _duplicates(ctx)
    skip = set(dups.exact) | set(dups.near)
    # every sentence in reading order; short ones and questions are context only
    sents: list[tuple[Block, Any, list[str]]] = []
    list_of: dict[int, int] = {}  # list item block index → first block of its list
    run_start = -1
    for block in art.prose_blocks():
        if block.kind not in _SENT_KINDS:
            continue
        if block.kind == "list_item":
            prev = art.blocks[block.index - 1] if block.index > 0 else None
            if prev is None or prev.kind != "list_item":
                run_start = block.index
            list_of[block.index] = run_start
        for sent in art.doc(block).sents:
            sents.append((block, sent, _words(sent.text)))
    first: dict[str, int] = {}
    orig_of: dict[int, int] = {}  # sentence position → position of its first occurrence
    for k, (_block, _sent, words) in enumerate(sents):
        norm = " ".join(words)
        if not norm:
            continue
        if norm not in first:
            first[norm] = k
        else:
            orig_of[k] = first[norm]

    def comparable(k: int) -> bool:
        _block, sent, words = sents[k]
        return len(words) >= min_words and _is_statement(sent.text)

    def same_list(k: int, o: int) -> bool:
        b, b0 = sents[k][0], sents[o][0]
        return b.kind != "list_item" or list_of.get(b.index) == list_of.get(b0.index, -2)

    k = 0
    while k < len(sents):
        o = orig_of.get(k)
        if o is None or not comparable(k) or sents[k][0].index in skip or not same_list(k, o):
            k += 1
            continue
        # extend the run over consecutive repeats (short sentences may join it)
        a, b = k, k
        while (
            b + 1 < len(sents)
            and orig_of.get(b + 1) == orig_of[b] + 1
            and sents[b + 1][0] is sents[k][0]
        ):
            b += 1
        lo, hi = a, b
        while (
            lo - 1 >= 0
            and orig_of.get(lo - 1) == orig_of.get(lo, -9) - 1
            and sents[lo - 1][0] is sents[k][0]
        ):
            lo -= 1
        n = sum(1 for x in range(lo, hi + 1) if comparable(x))
        o_lo, o_hi = orig_of[lo], orig_of[hi]
        block = sents[k][0]
        single = n < 2
        threshold = 0.2 if single else 0.5
        template = False
        for x, y, step in ((lo - 1, o_lo - 1, -1), (hi + 1, o_hi + 1, 1)):
            # skip neighbours that are the same in both places (part of the copy)
            for _ in range(3):
                if 0 <= x < len(sents) and 0 <= y < len(sents) and sents[x][2] == sents[y][2]:
                    x, y = x + step, y + step
            if not (0 <= x < len(sents) and 0 <= y < len(sents)) or x == o_lo or y == lo:
                continue
            sx, sy = sents[x], sents[y]
            wx, wy = set(sx[2]), set(sy[2])
            # similar but different, and not one cut from the other (a truncated copy)
            if not (wx <= wy or wy <= wx) and _jaccard(sx[2], sy[2]) >= threshold:
                template = True
            if _BULLET_START.match(sx[1].text) and _BULLET_START.match(sy[1].text):
                template = True
        same_block = sents[o_lo][0] is block
        if not template and (not single or same_block):
            b0, s0, _ = sents[o_lo]
            line = art.line_of(b0.src_offset(s0.start_char))
            what = "this sentence repeats the one" if n < 2 else f"these {n} sentences repeat those"
            yield ctx.finding(
                block,
                sents[a][1].start_char,
                sents[b][1].end_char,
                f"{what} on line {line}; delete the repeat",
            )
        k = b + 1


# -- D305: words fused at a lost line break --------------------------------------------

_CAMEL = re.compile(r"(?<![\w@./#\\-])([A-Za-z][a-z]*(?:[A-Z][a-z]+)+)(?![\w@]|\.[A-Za-z]{2,}\b)")
_HUMP_ANY = re.compile(r"[a-z][A-Z][a-z]")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


@packs.pack_cache
def _camel_pack() -> dict[str, Any]:
    pack = packs.load("camelcase-allowlist")
    allow = {str(w) for w in pack.get("allow") or []}
    return {
        "allow": frozenset(w.lower() for w in allow),
        "prefixes": frozenset(str(w).lower() for w in pack.get("name_prefixes") or []),
        "starters": frozenset(str(w).lower() for w in pack.get("sentence_starters") or []),
        "minor": frozenset(str(w).lower() for w in pack.get("title_minor_words") or []),
        "common": float(pack.get("common_zipf", 3.0)),
        "known": float(pack.get("known_word_zipf", 1.0)),
    }


@lru_cache(maxsize=4)
def _words_above(zipf: float) -> frozenset[str] | None:
    """English words whose Zipf frequency is at least ``zipf``, from wordfreq's data.

    wordfreq stores its word lists as buckets of words by frequency (one bucket per
    centibel, Zipf = 9 - index / 100).  Reading the bucket file directly avoids
    importing wordfreq and its dependencies (half a second of start-up) for the few
    articles that have a camel-case candidate.  ``None`` if the data cannot be read.
    """
    try:
        import gzip
        import importlib.util

        import msgpack

        spec = importlib.util.find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return None
        base = next(iter(spec.submodule_search_locations))
        name = "small" if zipf >= 3.0 else "large"
        with gzip.open(f"{base}/data/{name}_en.msgpack.gz", "rb") as fh:
            data = msgpack.load(fh, raw=False)
        if not isinstance(data, list) or not data or data[0].get("format") != "cB":
            return None
        n = round((9.0 - zipf) * 100)
        return frozenset().union(*data[1 : n + 2])
    except Exception:  # pragma: no cover - unexpected data layout: use the public API
        return None


def _frequent(word: str, zipf: float) -> bool:
    """``word`` (lower case) has a Zipf frequency of at least ``zipf`` in English."""
    words = _words_above(zipf)
    if words is not None:
        return word in words
    try:  # pragma: no cover - fallback when the data files cannot be read directly
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        return False
    return float(zipf_frequency(word, "en")) >= zipf


def _article_words(ctx: Context) -> Counter[str]:
    words = ctx.article.cache.get("word-counts")
    if not isinstance(words, Counter):
        words = Counter()
        for block in ctx.article.blocks:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", block.text))
        ctx.article.cache["word-counts"] = words
    return words


def _title_run_before(text: str, start: int, minor: frozenset[str]) -> bool:
    """The words before ``start`` in its sentence (at least one) are all Title Case."""
    a = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start))
    head = text[(a + 2 if a != -1 else 0) : start].split()
    if not head:
        return False
    for w in head:
        core = w.strip("\"'“”‘’()[],:;|-–—")
        if not core:
            continue
        if core[0].isupper() or core.lower() in minor or core[0].isdigit():
            continue
        return False
    return True


def _in_several_contexts(art: Article, token: str) -> bool:
    """``token`` occurs with different surroundings (a copied paragraph does not count)."""
    rx = re.compile(rf"(?<![A-Za-z]){re.escape(token)}(?![A-Za-z])")
    contexts = {
        b.text[max(0, m.start() - 1) : m.start()] + b.text[m.end() : m.end() + 12]
        for b in art.blocks
        for m in rx.finditer(b.text)
    }
    return len(contexts) > 1


def _name_continues(art: Article, text: str, offset: int, left: str) -> bool:
    """'… Apixaban AccordStop taking': the left half ends a name the article uses elsewhere
    ("Apixaban Accord") and a lower-case word follows, so a sentence starts at the hump."""
    before = text[:offset].split()
    if not before or not before[-1][:1].isupper():
        return False
    after = text[offset:].split(None, 2)
    if len(after) < 2 or not after[1][:1].islower():
        return False
    phrase = f"{before[-1]} {left}"
    rx = re.compile(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])")
    return sum(len(rx.findall(b.text)) for b in art.blocks) > 0


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
        "words or appear on their own in the article, and the shape fits a lost break."
    ),
    source="Editorial quality (publisher style guides); HONcode principle 8 (honest presentation)",
    bad="Using Telehealth for Medical AdviceIf symptoms start, call your doctor.",
    good="Using Telehealth for Medical Advice\nIf symptoms start, call your doctor.",
    fix="Put the line break (or space) back between the two words; `medlint check --fix` does it.",
    fixable=True,
)
def run_together_words(ctx: Context) -> Iterator[Finding]:
    pack = _camel_pack()
    art = ctx.article
    counts: Counter[str] | None = None
    for block in art.blocks:
        text = block.text
        if not _HUMP_ANY.search(text):
            continue
        for m in _CAMEL.finditer(text):
            token = m.group(1)
            low = token.lower()
            if low in pack["allow"]:
                continue
            parts = _HUMP.split(token)
            if len(parts) < 2:
                continue
            if counts is None:
                counts = _article_words(ctx)
            # the same camel-case word in different places is a name, not an accident
            if counts[low] > 1 and _in_several_contexts(art, token):
                continue
            offset = m.start(1)
            for i in range(1, len(parts)):
                left = "".join(parts[:i])
                right = "".join(parts[i:])
                lhalf, rhalf = parts[i - 1], parts[i]
                if len(lhalf) < 2 and i == 1:
                    continue  # iPhone, eBay, mRNA-like prefixes
                if i == 1 and lhalf.lower() in pack["prefixes"]:
                    continue  # McDonald, DeAngelis, LaRue
                known = all(
                    counts[h.lower()] > 0 or _frequent(h.lower(), pack["common"])
                    for h in (lhalf, rhalf)
                )
                # a half that also occurs on its own elsewhere is evidence, besides frequency
                if not known:
                    continue
                at = offset + len(left)
                heading = _title_run_before(text, offset, pack["minor"])
                shape = (
                    heading
                    or rhalf.lower() in pack["starters"]
                    or left.islower()
                    or _name_continues(art, text, offset, left)
                )
                if not shape:
                    continue
                # last (it reads the large word list): a known word or name is not a fusion
                if _frequent(low, pack["known"]):
                    break
                brk = "\n" if art.fmt == "txt" and heading else " "
                yield ctx.at(
                    *block.src_span(offset, offset + len(token)),
                    f"'{token}' looks like two words fused at a lost line break: "
                    f"'{left}' + '{right}'; put the break back",
                    ctx.fix(block, at, at, brk),
                )
                break
