"""How words are set: in quotation marks (mentioned, not used), or in a text set mostly in
capitals (shouting).  Shared by P604, P605 and P606."""

from __future__ import annotations

QUOTES_OPEN = "\"“‘'«"
QUOTES_CLOSE = "\"”’'»"


def quoted(text: str, start: int, end: int) -> bool:
    """The words text[start:end] are wrapped in quotation marks (mentioned, not used)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(before) and before in QUOTES_OPEN and bool(after) and after in QUOTES_CLOSE


def shouting(text: str) -> bool:
    """Mostly capitals: at least eight letters, more than 60% of them upper case."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.6
