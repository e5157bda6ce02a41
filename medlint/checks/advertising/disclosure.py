"""Is the article labelled as sponsored or advertising?"""

from __future__ import annotations

from medlint.analysis import Analysis, per_article
from medlint.checks.advertising.wordlists import ad_pack
from medlint.matching.prefilter import may_match


@per_article
def disclosed(analysis: Analysis) -> bool:
    """A sponsorship/advertising disclosure anywhere (front matter, a label line, a sentence)."""
    article = analysis.article
    pack = ad_pack()
    if any(str(k).lower() in pack["keys"] and bool(v) for k, v in article.front_matter.items()):
        return True
    for block in article.blocks:
        text = block.text.strip()
        low = text.lower().rstrip(".:!| ").strip()
        head = low.split(":", 1)[0].strip() if ":" in low else None
        if low in pack["labels"] or (head is not None and head in pack["labels"]):
            return True
        if any(may_match(rx, text) and rx.search(text) for rx in pack["disclosure_rx"]):
            return True
    return False
