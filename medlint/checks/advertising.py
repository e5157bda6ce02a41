"""A5xx: advertising and disclosure (HONcode principles 7-8; FTC endorsement guidance)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.checks.duplication import _frequent
from medlint.context import Context
from medlint.findings import Finding
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
            if any(rx.search(text) for rx in pack["disclosure_rx"]):
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

    for block in article.body_blocks():
        text = block.text
        for m in _DOMAIN.finditer(text):
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
        for m in _MARKED.finditer(text):
            name = m.group("name")
            label = name.lower()
            if excluded(label) or any(w in drugs for w in label.split()):
                continue
            if _GENERIC_AFTER.match(text[m.end() :]):
                continue  # "Brandname® (genericname)": a medicine
            if label not in out:
                out[label] = _Brand(label, name, bare=True)
        # a proper name inside a sales sentence ("book a visit with CalmCare today")
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
    doc = article.doc(block)
    strong, weak = _raw_cta(article, block)
    hits = []
    for a, b, _ in (*strong, *weak):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            hits.append(span)
    names: list[str] = []

    def capitalised(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()

    for hit in hits:
        sent = hit.sent
        lo, hi = max(sent.start, hit.start - 5), min(sent.end, hit.end + 5)
        for tok in doc[lo:hi]:
            i = tok.i
            if i == sent.start or not _PROPER.fullmatch(tok.text):
                continue
            prev = doc[i - 1]
            if prev.lower_ in _ad_pack()["honorifics"] or prev.text in (".", ":", "“", '"'):
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
        for block in article.body_blocks():
            if block.kind == "title":
                continue
            for m in rx.finditer(block.text):
                if _attributed(block.text, m.start(), pack["attribution"]):
                    continue
                brand.mentions.append((block, m.start(), m.end()))


def _raw_cta(
    article: Article, block: Block
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Call-to-action phrases in a block as (start, end, text) character ranges: strong ones
    and brand-dependent ones.  Computed once per block, shared by brand discovery and A501."""
    cache: dict[int, tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]] = (
        article.cache.setdefault("A501:cta", {})
    )
    got = cache.get(block.index)
    if got is None:
        pack = _ad_pack()
        doc = article.doc(block)
        text = block.text
        found: list[list[tuple[int, int, str]]] = []
        for key, phrases, rxs in (
            ("A501:cta", pack["cta"], pack["cta_rx"]),
            ("A501:brand-cta", pack["brand_cta"], pack["brand_cta_rx"]),
        ):
            out: list[tuple[int, int, str]] = []
            for _, s, e in nlp.phrase_matcher(key, phrases)(doc):
                span = doc[s:e]
                out.append((span.start_char, span.end_char, span.text))
            for rx in rxs:
                out.extend((m.start(), m.end(), m.group(0)) for m in rx.finditer(text))
            found.append(out)
        got = (found[0], found[1])
        cache[block.index] = got
    return got


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
    for sent in doc.sents:
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
    ctas = [
        (block, hits)
        for block in art.body_blocks()
        if block.kind != "title"
        for _sent, hits in _cta_hits(art, block, brand_words)
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
