"""How common an English word is: its Zipf frequency in wordfreq's word lists.

Reading wordfreq's bucket files directly avoids importing wordfreq and its dependencies
(half a second of start-up) for the few articles that ask.  :func:`frequent` answers
exactly as ``wordfreq.zipf_frequency(word, "en") >= zipf`` would for a lower-case word.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

__all__ = ["frequent"]


@lru_cache(maxsize=2)
def _wordfreq_raw(name: str) -> bytes | None:
    """The decompressed msgpack bytes of wordfreq's ``{name}_en`` list, or None."""
    try:
        import gzip
        import importlib.util

        spec = importlib.util.find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return None
        base = next(iter(spec.submodule_search_locations))
        with gzip.open(f"{base}/data/{name}_en.msgpack.gz", "rb") as fh:
            raw = fh.read()
        import msgpack

        head = msgpack.Unpacker(raw=False)
        head.feed(raw[:64])
        head.read_array_header()
        header = head.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            return None
        return raw
    except Exception:  # pragma: no cover - no data file, or another layout
        return None


@lru_cache(maxsize=2)
def _wordfreq_buckets(name: str) -> list[list[str]] | None:
    """wordfreq's ``{name}_en`` word list: buckets of words by frequency (one bucket per
    centibel, Zipf = 9 - index / 100; bucket 0 is a header), each sorted.

    Reading the bucket file directly avoids importing wordfreq and its dependencies
    (half a second of start-up) for the few articles that have a camel-case candidate.
    ``None`` if the data cannot be read or does not have that layout.
    """
    raw = _wordfreq_raw(name)
    if raw is None:
        return None
    try:
        import msgpack

        data = msgpack.unpackb(raw, raw=False)
        if not isinstance(data, list) or not data or data[0].get("format") != "cB":
            return None
        buckets: list[list[str]] = data[1:]
        if any(b != sorted(b) for b in buckets):  # frequent() bisects them
            return None
        return buckets
    except Exception:  # pragma: no cover - unexpected data layout: use the public API
        return None


@lru_cache(maxsize=4)
def _words_above(zipf: float) -> frozenset[str] | None:
    """English words whose Zipf frequency is at least ``zipf`` (>= 3), from wordfreq's
    small list; ``None`` if the data cannot be read."""
    buckets = _wordfreq_buckets("small")
    if buckets is None:
        return None
    n = round((9.0 - zipf) * 100)
    return frozenset().union(*buckets[: n + 1])


def _in_buckets(word: str, buckets: list[list[str]]) -> bool:
    for b in buckets:
        i = bisect.bisect_left(b, word)
        if i < len(b) and b[i] == word:
            return True
    return False


_RARE_KNOWN: dict[tuple[str, float], bool] = {}


def frequent(word: str, zipf: float) -> bool:
    """``word`` (lower case) has a Zipf frequency of at least ``zipf`` in English.

    At or above Zipf 3 the small list is read into one set.  Below, the large list
    (321,000 words) is not made into a set (a tenth of a second per process, for the few
    words per hundred articles looked up there): a word is first looked for in the
    list's raw bytes, and only if found there are the buckets decoded and bisected
    (each is sorted).  Answers are cached.
    """
    if zipf >= 3.0:
        words = _words_above(zipf)
        if words is not None:
            return word in words
    else:
        key = (word, zipf)
        got = _RARE_KNOWN.get(key)
        if got is not None:
            return got
        raw = _wordfreq_raw("large")
        if raw is not None:
            if raw.find(word.encode()) == -1:
                got = False  # its UTF-8 bytes are nowhere in the list: in no bucket
            else:  # only now is the list decoded (most fused words are not in it)
                buckets = _wordfreq_buckets("large")
                if buckets is not None:
                    got = _in_buckets(word, buckets[: round((9.0 - zipf) * 100) + 1])
            if got is not None:
                if len(_RARE_KNOWN) < 10_000:
                    _RARE_KNOWN[key] = got
                return got
    try:  # pragma: no cover - fallback when the data files cannot be read directly
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        return False
    return float(zipf_frequency(word, "en")) >= zipf
