"""medlint.analysis.word_frequency.is_frequent reads wordfreq's lists directly: same answers as
``wordfreq.zipf_frequency``."""

from __future__ import annotations

import pytest

from medlint.analysis.word_frequency import is_frequent as frequent

WORDS = ["time", "the", "doctor", "quickdoc", "calmcare", "zzyzx", "webmd", "aspirin", "healthline"]


@pytest.mark.parametrize("zipf", [1.0, 2.5, 3.0, 3.5])
def test_frequent_matches_wordfreq(zipf: float) -> None:
    wordfreq = pytest.importorskip("wordfreq")
    for word in WORDS:
        assert frequent(word, zipf) == (wordfreq.zipf_frequency(word, "en") >= zipf), word
