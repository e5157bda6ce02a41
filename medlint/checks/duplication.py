"""D3xx: duplication and scraping damage (D301-D305)."""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from medlint import nlp, packs
from medlint.analysis.word_frequency import is_frequent as _frequent
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching.prefilter import may_match
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
    """Per block: the block-line phrases, the glued terms, the fragments and the patterns.

    Fast path: each family is first looked for in the whole article
    (``Article.joined_text``), and only the glued terms, fragments and patterns whose
    literal needles (``evidence.needles``) occur there are tested in each block; a regex
    runs only on a block holding one of its needles.  Each skipped test is one that could
    not match, so the findings are the same.
    """
    art = _artifact_patterns()
    block_set, glued = art.block, art.glued
    blocks = list(ctx.article.body_blocks())
    whole = ctx.article.joined_text()  # every block, front matter values too: a superset
    whole_low = ctx.article.joined_text(lower=True)
    glued_terms = [t for t in art.glued_terms if t in whole] if glued is not None else []
    frags = tuple(f for f in art.fragments if f[0] in whole_low)
    # a pattern runs only where one of its literal needles is (evidence.may_match)
    patterns = [rx for rx in art.patterns if may_match(rx, whole, whole_low)]
    longest = max(map(len, block_set), default=0)
    for block in blocks:
        text = block.text
        core = text.strip(" .:!?…-–—|>»·•")
        # lower() never shortens a string, so a longer core cannot be a block phrase
        if len(core) <= longest and core.lower() in block_set:
            yield ctx.finding(
                block, 0, len(text), f"scrape artifact '{text}': a line of web-page chrome", fix=""
            )
            continue
        if glued is not None and glued_terms and any(t in text for t in glued_terms):
            for m in glued.finditer(text):
                yield ctx.finding(
                    block,
                    m.start(),
                    m.end(),
                    f"scrape artifact '{m.group(0)}' fused to the text around it; delete it",
                    fix="",
                )
        spans = _fragment_spans(text, frags) if frags else []
        low = text.lower() if patterns else ""
        for rx in patterns:
            if may_match(rx, text, low):
                spans.extend((m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start())
        for a, b in sorted(set(spans)):
            yield ctx.finding(
                block, a, b, f"scrape artifact '{text[a:b]}' left in the text; delete it"
            )


# -- D301-D303: repeated text ---------------------------------------------------------

_PARA_KINDS = ("paragraph", "quote")  # list items repeat across lists by design
_SENT_KINDS = ("paragraph", "list_item", "quote")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# For ASCII text, _words without a regex: one bytes.translate folds A-Z to a-z, keeps
# a-z and 0-9, turns every other byte into a space (or keeps "'" for _sentence_norms),
# then split() gives the runs of letters and digits.  Several times faster than findall.
_FOLD_ASCII = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256)
)
_FOLD_ASCII_APOS = bytes(39 if c == 39 else _FOLD_ASCII[c] for c in range(256))
# A statement sentence ends in a period or "!" (possibly before a closing quote/bracket).
_STATEMENT_END = re.compile(r"[.!][\"'”’)\]]*(?:\s|$)")


# a lower-case word, possibly with trailing punctuation: "tablets," "daily."
_LOWER_WORD_RE = re.compile(r"(?<!\S)\(?[a-z]+[.,;:)]*(?!\S)")


def _is_statement(text: str) -> bool:
    """Running prose: a sentence ending in a period, and mostly lower-case words (not a
    label, a question heading, an address or a table of phone numbers)."""
    if not _STATEMENT_END.search(text.rstrip()):
        return False
    tokens = len(text.split())  # runs of non-space (r"\S+"): re and split share str.isspace
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
    if text.isascii():  # lower case, apostrophes deleted, runs of [0-9a-z]: see _FOLD_ASCII
        return text.encode().translate(_FOLD_ASCII, b"'").decode().split()
    t = unicodedata.normalize("NFKC", text).replace("’", "'")
    return _WORD_RE.findall(t.lower().replace("'", ""))


# _FOLD_ASCII, but the sentencizer's ASCII sentence-final characters ("!", ".", "?"; its
# other punct_chars are not ASCII) become "." rather than a space: see _words_and_starts.
_FOLD_ASCII_STOPS = bytes(46 if c in b"!.?" else _FOLD_ASCII[c] for c in range(256))


def _words_and_starts(text: str) -> tuple[list[str], list[int] | None]:
    """``_words(text)`` and, for ASCII text, where its stretches between "!", "." and "?"
    begin: the index in the words of the first word after each such character (and of
    the first word), for stretches that have a word.  ``None`` for other text.

    The words are the same as ``_words``: the three characters are not word characters,
    so turning them into "." instead of a space and splitting at them first only marks
    where stretches begin.
    """
    if not text.isascii():
        return _words(text), None
    folded = text.encode().translate(_FOLD_ASCII_STOPS, b"'").decode()
    if "." not in folded:
        words = folded.split()
        return words, [0] if words else []
    words = []
    starts: list[int] = []
    for piece in folded.split("."):
        found = piece.split()
        if found:
            starts.append(len(words))
            words += found
    return words, starts


def _block_entry(art: Article, block: Block) -> tuple[list[str], tuple[int, ...] | None]:
    """``_words_and_starts`` of a block, computed once per article (D301, D302, D303).

    Kept in two dicts, the starts as a tuple of ints: no extra container per block for
    the garbage collector to track (it untracks a tuple holding only ints)."""
    words_of: dict[int, list[str]] = art.cache.setdefault("dup-words", {})
    starts_of: dict[int, tuple[int, ...] | None] = art.cache.setdefault("dup-starts", {})
    words = words_of.get(block.index)
    if words is None:
        words, starts = _words_and_starts(block.text)
        words_of[block.index] = words
        starts_of[block.index] = tuple(starts) if starts is not None else None
    return words, starts_of[block.index]


def _block_words(art: Article, block: Block) -> list[str]:
    """``_words`` of a block, computed once per article and shared by D301, D302 and D303."""
    got = art.cache.get("dup-words", {}).get(block.index)
    return got if got is not None else _block_entry(art, block)[0]


def _line(ctx: Context, block: Block) -> int:
    return ctx.article.line_of(block.src_start)


_K = TypeVar("_K", str, int)  # a shingle, or its hash (_any_may_pass)


@dataclass
class _Dups:
    exact: dict[int, int]  # block index → block index of its first occurrence
    near: dict[int, tuple[int, float]]  # block index → (earlier block index, similarity)


def _shingles(words: list[str], k: int) -> set[str]:
    """The paragraph's ``k``-word shingles, each as its words joined by spaces.

    Strings rather than tuples: the same sets (words never contain a space) and the same
    order (a space sorts before every word character, so joined strings compare like the
    tuples), but strings are not tracked by the garbage collector: hundreds of retained
    tuples per article made the collector run, and scan the whole heap, far more often.
    ``zip`` reuses its result tuple when ``join`` has let go of it, so no tuple is kept.
    """
    if len(words) < k:
        return {" ".join(words)} if words else set()
    if k < 1:
        return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
    return set(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


def _shared_shingles(sets: list[set[_K]]) -> set[_K]:
    """Shingles found in more than one of ``sets``, with set operations (in C)."""
    seen: set[_K] = set()
    dupes: set[_K] = set()
    for s in sets:
        dupes |= s & seen
        seen |= s
    return dupes


def _any_may_pass(word_lists: list[list[str]], k: int, threshold: float) -> bool:
    """Could any of these paragraphs pass _near_pairs' shared-shingle filter?

    Answered on the hashes of the shingles' word tuples (no string per shingle: three
    times faster, and nothing for the garbage collector), with a test that a paragraph
    passing the filter on its strings always passes.  Hashing is a function of the
    shingle (the joined string and the tuple determine each other, words having no
    space), so a shingle found in two paragraphs still is, and each hash found in no
    other paragraph comes from at least one such shingle: a paragraph has at most as
    many unshared hashes as unshared shingles.  Passing on the strings means at most
    ``(1 - threshold) * d`` unshared shingles (d distinct shingles; 1e-6 covers the
    rounding of the float product), and ``d`` is at most the number of shingle positions
    (hashes that collide could make the hashed set smaller, so its size is not used).
    """
    if k < 1:
        return any(_may_pass([_shingles(w, k) for w in word_lists], threshold))
    sets: list[set[int]] = []
    sizes: list[int] = []  # at least the number of distinct shingles of each paragraph
    for words in word_lists:
        if len(words) < k:
            sets.append({hash(tuple(words))} if words else set())
            sizes.append(1 if words else 0)
        else:
            tuples = (
                zip(words, words[1:], words[2:], strict=False)  # the default, faster
                if k == 3
                else zip(*[words[i:] for i in range(k)], strict=False)
            )
            sets.append(set(map(hash, tuples)))
            sizes.append(len(words) - k + 1)
    dupes = _shared_shingles(sets)
    return any(
        len(s) - len(s & dupes) <= (1.0 - threshold) * n + 1e-6
        for s, n in zip(sets, sizes, strict=True)
    )


def _may_pass(sets: list[set[_K]], threshold: float) -> list[bool]:
    """For each set: do at least ``threshold`` of its shingles occur in another set?  A
    paragraph whose shingles mostly occur nowhere else cannot be a near copy."""
    dupes = _shared_shingles(sets)
    return [len(s & dupes) >= threshold * len(s) for s in sets]


def _near_pairs(sets: list[tuple[int, set[str]]], threshold: float) -> dict[int, tuple[int, float]]:
    """Earlier near duplicates by Jaccard similarity, with prefix filtering.

    Shingles are ordered rarest first; two sets with Jaccard >= t must share a
    shingle within their first ``|S| - ceil(t*|S|) + 1`` shingles, so only those are
    indexed and probed.  The work grows with the number of shared rare shingles,
    not with the square of the number of paragraphs.
    """
    passing = _may_pass([s for _, s in sets], threshold)
    if not any(passing):
        return {}  # the common case: nothing more to do
    freq: Counter[str] = Counter()
    for _, s in sets:
        freq.update(s)
    index: dict[str, list[int]] = defaultdict(list)
    out: dict[int, tuple[int, float]] = {}
    by_pos: dict[int, set[str]] = {}
    for pos, (bidx, s) in enumerate(sets):
        if not passing[pos]:  # shared shingles (freq[sh] > 1) < threshold * len(s)
            by_pos[pos] = s
            continue
        order = sorted(s, key=lambda sh: (freq[sh], sh))
        by_pos[pos] = s
        plen = len(order) - math.ceil(threshold * len(order)) + 1
        probed: set[int] = set()
        best: tuple[int, float] | None = None
        for sh in order[:plen]:
            for other in index.get(sh, ()):
                if other in probed:
                    continue
                probed.add(other)
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
    candidates: list[tuple[int, set[str]]] = []
    art = ctx.article
    min_exact, min_near = int(d301["min-words"]), int(d302["min-words"])
    size, threshold = int(d302["shingle-size"]), float(d302["threshold"])
    shingles: dict[int, set[str]] = {}
    # Fast path.  Test every paragraph and quote, statement or not (a superset of the
    # candidates below): if no two of them have the same words and none could pass
    # _near_pairs' shared-shingle filter, there is neither an exact nor a near duplicate.
    # (Adding sets to _near_pairs' input only adds shared shingles, so a candidate that
    # passes the filter among the candidates also passes it among the superset.)  Skips
    # _is_statement and _near_pairs for nearly every article.
    norms: set[str] = set()
    repeated = False
    word_lists: list[list[str]] = []
    for block in art.blocks:
        if block.kind not in _PARA_KINDS:
            continue
        words = _block_words(art, block)
        if len(words) >= min_exact and not repeated:
            norm = " ".join(words)
            repeated = norm in norms
            norms.add(norm)
        if len(words) >= min_near:
            word_lists.append(words)
    if not repeated and not _any_may_pass(word_lists, size, threshold):
        result = _Dups(exact, {})
        art.cache[key] = result
        return result
    for block in art.blocks:
        if block.kind not in _PARA_KINDS or not _is_statement(block.text):
            continue
        words = _block_words(art, block)
        norm = " ".join(words)
        if len(words) >= min_exact:
            if norm in first:
                if not _similar_neighbours(ctx.article, first[norm], block.index):
                    exact[block.index] = first[norm]
                continue
            first[norm] = block.index
        if len(words) >= min_near:
            sh = shingles.get(block.index)
            if sh is None:
                sh = shingles[block.index] = _shingles(words, size)
            candidates.append((block.index, sh))
    near = _near_pairs(candidates, threshold) if candidates else {}
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


def _sentence_norms(art: Article, block: Block) -> tuple[list[int], list[str], list[int]]:
    """Per sentence: its offsets (flat: start, end, start, end…), its normalised words
    joined by spaces (" ".join(_words(sentence text))) and its word count.

    Sentences are the shared ``nlp.sentences``.  An ASCII block is translated once (as
    ``_words`` does, but keeping apostrophes, so that offsets do not move); a sentence's
    words are then its slice with the apostrophes deleted, split.  Other blocks use
    ``_words`` sentence by sentence.  (Parallel lists, not a tuple per sentence: fewer
    objects for the garbage collector.)
    """
    text = block.text
    sents = nlp.sentences(art.doc(block))
    offsets: list[int] = []
    norms: list[str] = []
    counts: list[int] = []
    if text.isascii():
        folded = text.encode().translate(_FOLD_ASCII_APOS)
        for sent in sents:
            a, b = sent.start_char, sent.end_char
            found = folded[a:b].replace(b"'", b"").split()
            offsets += (a, b)
            norms.append(b" ".join(found).decode())
            counts.append(len(found))
    else:
        for sent in sents:
            a, b = sent.start_char, sent.end_char
            words = _words(text[a:b])
            offsets += (a, b)
            norms.append(" ".join(words))
            counts.append(len(words))
    return offsets, norms, counts


def _may_repeat_sentence(art: Article, min_words: int) -> bool:
    """Whether a sentence of ``min_words`` words or more may repeat an earlier one (False:
    certainly not), mostly without the sentences.

    In an ASCII block, a sentence's words (``_sentence_norms``) are a run of the block's
    words (``_block_words``) that begins where a stretch of ``_words_and_starts`` begins
    and ends where another begins or at the block's end: the sentencizer starts a
    sentence only after a token that is "!", "." or "?" (its ASCII punct_chars), followed
    by punctuation tokens and spaces, none of which hold a word character, and sentence
    boundaries fall between tokens, so no word is cut.  Two sentences with the same
    words, ``min_words`` or more of them, are therefore two places that begin at stretch
    starts with the same first ``min_words`` words and have, at the same length (at
    least ``min_words``, at most the length of their common words), a possible end in
    both (``_could_repeat``).  If no two places are such, no sentence repeats.  (Stretch
    starts are a superset of sentence starts: "e.g." makes extra ones, which can only
    add a false alarm.)  The sentences of other blocks (not ASCII, or cut for spaCy) are
    used as they are, each a place of its own words with one possible end.
    """
    m = max(min_words, 1)  # the rule compares sentences with at least one word
    # A place is an int (no tuple per place for the garbage collector): block index * 2**32
    # + the index of its first word, or -1 - its position in ``sentences`` (other blocks).
    first: dict[str, int] = {}  # first m words -> the first place with them
    later: dict[str, list[int]] = {}  # ... -> the other places with them (rare)
    sentences: list[tuple[list[str], list[int]]] = []  # (words, [their number])

    def place(code: int) -> tuple[list[str], Sequence[int], int]:
        if code < 0:
            words, ends = sentences[-1 - code]
            return words, ends, 0
        index, i = divmod(code, 1 << 32)
        words, starts = _block_entry(art, art.blocks[index])
        return words, [*(starts or ())[1:], len(words)], i

    def repeats(key: str, code: int) -> bool:
        earlier = first.get(key)
        if earlier is None:
            first[key] = code
            return False
        here = place(code)
        if any(_could_repeat(place(c), here, m) for c in (earlier, *later.get(key, ()))):
            return True
        later.setdefault(key, []).append(code)
        return False

    for block in art.prose_blocks():
        if block.kind not in _SENT_KINDS:
            continue
        words, starts = _block_entry(art, block)
        if starts is not None and len(block.text) <= nlp.MAX_BLOCK_CHARS:
            base = block.index << 32
            for i in starts:
                if i + m > len(words):
                    break  # (starts ascend)
                if repeats(" ".join(words[i : i + m]), base + i):
                    return True
            continue
        _offsets, norms, counts = _sentence_norms(art, block)
        for norm, n in zip(norms, counts, strict=True):
            if n >= m:
                found = norm.split(" ")
                sentences.append((found, [n]))
                if repeats(" ".join(found[:m]), -len(sentences)):
                    return True
    return False


def _could_repeat(
    x: tuple[list[str], Sequence[int], int], y: tuple[list[str], Sequence[int], int], m: int
) -> bool:
    """Two places with the same first ``m`` words (see ``_may_repeat_sentence``): is there
    a length from ``m`` up to the length of their common words at which both may end?"""
    wx, ex, ix = x
    wy, ey, iy = y
    limit = min(len(wx) - ix, len(wy) - iy)
    common = m
    while common < limit and wx[ix + common] == wy[iy + common]:
        common += 1
    lengths = {e - ix for e in ex if m <= e - ix <= common}
    return any(e - iy in lengths for e in ey)


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
    if not _may_repeat_sentence(art, min_words):
        return
    # Every sentence in reading order, as (block, start, end, normalised words joined by
    # spaces, word count).  Only a sentence of min-words words or more whose words repeat
    # an earlier sentence's can start a reported run: without one, stop here.
    per_block: list[tuple[Block, tuple[list[int], list[str], list[int]]]] = []
    seen: set[str] = set()
    repeated = False
    for block in art.prose_blocks():
        if block.kind not in _SENT_KINDS:
            continue
        got = _sentence_norms(art, block)
        per_block.append((block, got))
        if not repeated:
            for norm, n in zip(got[1], got[2], strict=True):
                if n and n >= min_words:
                    if norm in seen:
                        repeated = True
                        break
                    seen.add(norm)
    if not repeated:
        return
    dups = _duplicates(ctx)
    skip = set(dups.exact) | set(dups.near)
    # every sentence in reading order, as (block, text, words, start, end); short ones and
    # questions are context only
    sents: list[tuple[Block, str, list[str], int, int]] = []
    list_of: dict[int, int] = {}  # list item block index → first block of its list
    run_start = -1
    for block in art.prose_blocks():
        if block.kind == "list_item":
            prev = art.blocks[block.index - 1] if block.index > 0 else None
            if prev is None or prev.kind != "list_item":
                run_start = block.index
            list_of[block.index] = run_start
    for block, (offsets, norms, counts) in per_block:
        for k, (norm, n) in enumerate(zip(norms, counts, strict=True)):
            a, b = offsets[2 * k], offsets[2 * k + 1]
            sents.append((block, block.text[a:b], norm.split(" ") if n else [], a, b))
    first: dict[str, int] = {}
    orig_of: dict[int, int] = {}  # sentence position → position of its first occurrence
    for k, (_block, _text, words, _a, _b) in enumerate(sents):
        norm = " ".join(words)
        if not norm:
            continue
        if norm not in first:
            first[norm] = k
        else:
            orig_of[k] = first[norm]

    def comparable(k: int) -> bool:
        _block, text, words, _a, _b = sents[k]
        return len(words) >= min_words and _is_statement(text)

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
            if _BULLET_START.match(sx[1]) and _BULLET_START.match(sy[1]):
                template = True
        same_block = sents[o_lo][0] is block
        if not template and (not single or same_block):
            b0, s0_start = sents[o_lo][0], sents[o_lo][3]
            line = art.line_of(b0.src_offset(s0_start))
            what = "this sentence repeats the one" if n < 2 else f"these {n} sentences repeat those"
            yield ctx.finding(
                block,
                sents[a][3],
                sents[b][4],
                f"{what} on line {line}; delete the repeat",
            )
        k = b + 1


# -- D305: words fused at a lost line break --------------------------------------------

_CAMEL = re.compile(r"(?<![\w@./#\\-])([A-Za-z][a-z]*(?:[A-Z][a-z]+)+)(?![\w@]|\.[A-Za-z]{2,}\b)")
_HUMP_ANY = re.compile(r"[a-z][A-Z][a-z]")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


# Letter classes for _hump_blocks: a-z -> "a", A-Z -> "A", every other byte -> " ".
_LETTER_CASE = bytes(97 if 97 <= c <= 122 else 65 if 65 <= c <= 90 else 32 for c in range(256))


def _hump_blocks(art: Article) -> list[int]:
    """Indices of the blocks containing a ``_HUMP_ANY`` match ([a-z][A-Z][a-z]), in order.

    Searched in the joined article text (``Article.joined_text``; a hump cannot span the joining
    newline).  For ASCII text, on a copy whose letters are reduced to "a"/"A" and the rest
    to spaces: ``bytes.find(b"aAa")`` finds the same positions as the regex, several times
    faster; after a hit the search resumes at the next block.
    """
    whole = art.joined_text()
    out: list[int] = []
    if whole.isascii():
        cases = whole.encode().translate(_LETTER_CASE)
        i = cases.find(b"aAa")
        if i == -1:
            return out
        starts = list(itertools.accumulate((len(b.text) + 1 for b in art.blocks), initial=0))
        while i != -1:
            index = bisect.bisect_right(starts, i) - 1
            out.append(index)
            i = cases.find(b"aAa", starts[index + 1])
        return out
    starts = list(itertools.accumulate((len(b.text) + 1 for b in art.blocks), initial=0))
    seen: set[int] = set()
    for m in _HUMP_ANY.finditer(whole):
        index = bisect.bisect_right(starts, m.start()) - 1
        if index not in seen:
            seen.add(index)
            out.append(index)
    return out


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


_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_ASCII_LETTERS_LOWER = re.compile(r"[a-z]+")


def _article_words(ctx: Context) -> Counter[str]:
    words = ctx.article.cache.get("word-counts")
    if not isinstance(words, Counter):
        # the runs of ASCII letters of every block, lower case (a run cannot span the
        # newlines of Article.joined_text; for ASCII text, lower() first changes nothing else)
        text = ctx.article.joined_text()
        if text.isascii():
            words = Counter(_ASCII_LETTERS_LOWER.findall(text.lower()))
        else:
            words = Counter(w.lower() for w in _ASCII_LETTERS.findall(text))
        ctx.article.cache["word-counts"] = words
    return words


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
    if counts[half] > 0 or _frequent(half, common):
        return True
    return any(counts[s] > 0 or _frequent(s, common) for s in _stems(half))


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
    art = ctx.article
    hump_blocks = _hump_blocks(art)
    if not hump_blocks:
        return
    pack = _camel_pack()
    counts: Counter[str] | None = None
    for index in hump_blocks:
        block = art.blocks[index]
        text = block.text
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
                # a half that also occurs on its own elsewhere is evidence, besides frequency
                known = all(_known_half(h.lower(), counts, pack["common"]) for h in (lhalf, rhalf))
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
