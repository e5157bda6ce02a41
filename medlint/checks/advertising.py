"""A5xx: advertising and disclosure (HONcode principles 7-8; FTC endorsement guidance)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.analysis.words import frequent as _frequent
from medlint.checks.claims import (
    _blocks_with,
    _phrase_matches,
    _sent,
    body_list,
    register_phrases,
)
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching.prefilter import find_spans, may_match, texts_with_needles
from medlint.registry import Option, rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from medlint.document.model import Article, Block

# A bare domain written in prose ("Doctronic.ai", "BrainBalanceCenters.com"); URLs with a
# scheme or "www." are link targets, and e-mail addresses are contacts: neither counts.
_DOMAIN = re.compile(
    r"(?<![\w@./:-])(?P<host>(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?P<tld>[A-Za-z]{2,12}(?:\.[a-z]{2})?))"
    r"(?![\w@-]|\.[A-Za-z0-9])"
)
# Necessary for a _DOMAIN match: a label character, a dot, two letters of the TLD.  The
# pattern starts with the literal dot (the look-behind checks the character before it),
# which ``re`` scans for quickly, so most blocks skip _DOMAIN.
_DOMAIN_HINT = re.compile(r"\.(?<=[A-Za-z0-9-]\.)[A-Za-z]{2}")
_MARKED = re.compile(r"(?P<name>[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}) ?(?:®|™|\(R\)|\(TM\))")
_GENERIC_AFTER = re.compile(r"^\s*\(\s*[a-z][a-z -]{3,}\)")


def _strs(value: Any) -> list[str]:
    return [str(x) for x in value or [] if x is not None]


def _joined(patterns: list[str]) -> list[re.Pattern[str]]:
    """Compile pack regexes into as few passes as possible: the case-insensitive ones
    (``(?i)…``) share one regex, the others another."""
    insensitive = [f"(?:{p[4:]})" for p in patterns if p.startswith("(?i)")]
    other = [packs.scoped_regex(p) for p in patterns if not p.startswith("(?i)")]
    out: list[re.Pattern[str]] = []
    if insensitive:
        out.append(re.compile("(?i)" + "|".join(insensitive), re.MULTILINE))
    if other:
        out.append(re.compile("|".join(other), re.MULTILINE))
    return out


@packs.pack_cache
def _ad_pack() -> dict[str, Any]:
    pack = packs.load("advertising")
    authorities = _strs(pack.get("authorities"))
    return {
        "cta": _strs(pack.get("calls_to_action")),
        "cta_rx": _joined(_strs(pack.get("cta_patterns"))),
        "brand_cta": _strs(pack.get("brand_cta")),
        "brand_cta_rx": _joined(_strs(pack.get("brand_cta_patterns"))),
        "labels": frozenset(x.lower() for x in _strs(pack.get("disclosure_labels"))),
        "disclosure_rx": _joined(_strs(pack.get("disclosure_phrases"))),
        "keys": frozenset(x.lower() for x in _strs(pack.get("disclosure_keys"))),
        "tlds": frozenset(x.lower() for x in _strs(pack.get("commercial_tlds"))),
        "authorities": frozenset(a.lower() for a in authorities),
        "authority_words": frozenset(
            w.lower() for a in authorities for w in re.findall(r"[A-Za-z]+", a) if len(w) > 3
        ),
        # a capitalised word after these is a person's name, not a brand
        "honorifics": frozenset(x.lower() for x in _strs(pack.get("honorifics"))),
        "attribution": sorted(
            (x.lower() for x in _strs(pack.get("attribution_before"))), key=len, reverse=True
        ),
    }


register_phrases("A501:cta", lambda: _ad_pack()["cta"])
register_phrases("A501:brand-cta", lambda: _ad_pack()["brand_cta"])


@packs.pack_cache
def _drug_names() -> frozenset[str]:
    """Drug names from the drugs pack, if it is installed; any shape it has is tolerated."""
    try:
        pack = packs.load("drugs")
    except packs.PackError:
        return frozenset()
    names: set[str] = set()
    table = pack.get("table")
    if isinstance(table, str):
        for line in table.splitlines():
            fields = [f.strip() for f in line.split("|")]
            if fields and fields[0]:
                names.add(fields[0].lower())
            if len(fields) > 2:
                names.update(n.strip().lower() for n in fields[2].split(",") if n.strip())
    drugs = pack.get("drugs")
    if isinstance(drugs, dict):
        for k, v in drugs.items():
            names.add(str(k).lower())
            if isinstance(v, dict):
                names.update(n.lower() for n in _strs(v.get("names")))
    elif isinstance(drugs, list):
        for item in drugs:
            if isinstance(item, str):
                names.add(item.lower())
            elif isinstance(item, dict):
                for key in ("name", "generic", "term"):
                    if key in item:
                        names.add(str(item[key]).lower())
                names.update(n.lower() for n in _strs(item.get("names") or item.get("brands")))
    for key in ("terms", "names", "brands", "generics"):
        names.update(n.lower() for n in _strs(pack.get(key)))
    return frozenset(n for n in names if n)


def disclosed(article: Article) -> bool:
    """A sponsorship/advertising disclosure anywhere (front matter, a label line, a sentence)."""
    cached = article.cache.get("ad-disclosure")
    if isinstance(cached, bool):
        return cached
    pack = _ad_pack()
    found = any(str(k).lower() in pack["keys"] and bool(v) for k, v in article.front_matter.items())
    if not found:
        for block in article.blocks:
            text = block.text.strip()
            low = text.lower().rstrip(".:!| ").strip()
            head = low.split(":", 1)[0].strip() if ":" in low else None
            if low in pack["labels"] or (head is not None and head in pack["labels"]):
                found = True
                break
            if any(may_match(rx, text) and rx.search(text) for rx in pack["disclosure_rx"]):
                found = True
                break
    article.cache["ad-disclosure"] = found
    return found


@dataclass
class _Brand:
    label: str  # lower-case name used for matching
    display: str
    bare: bool  # the bare name counts (not only the full domain)
    mentions: list[tuple[Block, int, int]] = field(default_factory=list)


def _body_text(article: Article) -> tuple[str, str]:
    """The body blocks' texts joined by newlines, and its lower-case form (once per
    article).  Each block's text is a part of it, so a literal (or a literal-only regex)
    absent from the joined text is absent from every block: whole-article pre-checks."""
    got: tuple[str, str] | None = article.cache.get("A501:body-text")
    if got is None:
        text = "\n".join(b.text for b in body_list(article))
        got = article.cache["A501:body-text"] = (text, text.lower())
    return got


def _subject_words(article: Article) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z][\w-]+", article.title))


def _attributed(text: str, start: int, phrases: list[str]) -> bool:
    """'told FoxNews.com', 'according to WebMD.com': a source credit, not promotion."""
    before = re.sub(r"\s+", " ", text[max(0, start - 30) : start]).lower().rstrip(" ,(")
    return any(before.endswith(p) for p in phrases)


def _brand_candidates(article: Article) -> dict[str, _Brand]:
    pack = _ad_pack()
    drugs = _drug_names()
    subject = _subject_words(article)
    out: dict[str, _Brand] = {}

    def excluded(label: str) -> bool:
        return (
            label in drugs
            or label in pack["authorities"]
            or label in pack["authority_words"]
            or label in subject
        )

    # _DOMAIN_HINT and may_match are necessary conditions: blocks (or whole articles) they
    # reject have no match of _DOMAIN / _MARKED.
    whole, whole_low = _body_text(article)
    cta_blocks = _cta_blocks(article)
    any_domain = _DOMAIN_HINT.search(whole) is not None
    any_marked = may_match(_MARKED, whole, whole_low)
    for block in body_list(article):
        text = block.text
        domains = _DOMAIN.finditer(text) if any_domain and _DOMAIN_HINT.search(text) else ()
        marked = _MARKED.finditer(text) if any_marked and may_match(_MARKED, text) else ()
        for m in domains:
            tld = m.group("tld").lower()
            if tld not in pack["tlds"]:
                continue
            host = m.group("host")
            parts = host.split(".")
            n_tld = len(m.group("tld").split("."))
            if len(parts) <= n_tld:
                continue
            label = parts[-n_tld - 1].lower()
            if label in ("www",) or excluded(label) or host.lower() in pack["authorities"]:
                continue
            if label not in out:
                # a brand that is also a common word ("time.com") counts only as a domain
                out[label] = _Brand(label, host, bare=not _frequent(label, 3.5))
        for m in marked:
            name = m.group("name")
            label = name.lower()
            if excluded(label) or any(w in drugs for w in label.split()):
                continue
            if _GENERIC_AFTER.match(text[m.end() :]):
                continue  # "Brandname® (genericname)": a medicine
            if label not in out:
                out[label] = _Brand(label, name, bare=True)
        # a proper name inside a sales sentence ("book a visit with CalmCare today")
        if block.index not in cta_blocks:
            continue  # no call to action: no sales sentence
        for name in _names_in_sales_sentences(article, block):
            label = name.lower()
            if label in out or excluded(label) or _frequent(label, 3.0):
                continue
            out[label] = _Brand(label, name, bare=True)
    return out


_PROPER = re.compile(r"(?<![\w@./-])[A-Z][a-z]+(?:[A-Z][a-z]+)*(?![\w@-]|\.[A-Za-z])")


def _names_in_sales_sentences(article: Article, block: Block) -> list[str]:
    """Capitalised names (not at the start of a sentence, not after Dr./Mr./…) in a
    sentence that also holds a call-to-action phrase: the product being sold."""
    strong, weak = _raw_cta(article, block)
    if not strong and not weak:
        return []
    doc = article.doc(block)
    hits = []
    for a, b, _ in (*strong, *weak):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            hits.append(span)
    names: list[str] = []
    honorifics: frozenset[str] = _ad_pack()["honorifics"]

    def capitalised(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()

    for hit in hits:
        sent = _sent(hit)
        lo, hi = max(sent.start, hit.start - 5), min(sent.end, hit.end + 5)
        for tok in doc[lo:hi]:
            i = tok.i
            if i == sent.start or not _PROPER.fullmatch(tok.text):
                continue
            prev = doc[i - 1]
            if prev.lower_ in honorifics or prev.text in (".", ":", "“", '"'):
                continue
            # part of a longer name ("Society of Interventional Radiology", "Los Angeles")
            if capitalised(i - 1) or capitalised(i + 1):
                continue
            if prev.lower_ in ("of", "for", "and") and capitalised(i - 2):
                continue
            names.append(tok.text)
    return names


def _count_mentions(article: Article, brands: dict[str, _Brand]) -> None:
    pack = _ad_pack()
    for brand in brands.values():
        if brand.bare:
            rx = re.compile(
                rf"(?<![\w@./-]){re.escape(brand.label)}(?:\.[A-Za-z]{{2,12}}(?:\.[a-z]{{2}})?)?"
                r"(?:['’]s)?(?![\w@-]|\.[A-Za-z0-9])",
                re.IGNORECASE,
            )
        else:
            rx = re.compile(
                rf"(?<![\w@./-]){re.escape(brand.display)}(?![\w@-]|\.[A-Za-z0-9])", re.IGNORECASE
            )
        for block in body_list(article):
            if block.kind == "title":
                continue
            for m in rx.finditer(block.text):
                if _attributed(block.text, m.start(), pack["attribution"]):
                    continue
                brand.mentions.append((block, m.start(), m.end()))


_Hits = list[tuple[int, int, str]]


def _raw_cta(article: Article, block: Block) -> tuple[_Hits, _Hits]:
    """Call-to-action phrases in a block as (start, end, text) character ranges: strong ones
    and brand-dependent ones.  Computed for every body block at the first call and shared by
    brand discovery and A501."""
    got = _cta_blocks(article).get(block.index)
    return got if got is not None else ([], [])


def _cta_blocks(article: Article) -> dict[int, tuple[_Hits, _Hits]]:
    """``_raw_cta`` by block index, for the body blocks that have any (once per article)."""
    cache: dict[int, tuple[_Hits, _Hits]] | None = article.cache.get("A501:cta")
    if cache is None:
        cache = article.cache["A501:cta"] = _all_raw_cta(article)
    return cache


def _all_raw_cta(article: Article) -> dict[int, tuple[_Hits, _Hits]]:
    """``_raw_cta`` of every body block that has a call to action, in one pass with the
    matchers looked up once.

    Only blocks that can have one are read: those with a phrase match (``_blocks_with``)
    and those holding one of a regex's literal needles (``texts_with_needles``), which
    leaves the matches unchanged."""
    pack = _ad_pack()
    whole, whole_low = _body_text(article)
    body = body_list(article)
    texts = [b.text for b in body]
    # per regex: the body blocks (by index) it may match in, or None for "any block"
    kinds: list[tuple[str, list[str], list[tuple[re.Pattern[str], set[int] | None]]]] = []
    every_block = False
    for key, phrases, rxs in (
        ("A501:cta", pack["cta"], pack["cta_rx"]),
        ("A501:brand-cta", pack["brand_cta"], pack["brand_cta_rx"]),
    ):
        active: list[tuple[re.Pattern[str], set[int] | None]] = []
        for rx in rxs:
            if not may_match(rx, whole, whole_low):
                continue  # none of its needles anywhere in the article
            where = texts_with_needles(rx, texts, whole, whole_low)
            if where is None:
                every_block = True  # no needles to place: try it on every block
                active.append((rx, None))
            else:
                active.append((rx, {body[k].index for k in where}))
        kinds.append((key, phrases, active))
    if every_block:
        blocks: Iterable[Block] = body
    else:
        wanted = {b.index for b in _blocks_with(article, "A501:cta", "A501:brand-cta")}
        for _key, _phrases, active in kinds:
            for _rx, where in active:
                wanted.update(where or ())
        blocks = [b for b in body if b.index in wanted]
    docs = article.docs
    out: dict[int, tuple[_Hits, _Hits]] = {}
    for block in blocks:
        doc = docs[block.index]
        text = block.text
        low = text.lower()
        found: list[_Hits] = []
        for key, phrases, active in kinds:
            hits: _Hits = []
            for _, s, e in _phrase_matches(doc, key, phrases):
                span = doc[s:e]
                hits.append((span.start_char, span.end_char, span.text))
            for rx, where in active:
                if block.index in where if where is not None else may_match(rx, text, low):
                    hits.extend((a, b, text[a:b]) for a, b in find_spans(rx, text, low))
            found.append(hits)
        if found[0] or found[1]:
            out[block.index] = (found[0], found[1])
    return out


def _cta_hits(
    article: Article, block: Block, brand_words: frozenset[str]
) -> list[tuple[Span, list[tuple[int, int, str]]]]:
    """Calls to action by sentence: strong ones anywhere, brand-dependent ones only in a
    sentence that names a commercial brand or domain."""
    doc = article.doc(block)
    low = block.text.lower()
    strong, all_weak = _raw_cta(article, block)
    brands_here = [b for b in brand_words if b in low]
    weak = all_weak if brands_here else []
    if not strong and not weak:
        return []
    brand_rx = (
        re.compile(
            r"(?<![\w@./-])(?:" + "|".join(re.escape(w) for w in brands_here) + r")(?![\w@-])"
        )
        if brands_here
        else None
    )
    out: list[tuple[Span, list[tuple[int, int, str]]]] = []
    for sent in nlp.sentences(doc):
        a, b = sent.start_char, sent.end_char
        hits = [h for h in strong if a <= h[0] < b]
        if weak and brand_rx is not None and brand_rx.search(low, a, b):
            hits += [h for h in weak if a <= h[0] < b]
        if hits:
            out.append((sent, sorted(hits)))
    return out


@rule(
    "A501",
    "promotional-content",
    "warning",
    "The editorial body promotes a commercial product or service (calls to action, or the "
    "same commercial brand or domain named again and again) with no sponsorship or "
    "advertising disclosure.",
    rationale=(
        "Readers must be able to tell advertising from editorial content. HONcode principle 8 "
        "requires advertising to be clearly identified ('Advertising' or a similar term) and "
        "principle 7 asks sites to disclose funding; the JAMA benchmarks require disclosure of "
        "sponsorship and commercial funding; the FTC's native-advertising guidance treats "
        "unlabelled promotional content as deceptive. Drug names, medical authorities (FDA, "
        "CDC, NIH, WHO, NHS, Mayo Clinic, …) and the article's own subject are not brands. "
        "Phrases, disclosures and authorities: rules/advertising.yaml."
    ),
    source="HONcode principles 7-8; JAMA benchmark 'disclosure'; FTC Native Advertising guide (2015)",
    options={
        "min-repeats": Option(
            3, "mentions of one commercial brand or domain that count as promotion"
        )
    },
    bad="Book a visit at QuickDoc.com today. QuickDoc.com makes it easier than ever…",
    good="Sponsored content: this article was paid for by QuickDoc.\n\n…",
    fix=(
        "Remove the sales pitch and repeated brand mentions from the editorial text, or label "
        "the content clearly ('Sponsored', 'Advertisement', 'Paid for by …')."
    ),
)
def promotional_content(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    min_repeats = int(ctx.options.get("min-repeats", 3))
    brands = _brand_candidates(art)
    _count_mentions(art, brands)
    brand_words = frozenset(
        w for b in brands.values() for w in ([b.label] if b.bare else [b.display.lower()])
    )
    cta_blocks = _cta_blocks(art)  # blocks without a call to action have no _cta_hits
    ctas = [
        (block, hits)
        for block in body_list(art)
        if block.kind != "title" and block.index in cta_blocks
        for _s, hits in _cta_hits(art, block, brand_words)
    ]
    repeated = any(len(b.mentions) >= min_repeats for b in brands.values())
    if (not ctas and not repeated) or disclosed(art):
        return
    for brand in sorted(
        brands.values(),
        key=lambda b: (b.mentions[0][0].index, b.mentions[0][1]) if b.mentions else (0, 0),
    ):
        if len(brand.mentions) < min_repeats:
            continue
        lines = sorted({art.line_of(b.src_offset(s)) for b, s, _ in brand.mentions})
        block, s, e = brand.mentions[0]
        shown = ", ".join(map(str, lines[:8])) + (", …" if len(lines) > 8 else "")
        yield ctx.finding(
            block,
            s,
            e,
            f"the commercial brand '{brand.display}' is named {len(brand.mentions)} times "
            f"(lines {shown}) with no sponsorship or advertising disclosure: cut the mentions "
            "to what readers need, or label the content ('Sponsored', 'Advertisement')",
        )
    for block, hits in ctas:
        phrases = list(dict.fromkeys(h[2] for h in hits))
        shown = "', '".join(phrases[:3])
        yield ctx.finding(
            block,
            hits[0][0],
            hits[0][1],
            f"call to action ('{shown}') in the editorial text with no sponsorship or "
            "advertising disclosure: remove the sales pitch or label the content as "
            "advertising",
        )
