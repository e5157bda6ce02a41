"""Word lists and patterns of the advertising rule: rules/advertising.yaml, and the drug
names of the drugs pack (a drug name is not a brand)."""

from __future__ import annotations

import re
from typing import Any

from medlint import lexicon, packs


def strs(value: Any) -> list[str]:
    """A pack list as strings (``None`` entries dropped; a missing list is empty)."""
    return [str(x) for x in value or [] if x is not None]


def joined(patterns: list[str]) -> list[re.Pattern[str]]:
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
def ad_pack() -> dict[str, Any]:
    pack = packs.load("advertising")
    authorities = strs(pack.get("authorities"))
    return {
        "cta": strs(pack.get("calls_to_action")),
        "cta_rx": joined(strs(pack.get("cta_patterns"))),
        "brand_cta": strs(pack.get("brand_cta")),
        "brand_cta_rx": joined(strs(pack.get("brand_cta_patterns"))),
        "labels": frozenset(x.lower() for x in strs(pack.get("disclosure_labels"))),
        "disclosure_rx": joined(strs(pack.get("disclosure_phrases"))),
        "keys": frozenset(x.lower() for x in strs(pack.get("disclosure_keys"))),
        "tlds": frozenset(x.lower() for x in strs(pack.get("commercial_tlds"))),
        "authorities": frozenset(a.lower() for a in authorities),
        "authority_words": frozenset(
            w.lower() for a in authorities for w in re.findall(r"[A-Za-z]+", a) if len(w) > 3
        ),
        # a capitalised word after these is a person's name, not a brand
        "honorifics": frozenset(x.lower() for x in strs(pack.get("honorifics"))),
        "company_words": frozenset(x.lower() for x in strs(pack.get("company_words"))),
        "regulatory": [x.lower() for x in strs(pack.get("regulatory_documents"))],
        "attribution": sorted(
            (x.lower() for x in strs(pack.get("attribution_before"))), key=len, reverse=True
        ),
    }


@packs.pack_cache
def drug_names() -> frozenset[str]:
    """Drug names (generic and brand, lower case) from the drug lexicon."""
    return lexicon.drugs().names()
