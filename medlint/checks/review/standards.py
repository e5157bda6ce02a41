"""The standards the review rules cite."""

from __future__ import annotations

JAMA = "JAMA benchmarks (Silberg, Lundberg & Musacchio, JAMA 1997;277:1244)"
