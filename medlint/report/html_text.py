"""Escaping and number formatting shared by the HTML report's modules."""

from __future__ import annotations

from html import escape
from typing import Any


def esc(value: Any) -> str:
    """``value`` as HTML text or an attribute value (None is empty)."""
    return escape("" if value is None else str(value), quote=True)


def fmt(value: Any, suffix: str = "") -> str:
    """A fact for a cell: "–" when unknown, one decimal for a float."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}{suffix}"
    return f"{value}{suffix}"
