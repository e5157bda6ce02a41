"""P604–P606: medical jargon, undefined abbreviations, stigmatizing language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.analysis import readability
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from medlint.document.model import Article, Block

_PROSE = ("paragraph", "list_item", "quote", "table_cell")
_QUOTES_OPEN = "\"“‘'«"
_QUOTES_CLOSE = "\"”’'»"


def _quoted(text: str, start: int, end: int) -> bool:
    """The words text[start:end] are wrapped in quotation marks (mentioned, not used)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(before) and before in _QUOTES_OPEN and bool(after) and after in _QUOTES_CLOSE


# ---------------------------------------------------------------------------
# P604 medical jargon
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class JargonTerm:
    term: str
    plain: tuple[str, ...]
    src: tuple[str, ...]
    pos: str = "noun"
    except_next: frozenset[str] = frozenset()


def _plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def _verb_forms(word: str) -> list[str]:
    stem = word[:-1] if word.endswith("e") else word
    return [_plural(word), stem + "ed", stem + "ing"]


def _variants(term: str, pos: str) -> list[str]:
    words = term.split()
    last = words[-1]
    forms = [last]
    if pos == "noun":
        forms.append(_plural(last))
    elif pos == "verb":
        forms += _verb_forms(last)
    return [" ".join([*words[:-1], f]) for f in forms]


def _build_jargon(pack: dict[str, Any]) -> tuple[list[JargonTerm], dict[str, int]]:
    terms: list[JargonTerm] = []
    index: dict[str, int] = {}
    for item in pack.get("terms") or []:
        if not isinstance(item, dict) or not item.get("term"):
            continue
        plain = item.get("plain") or []
        if isinstance(plain, str):
            plain = [plain]
        src = item.get("src") or []
        if isinstance(src, str):
            src = [src]
        pos = str(item.get("pos") or "noun")
        entry = JargonTerm(
            str(item["term"]),
            tuple(str(p) for p in plain),
            tuple(map(str, src)),
            pos,
            frozenset(str(w).lower() for w in item.get("except_next") or []),
        )
        i = len(terms)
        terms.append(entry)
        spellings = [entry.term, *(str(a) for a in item.get("also") or [])]
        variants: list[str] = []
        for sp in spellings:
            variants += _variants(sp.lower(), pos)
        variants += [str(f).lower() for f in item.get("forms") or []]
        for v in variants:
            index.setdefault(v, i)
    return terms, index


@packs.pack_cache
def _jargon() -> tuple[list[JargonTerm], dict[str, int]]:
    return _build_jargon(packs.load("jargon"))


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
      | ,\s*(?:a|an|the|in\s+which|where|when|which)\s
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


def _mentions_plain(sentence_lower: str, entry: JargonTerm) -> bool:
    condensed = _NOT_LETTERS.sub("", sentence_lower)
    for p in entry.plain:
        low = p.lower()
        if " " in low or "-" in low:
            if _NOT_LETTERS.sub("", low) in condensed:  # "middle-ear infections"
                return True
        elif re.search(rf"(?<!\w){re.escape(low)}s?(?!\w)", sentence_lower):
            return True
    return False


def _jargon_explained(block: Block, span: Span, entry: JargonTerm) -> bool:
    sent = span.sent
    text = block.text
    sent_start, sent_end = sent.start_char, sent.end_char
    sent_text = text[sent_start:sent_end]  # = sent.text, without rebuilding it from tokens
    after = text[span.end_char : sent_end]
    before = text[sent_start : span.start_char]
    if _EXPLAINED_AFTER.match(after) or _EXPLAINED_BEFORE.search(before):
        return True
    if _mentions_plain(sent_text.lower(), entry):
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
        "myoclonus', 'edema: swelling…') or uses the plain word, and once it has been explained "
        "in the article. Each term is reported once per article, at its first unexplained use. "
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
)
def medical_jargon(ctx: Context) -> Iterator[Finding]:
    terms, index = _jargon()
    if not index:
        return
    matcher = nlp.phrase_matcher("jargon", index, attr="LOWER")
    settled: set[int] = set()  # explained, or already reported
    pending: dict[int, tuple[Block, int, int, str]] = {}
    counts: dict[int, int] = {}
    for block in ctx.article.body_blocks():
        doc = ctx.article.doc(block)
        matches = matcher(doc)
        if not matches or not _english(ctx.article, block):
            continue
        prose = block.kind in _PROSE
        spans = sorted(
            ((doc[s:e], nlp.label(mid)) for mid, s, e in matches),
            key=lambda t: (t[0].start, -(t[0].end - t[0].start)),
        )
        last_end = -1
        for span, label in spans:
            if span.start < last_end:
                continue  # inside a longer term ("allergic rhinitis" over "rhinitis")
            last_end = span.end
            i = index.get(label)
            if i is None or i in settled:
                continue
            if _is_name(span) or _quoted(block.text, span.start_char, span.end_char):
                continue
            if _names_a_condition(span, terms[i]):
                continue
            if _jargon_explained(block, span, terms[i]):
                settled.add(i)  # later uses are fine; an earlier unexplained use is still reported
                continue
            if not prose:
                continue  # headings and titles can explain a term but are not reported
            counts[i] = counts.get(i, 0) + 1
            if i not in pending:
                pending[i] = (block, span.start_char, span.end_char, span.text)
    for i, (block, start, end, text) in sorted(
        pending.items(), key=lambda kv: (kv[1][0].index, kv[1][1])
    ):
        entry = terms[i]
        alt = entry.plain[0] if entry.plain else "a plain word"
        more = counts.get(i, 1) - 1
        tail = f" (used {more} more time{'s' if more != 1 else ''})" if more > 0 else ""
        yield ctx.finding(
            block,
            start,
            end,
            f"'{text}' is medical jargon{tail}: write '{alt}', or explain it the first time, "
            f"e.g. '{text} ({alt})'",
            term=entry.term,
            plain=list(entry.plain),
            sources=list(entry.src),
        )


# ---------------------------------------------------------------------------
# P605 undefined abbreviations
# ---------------------------------------------------------------------------

# An all-capital abbreviation of 2–5 capitals ("&" allowed inside), optional plural "s".
# Longer all-capital words are names or words set in capitals (LONDON, REUTERS, TYLENOL).
_ABBR = re.compile(r"(?<![\w&/.@#’'‐-])([A-Z][A-Z&]{0,3}[A-Z])(s|['’]s)?(?![\w@/]|[-‐][\w])")
_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:com|org|gov|net|edu|io|ai|co|uk)\S*"
)
_CAPS_WORD = re.compile(r"^[A-Z][A-Z&'’-]*$")
_TABLET_MARKING = re.compile(
    r"\b(?:debossed|embossed|engraved|imprinted|marked|printed)\b|\bon (?:one|the other) side\b",
    re.I,
)
_CREDIT = re.compile(r"[(\[]\s*(?:image|photo|picture|credit|source|courtesy)\b[^)\]]*$", re.I)


@dataclass(frozen=True)
class _AbbrPack:
    known: frozenset[str]
    credentials: frozenset[str]
    company_forms: frozenset[str]
    us_states: frozenset[str]


def _build_abbr(pack: dict[str, Any]) -> _AbbrPack:
    def s(key: str) -> frozenset[str]:
        return frozenset(str(x) for x in pack.get(key) or [])

    return _AbbrPack(s("known"), s("credentials"), s("company_forms"), s("us_states"))


@packs.pack_cache
def _abbr_pack() -> _AbbrPack:
    return _build_abbr(packs.load("abbreviations"))


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.6


_PREV_WORD = re.compile(r"([A-Za-z][\w.&'’-]*)[\s\[\]()\"“”‘’]*$")
_NEXT_WORD = re.compile(r"^[\s\[\]()\"“”‘’]*([A-Za-z][\w&'’-]*)")


def _neighbour_caps(text: str, start: int, end: int) -> bool:
    """Part of a run of capitalised words ("DO NOT STOP", "THAT [TYLENOL] IS")."""
    before = _PREV_WORD.search(text[:start])
    after = _NEXT_WORD.match(text[end:])
    return any(
        m is not None and len(m.group(1)) >= 2 and _CAPS_WORD.match(m.group(1)) is not None
        for m in (before, after)
    )


def _sentence_start(text: str, i: int) -> bool:
    head = text[:i].rstrip(" \t\"“‘'([")
    return not head or head[-1] in ".!?:;•·|—–\n"


def _word_before(text: str, start: int) -> re.Match[str] | None:
    return re.search(r"([A-Za-z][\w.&'’-]*)[ \t]+$", text[:start])


def _in_name(text: str, start: int, end: int, pack: _AbbrPack) -> bool:
    """Part of a proper name: "NYU Langone", "MD Anderson", "Novartis AG", "Denver, CO"."""
    after = re.match(r"[ \t]+[(\[]?([A-Za-z][\w'’-]*|\d)", text[end:])
    if after and (after.group(1)[0].isupper() or after.group(1)[0].isdigit()):
        return True  # "NYU Langone", "FAME 2 trial", "NY 10021", "UCB (Pharma) Ireland"
    if re.search(r"[A-Z][\w'’.-]*,[ \t]*$", text[:start]) and re.match(r"\s*,\s*[A-Z]", text[end:]):
        return True  # one item of an address or affiliation list: "Sanchinarro, CIOCC, Madrid"
    before = _word_before(text, start)
    token = text[start:end]
    if before and before.group(1)[0].isupper() and not _sentence_start(text, before.start(1)):
        return True  # "Sunset Yellow FCF", "Bayer AG"
    if token in pack.company_forms and before is not None:
        return True
    # "Denver, CO", "Los Angeles, CA;"
    return token in pack.us_states and bool(re.search(r"[A-Z][\w.'’-]*,[ \t]*$", text[:start]))


def _credential_position(text: str, start: int, pack: _AbbrPack) -> bool:
    """After a name or a comma: "Jane Doe, MD", "Ana Ruiz MS RD", "Alan Lucks | MD"."""
    before = text[:start].rstrip()
    if not before:
        return False
    if before[-1] in ",|/·•;(":
        return True
    m = re.search(r"([A-Za-z][A-Za-z.'’-]*)$", before)
    if not m:
        return False
    word = m.group(1)
    if not word[0].isupper():
        return False
    return not _sentence_start(before, m.start())


def _after_credential(text: str, start: int, pack: _AbbrPack) -> bool:
    """A further credential after a known one: "MD, MCR", "MD, FASCO"."""
    m = re.search(r"\b([A-Za-z][A-Za-z-]+)\s*,\s*$", text[:start])
    return m is not None and m.group(1) in pack.credentials


def _inside_quote(text: str, pos: int) -> bool:
    head = text[:pos]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1


def _build_languages(pack: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    words = frozenset(str(w).lower() for w in pack.get("function_words") or [])
    return words, frozenset(str(pack.get("letters") or ""))


_ALPHA_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")  # "i.e." is one word
_ASCII_ALPHA_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z]+")  # the same in ASCII text, faster


# For ASCII text without "x.y." (letter, dot, letter, dot: where the abbreviation branch
# of _ALPHA_WORD can match), the words are exactly the runs of letters: one translate
# (letters kept, other bytes to spaces) and split(), several times faster than findall.
_LETTERS_ONLY = bytes(c if (65 <= c <= 90 or 97 <= c <= 122) else 32 for c in range(256))
_LETTER_DOT = bytes(
    97 if (65 <= c <= 90 or 97 <= c <= 122) else c if c == 46 else 32 for c in range(256)
)


def _alpha_words(text: str) -> list[str]:
    if not text.isascii():
        return _ALPHA_WORD.findall(text)
    raw = text.encode()
    if raw.translate(_LETTER_DOT).find(b"a.a.") != -1:
        return _ASCII_ALPHA_WORD.findall(text)
    return raw.translate(_LETTERS_ONLY).decode().split()


@packs.pack_cache
def _foreign_letter() -> re.Pattern[str]:
    """A character that makes a word foreign in ``_english``: one of the pack's letters or
    one above U+017F (Greek, Cyrillic…)."""
    _words, letters = _languages()
    return re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "\u0180-\U0010ffff]")


_ASCII = frozenset(map(chr, range(128)))
_KNOWN: dict[str, bool] = {}  # word -> a stop word or on the familiar-word list


def _known(w: str) -> bool:
    got = _KNOWN.get(w)
    if got is None:
        got = w.lower() in _stop_words() or readability.is_familiar(w)
        if len(_KNOWN) < 100_000:
            _KNOWN[w] = got
    return got


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(nlp.get_nlp().Defaults.stop_words)


@packs.pack_cache
def _languages() -> tuple[frozenset[str], frozenset[str]]:
    return _build_languages(packs.load("languages"))


def _english(article: Article, block: Block) -> bool:
    """Crude: the Danish or Portuguese sections of a package leaflet are not English.

    Not English: two or more foreign markers (rules/languages.yaml), one marker and few
    English function or familiar words, or almost none of them (an address list).
    Cached per block (P604 and P605 both ask).
    """
    key = f"plain.english.{block.index}"
    hit = article.cache.get(key)
    if hit is not None:
        return bool(hit)
    text = block.text
    words = _alpha_words(text)
    result = True
    if words:
        foreign_words, letters = _languages()
        if (not text.isascii() or not letters.isdisjoint(_ASCII)) and _foreign_letter().search(
            text.lower()
        ):
            foreign = sum(
                1
                for w in words
                if w in foreign_words
                or any(c in letters or c > "\u017f" for c in w.lower())  # æ, ø… or Greek…
            )
        else:
            # no word's lower case has such a letter (each is inside the block's lower
            # case), so only the function words count; counted in C
            foreign = sum(map(foreign_words.__contains__, words))
        if foreign >= 2:
            result = False
        elif foreign or len(words) >= 4:
            known = sum(map(_known, words))  # stop words or familiar words, cached per word
            result = known / len(words) >= (0.35 if foreign else 0.2)
    article.cache[key] = result
    return result


def _sentence_spans(article: Article, block: Block) -> list[tuple[int, int]]:
    key = f"plain.sents.{block.index}"
    hit = article.cache.get(key)
    if hit is None:
        hit = [(s.start_char, s.end_char) for s in article.doc(block).sents]
        article.cache[key] = hit
    spans: list[tuple[int, int]] = hit
    return spans


_DEF_AFTER = re.compile(
    r"^\s*(?:,\s*or\s|,\s*short\s+for\s|\s*[—–]\s*|\s+-\s+|,?\s*(?:which\s+)?stands\s+for\s"
    r"|\s+means\s|,\s*meaning\s|:\s)",
    re.I,
)
_DEF_BEFORE = re.compile(
    r"(?:\b(?:known|abbreviated|referred\s+to)\s+as|\bcalled|\bshort|,[\"”’']?\s*or"
    r"|\(\s*or)\s*[\"“‘']?$",
    re.I,
)
_LONG_SEP = re.compile(r"[\s(\[,.:;—–-]*(?:\bor\b)?[\s(\[\"“‘']*$", re.I)
_MINOR = frozenset({"and", "of", "the", "for", "in", "to", "with", "on", "a", "an", "&"})


def _paren_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The innermost (…) or […] containing text[start:end], if any."""
    depth = 0
    open_i = -1
    for i in range(start - 1, -1, -1):
        c = text[i]
        if c in ")]":
            depth += 1
        elif c in "([":
            if depth == 0:
                open_i = i
                break
            depth -= 1
    if open_i == -1:
        return None
    closer = ")" if text[open_i] == "(" else "]"
    depth = 0
    for j in range(end, len(text)):
        c = text[j]
        if c in "([":
            depth += 1
        elif c in ")]":
            if depth == 0:
                return (open_i, j) if c == closer else None
            depth -= 1
    return None


def _long_form(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): do the letters of ``short`` spell a suffix of ``long``?

    The first letter must start a word; the others follow in order.  Returns True when a
    long form of at least two words (or one word longer than the abbreviation) is found.
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2:
        return False
    s_i = len(letters) - 1
    l_i = len(long) - 1
    low = long.lower()
    while s_i >= 0:
        c = letters[s_i]
        while l_i >= 0 and (low[l_i] != c or (s_i == 0 and l_i > 0 and low[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return False
        l_i -= 1
        s_i -= 1
    found = long[long.rfind(" ", 0, l_i + 2) + 1 :].strip()
    words = found.split()
    return len(words) >= 2 or len(found) > len(short) + 2


def _initials_follow(text: str, abbr: str) -> bool:
    """ "DT prevents diphtheria and tetanus": the letters are the initials of words nearby."""
    letters = "".join(c.lower() for c in abbr if c.isalpha())
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in _MINOR]
    inits = "".join(w[0] for w in words[:12])
    return len(letters) >= 2 and letters in inits


def _truncation(sentence: str, abbr: str) -> bool:
    """ "…stated on the carton after EXP": a word in the sentence begins with the letters."""
    low = abbr.lower()
    return len(low) >= 3 and bool(re.search(rf"\b{re.escape(low)}[a-z]{{2,}}", sentence.lower()))


def _defines(text: str, start: int, end: int, abbr: str) -> bool:
    """Whether this occurrence of ``abbr`` is where it is spelled out."""
    # "nonsteroidal anti-inflammatory drugs (NSAIDs)", "(or NSAIDs)", "[DVT]", "(RTA, an …)"
    paren = _paren_around(text, start, end)
    if paren is not None:
        o, c = paren
        inner = text[o + 1 : c]
        lead = text[:o].rstrip()
        token = text[start:end]
        stripped = inner.strip(" .,;")
        if (
            lead
            and (lead[-1].isalnum() or lead[-1] in "’'\"”")
            and (stripped.startswith(token) or stripped.endswith(token))
        ):
            return True
    # "NSAIDs (nonsteroidal anti-inflammatory drugs)", "JDRF (formerly the Juvenile …)"
    m = re.match(r"\s*[(\[]([^()\[\]]{3,})[)\]]", text[end:])
    if m:
        inner = m.group(1)
        words = re.findall(r"[A-Za-z][\w'’-]*", inner)
        if words and (
            _long_form(abbr, inner)
            or (
                (len(words) >= 2 or len(words[0]) > len(abbr) + 2)
                and words[0][0].lower() == abbr[0].lower()
            )
        ):
            return True
    if _DEF_AFTER.match(text[end:]) or _DEF_BEFORE.search(text[:start]):
        return True
    # "… photodynamic therapy or VTP", "… pulmonary disease. COPD is …"
    head = text[:start]
    prior = list(re.finditer(rf"(?<![\w]){re.escape(abbr)}", head))
    if prior:
        head = head[prior[-1].end() :]  # never read the long form out of an earlier use
    sep = _LONG_SEP.search(head)
    body = head[: sep.start()] if sep else head
    window = " ".join(body.split()[-min(len(abbr) + 5, 2 * len(abbr)) :])
    if window and _long_form(abbr, window):
        return True
    return _initials_follow(text[end : end + 120], abbr)


@rule(
    "P605",
    "undefined-abbreviation",
    "warning",
    "An abbreviation is used before, or without, being spelled out.",
    rationale=(
        "Plain-language guidance (NIH, CDC) asks writers to avoid unexplained acronyms: spell "
        "the term out at first use with the abbreviation after it, 'nonsteroidal "
        "anti-inflammatory drugs (NSAIDs)', or the other way round, 'NSAIDs (nonsteroidal "
        "anti-inflammatory drugs)'; 'CBT, or cognitive behavioral therapy' and 'known as CBT' "
        "count too. Abbreviations most readers know (US, TV, DNA, HIV, MRI, credentials such as "
        "MD…) are on an allowlist in rules/abbreviations.yaml. Abbreviations with a digit "
        "(COVID-19, B12, HER2), Roman numerals, capitalised ordinary words used for emphasis "
        "(NOTE, STOP) and runs of capitals (DO NOT STOP) are not reported. Uses are checked in "
        "paragraphs, list items, quotes and table cells; an expansion anywhere (a heading too) "
        "counts. Each abbreviation is reported once, at its first use."
    ),
    source="NIH Plain Language guidelines ('avoid … too many acronyms'); CDC Clear Communication Index; AMA Manual of Style (abbreviations: expand at first mention)",
    bad="Stop taking NSAIDs a week before surgery.",
    good="Stop taking nonsteroidal anti-inflammatory drugs (NSAIDs) a week before surgery.",
    fix="Spell the term out at its first use, followed by the abbreviation in brackets.",
)
def undefined_abbreviation(ctx: Context) -> Iterator[Finding]:
    pack = _abbr_pack()
    first_def: dict[str, tuple[int, int]] = {}  # key -> (block index, offset)
    first_use: dict[str, tuple[Block, int, int, str]] = {}
    uses: dict[str, int] = {}
    quoted_first: set[str] = set()
    for block in ctx.article.blocks:
        text = block.text
        if not re.search(r"[A-Z][A-Z]", text):
            continue
        prose: bool | None = None  # worked out at the first candidate that needs it
        tablet = bool(_TABLET_MARKING.search(text))
        urls = [m.span() for m in _URL.finditer(text)] if ("." in text or "@" in text) else []
        for m in _ABBR.finditer(text):
            token = m.group(1)
            start, end = m.start(1), m.end(1)
            if any(a <= start < b for a, b in urls):
                continue
            key = token
            if token in pack.known or m.group(0) in pack.known or _ROMAN.match(token):
                continue
            if (token in pack.credentials or m.group(0) in pack.credentials) and (
                _credential_position(text, start, pack)
            ):
                continue
            if readability.is_familiar(token) or readability.is_familiar(m.group(0)):
                continue  # an ordinary word in capitals ("NOTE", "STOP")
            where = (block.index, start)
            if key not in first_def and _defines(text, start, m.end(), token):
                first_def[key] = where
                continue
            if tablet or block.kind not in _PROSE or _neighbour_caps(text, start, m.end()):
                continue
            if prose is None:
                prose = (
                    not _shouting(text)
                    and len(_alpha_words(text)) > 2  # not a label line ("UCB . .")
                    and _english(ctx.article, block)
                )
            if not prose:
                continue
            if _CREDIT.search(text[:start]):
                continue  # a photo credit: "(image: … Zika virus, NIAID)"
            if (
                _sentence_start(text, start)
                and re.match(r"\s*(?:,|\(|[—―–-])", text[m.end() :])
                and (start == 0 or _neighbour_caps(text, start, m.end()))
            ):
                continue  # a dateline: "ZURICH (Reuters) -", "TORONTO, May 22"
            if _in_name(text, start, m.end(), pack) or _after_credential(text, start, pack):
                continue
            sent = next(
                ((a, b) for a, b in _sentence_spans(ctx.article, block) if a <= start < b), None
            )
            if sent is not None and _truncation(text[sent[0] : sent[1]], token):
                continue
            uses[key] = uses.get(key, 0) + 1
            if key not in first_use:
                first_use[key] = (block, start, m.end(), m.group(0))
                if _inside_quote(text, start):
                    quoted_first.add(key)
    for key, (block, start, end, shown) in sorted(
        first_use.items(), key=lambda kv: (kv[1][0].index, kv[1][1])
    ):
        d = first_def.get(key)
        if d is not None and d < (block.index, start):
            continue
        if d is not None and key in quoted_first and d[0] == block.index:
            continue  # a quotation the writer cannot change, explained right after it
        if d is not None and d[0] == block.index:
            spans = _sentence_spans(ctx.article, block)
            if any(a <= start and d[1] < b for a, b in spans):
                continue  # spelled out later in the same sentence
        if d is not None:
            blk = ctx.article.blocks[d[0]]
            line = ctx.article.line_of(blk.src_offset(d[1]))
            msg = (
                f"'{shown}' is used before it is spelled out (line {line}): move the expansion "
                f"to this first use, 'full term ({key})'"
            )
        else:
            n = uses.get(key, 1)
            times = f" (used {n} times)" if n > 1 else ""
            msg = (
                f"'{shown}' is never spelled out{times}: write the full term at its first use, "
                f"followed by '({key})'"
            )
        yield ctx.finding(block, start, end, msg, abbreviation=key)


# ---------------------------------------------------------------------------
# P606 stigmatizing language
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _StigmaEntry:
    ident: str
    pattern: re.Pattern[str]
    preferred: str
    src: tuple[str, ...]
    hints: tuple[str, ...]  # the pattern runs only on blocks containing one (none: always)


def _build_stigma(pack: dict[str, Any]) -> tuple[_StigmaEntry, ...]:
    out: list[_StigmaEntry] = []
    for item in pack.get("entries") or []:
        if not isinstance(item, dict) or not item.get("match"):
            continue
        src = item.get("src") or []
        if isinstance(src, str):
            src = [src]
        hints = item.get("hint") or []
        if isinstance(hints, str):
            hints = [hints]
        out.append(
            _StigmaEntry(
                str(item.get("id") or item["match"]),
                re.compile(str(item["match"]), re.I),
                str(item.get("preferred") or ""),
                tuple(str(x) for x in src),
                tuple(str(h).lower() for h in hints),
            )
        )
    return tuple(out)


@packs.pack_cache
def _stigma() -> tuple[_StigmaEntry, ...]:
    return _build_stigma(packs.load("stigma"))


def _title_case_name(text: str, start: int, end: int) -> bool:
    """'Substance Abuse' inside 'National Institute on Drug Abuse': every word capitalised."""
    words = re.findall(r"[A-Za-z]+", text[start:end])
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?:"“(' and not _shouting(text)


@rule(
    "P606",
    "stigmatizing-language",
    "warning",
    "Wording health-communication guides ask writers to avoid, with the preferred form.",
    rationale=(
        "Labels and loaded phrases stigmatize people and discourage them from seeking care. "
        "Safe-messaging guidelines ask for 'died by suicide', not 'committed suicide'; NIDA's "
        "'Words Matter' for 'person with a substance use disorder', not 'addict' or 'substance "
        "abuser'; the AMA Manual of Style for person-first language: 'a person with diabetes', "
        "not 'a diabetic'; 'has' or 'lives with', not 'suffers from'; 'uses a wheelchair', not "
        "'wheelchair-bound'. Adjectives stay fine ('diabetic foot ulcer', 'epileptic seizure'). "
        "A phrase in quotation marks (being discussed) or in a Title Case name is not reported. "
        "Phrases live in rules/stigma.yaml with their sources."
    ),
    source=(
        "Recommendations for Reporting on Suicide (safe-messaging guidelines); NIDA 'Words "
        "Matter'; AMA Manual of Style 11th ed. §11.10 (person-first language); CDC "
        "'Communicating With and About People with Disabilities'"
    ),
    bad="He committed suicide after years as an addict. Diabetics should check their feet daily.",
    good=(
        "He died by suicide after years of living with a substance use disorder. People with "
        "diabetes should check their feet daily."
    ),
    fix="Use the preferred wording the message gives (person-first: the person, then the condition).",
)
def stigmatizing_language(ctx: Context) -> Iterator[Finding]:
    # Fast path: an entry whose hints occur nowhere in the article (all blocks joined by
    # newlines, lower case) cannot match in any block, so it is dropped for the article;
    # usually none is left.  The remaining entries are tested block by block as before.
    blocks = ctx.article.blocks
    whole = ctx.article.joined_text(lower=True)
    entries = [e for e in _stigma() if not e.hints or any(h in whole for h in e.hints)]
    if not entries:
        return
    for block in blocks:
        text = block.text
        low = text.lower()
        hits: list[tuple[int, int, str, _StigmaEntry]] = []
        for e in entries:
            if e.hints and not any(h in low for h in e.hints):
                continue
            for m in e.pattern.finditer(text):
                start, end = m.span()
                if _quoted(text, start, end) or _title_case_name(text, start, end):
                    continue
                hits.append((start, end, m.group(0), e))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, shown, e in hits:
            if start < last_end:
                continue  # overlapping entries: keep the first, longest
            last_end = end
            yield ctx.finding(
                block,
                start,
                end,
                f"'{shown}' is stigmatizing wording ({', '.join(e.src) or 'style guides'}): "
                f"write '{e.preferred}'",
                entry=e.ident,
            )


__all__ = ["medical_jargon", "stigmatizing_language", "undefined_abbreviation"]
