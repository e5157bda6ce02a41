"""Commercial brands and domains an article names, and their mentions.

A brand is a bare domain written in prose with a commercial TLD ("QuickDoc.com"), a
marked name ("CalmCare®"), a capitalised name that ends in a company word ("Atmo
Biosciences", "Pfizer Inc.": found without any list of brands; later mentions of its first
word count), or a proper name inside a sales sentence.  Drug names, medical
authorities and the words of the article's title are not brands; a brand that is also a
common English word counts only as its full domain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from medlint.analysis import per_article
from medlint.analysis.sentences import sentence_of
from medlint.analysis.word_frequency import is_frequent as frequent
from medlint.checks.advertising.calls_to_action import CtaBlocks, body_index, body_text, raw_cta
from medlint.checks.advertising.wordlists import ad_pack, drug_names
from medlint.matching.prefilter import may_match

if TYPE_CHECKING:  # pragma: no cover
    from medlint.analysis import Analysis
    from medlint.document.model import Block

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
# A run of two or more capitalised words ("Melbourne start-up Atmo Biosciences Pty Ltd").
_CAP_RUN = re.compile(r"(?<![\w@./-])[A-Z][\w'’&-]*(?:,? [A-Z][\w'’&-]*\.?)+")
_CAP_WORD = re.compile(r"[A-Z][\w'’&-]*")
_PROPER = re.compile(r"(?<![\w@./-])[A-Z][a-z]+(?:[A-Z][a-z]+)*(?![\w@-]|\.[A-Za-z])")


@dataclass
class Brand:
    label: str  # lower-case name used for matching
    display: str
    bare: bool  # the bare name counts (not only the full domain)
    mentions: list[tuple[Block, int, int]] = field(default_factory=list)
    cased: bool = False  # count only mentions written as ``display`` (a capitalised name)


@per_article
def regulatory_document(analysis: Analysis) -> bool:
    """Does the article open as a regulator-approved product document (a package leaflet)?
    It names its own product and licence holder throughout by law."""
    phrases: list[str] = ad_pack()["regulatory"]
    head = " ".join(b.text for b in analysis.article.blocks[:4]).lower()
    return any(p in head for p in phrases)


def brand_candidates(analysis: Analysis, cta: CtaBlocks) -> dict[str, Brand]:
    """The commercial brands the article names, by label (no mentions counted yet)."""
    pack = ad_pack()
    drugs = drug_names()
    subject = frozenset(w.lower() for w in re.findall(r"[A-Za-z][\w-]+", analysis.article.title))
    out: dict[str, Brand] = {}

    def excluded(label: str) -> bool:
        return (
            label in drugs
            or label in pack["authorities"]
            or label in pack["authority_words"]
            or label in subject
        )

    # _DOMAIN_HINT and may_match are necessary conditions: blocks (or whole articles) they
    # reject have no match of _DOMAIN / _MARKED.
    whole, whole_low = body_text(analysis)
    any_domain = _DOMAIN_HINT.search(whole) is not None
    any_marked = may_match(_MARKED, whole, whole_low)
    for block in analysis.body_blocks:
        text = block.text
        domains = _DOMAIN.finditer(text) if any_domain and _DOMAIN_HINT.search(text) else ()
        marked = _MARKED.finditer(text) if any_marked and may_match(_MARKED, text) else ()
        for m in domains:
            _add_domain(out, m, excluded)
        for m in marked:
            _add_marked(out, m, text, excluded)
        for m in _CAP_RUN.finditer(text):
            _add_company(out, m.group(0), excluded)
        # a proper name inside a sales sentence ("book a visit with CalmCare today")
        if block.index not in cta:
            continue  # no call to action: no sales sentence
        for name in _names_in_sales_sentences(analysis, cta, block):
            label = name.lower()
            if label in out or excluded(label) or frequent(label, 3.0):
                continue
            out[label] = Brand(label, name, bare=True)
    return out


def _add_domain(out: dict[str, Brand], m: re.Match[str], excluded: Callable[[str], bool]) -> None:
    """A bare domain with a commercial TLD names a brand (its label before the TLD)."""
    pack = ad_pack()
    tld = m.group("tld").lower()
    if tld not in pack["tlds"]:
        return
    host = m.group("host")
    parts = host.split(".")
    n_tld = len(m.group("tld").split("."))
    if len(parts) <= n_tld:
        return
    label = parts[-n_tld - 1].lower()
    if label in ("www",) or excluded(label) or host.lower() in pack["authorities"]:
        return
    if label not in out:
        # a brand that is also a common word ("time.com") counts only as a domain
        out[label] = Brand(label, host, bare=not frequent(label, 3.5))


def _add_company(out: dict[str, Brand], run: str, excluded: Callable[[str], bool]) -> None:
    """A capitalised name ending in a company word ("Atmo Biosciences", "Pfizer, Inc.") is
    a commercial brand; its first word (or, when that is a common word, the whole name)
    is what later mentions repeat."""
    forms: frozenset[str] = ad_pack()["company_words"]
    words = _CAP_WORD.findall(run)
    for i, word in enumerate(words):
        if i == 0 or word.lower() not in forms:
            continue
        head = words[max(0, i - 3) : i]
        while head and head[0].lower() in ("the", "a", "an"):
            head = head[1:]
        if not head or head[-1].lower() in forms:
            continue
        first = head[0]
        shown = first if not frequent(first.lower(), 3.5) else " ".join(head)
        label = shown.lower()
        if label in out or excluded(label) or excluded(" ".join(head).lower()):
            continue
        if any(w.lower() in drug_names() for w in head):
            continue
        out[label] = Brand(label, shown, bare=True, cased=True)


def _add_marked(
    out: dict[str, Brand], m: re.Match[str], text: str, excluded: Callable[[str], bool]
) -> None:
    """A name marked ® or ™ is a brand, unless it is a medicine ("Brandname® (generic)")."""
    name = m.group("name")
    label = name.lower()
    drugs = drug_names()
    if excluded(label) or any(w in drugs for w in label.split()):
        return
    if _GENERIC_AFTER.match(text[m.end() :]):
        return  # "Brandname® (genericname)": a medicine
    if label not in out:
        out[label] = Brand(label, name, bare=True)


def _names_in_sales_sentences(analysis: Analysis, cta: CtaBlocks, block: Block) -> list[str]:
    """Capitalised names (not at the start of a sentence, not after Dr./Mr./…) in a
    sentence that also holds a call-to-action phrase: the product being sold."""
    strong, weak = raw_cta(cta, block)
    if not strong and not weak:
        return []
    doc = analysis.doc(block)
    hits = []
    for a, b, _ in (*strong, *weak):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            hits.append(span)
    names: list[str] = []
    honorifics: frozenset[str] = ad_pack()["honorifics"]

    def capitalised(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()

    for hit in hits:
        sent = sentence_of(hit)
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


def count_mentions(analysis: Analysis, brands: dict[str, Brand]) -> None:
    """Fill each brand's ``mentions`` (outside the title; not a source credit)."""
    pack = ad_pack()
    blocks = analysis.body_blocks
    index = body_index(analysis)
    for brand in brands.values():
        if brand.cased:
            rx = re.compile(rf"(?<![\w@./-]){re.escape(brand.display)}(?:['’]s)?(?![\w@-])")
        elif brand.bare:
            rx = re.compile(
                rf"(?<![\w@./-]){re.escape(brand.label)}(?:\.[A-Za-z]{{2,12}}(?:\.[a-z]{{2}})?)?"
                r"(?:['’]s)?(?![\w@-]|\.[A-Za-z0-9])",
                re.IGNORECASE,
            )
        else:
            rx = re.compile(
                rf"(?<![\w@./-]){re.escape(brand.display)}(?![\w@-]|\.[A-Za-z0-9])", re.IGNORECASE
            )
        # only the blocks holding the name's literal (a necessary condition of a match)
        where = index.where(rx)
        for k in sorted(where) if where is not None else range(len(blocks)):
            block = blocks[k]
            if block.kind == "title":
                continue
            for m in rx.finditer(block.text):
                if _attributed(block.text, m.start(), pack["attribution"]):
                    continue
                brand.mentions.append((block, m.start(), m.end()))


def _attributed(text: str, start: int, phrases: list[str]) -> bool:
    """'told FoxNews.com', 'according to WebMD.com': a source credit, not promotion."""
    before = re.sub(r"\s+", " ", text[max(0, start - 30) : start]).lower().rstrip(" ,(")
    return any(before.endswith(p) for p in phrases)
