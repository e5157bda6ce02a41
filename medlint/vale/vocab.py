"""Vale vocabularies: ``<StylesPath>/config/vocabularies/NAME/accept.txt`` and
``reject.txt`` (Vale 3), or the older ``<StylesPath>/Vocab/NAME/`` layout.

Accepted terms are exceptions to every rule that keeps ``vocab: true`` (the default) and,
when they are plain phrases, Vale.Terms swaps for their spelling; rejected terms are
Vale.Avoid's tokens.  :func:`accepted_words` offers the same accept list to medlint's own
rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.findings import Finding
from medlint.vale.patterns import is_phrase


@dataclass
class Vocabulary:
    accept: list[str] = field(default_factory=list)
    reject: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # names with no folder on StylesPath


def read_terms(path: Path) -> list[str]:
    """One term (a regular expression) per line; blank lines and ``#`` comments skipped."""
    out: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        term = line.strip()
        if term and not term.startswith("#"):
            out.append(term)
    return out


def load_vocab(styles_path: Path, names: list[str]) -> Vocabulary:
    vocab = Vocabulary()
    for name in names:
        found = False
        for folder in (
            styles_path / "config" / "vocabularies" / name,
            styles_path / "Vocab" / name,
        ):
            if not folder.is_dir():
                continue
            found = True
            for fname, into in (("accept.txt", vocab.accept), ("reject.txt", vocab.reject)):
                f = folder / fname
                if f.is_file():
                    into.extend(t for t in read_terms(f) if t not in into)
                    vocab.files.append(f)
            break
        if not found:
            vocab.missing.append(name)
    return vocab


def terms_rule(accept: list[str]) -> dict[str, Any]:
    """Vale.Terms: each accepted term, found in another case, should be spelled as listed
    (a pattern term such as ``[Oo]bservability`` too, as in Vale 3.15)."""
    swap = {t.lower(): t for t in accept}
    return {
        "extends": "substitution",
        "level": "error",
        "message": "Use '%s' instead of '%s'.",
        "scope": "text",
        "ignorecase": True,
        "swap": swap,
        "vocab": False,
    }


def avoid_rule(reject: list[str]) -> dict[str, Any]:
    """Vale.Avoid: rejected terms are errors."""
    return {
        "extends": "existence",
        "level": "error",
        "message": "Avoid using '%s'.",
        "scope": "text",
        "ignorecase": False,
        "tokens": list(reject),
    }


def repetition_rule() -> dict[str, Any]:
    """Vale.Repetition, Vale's built-in repeated-word rule."""
    return {
        "extends": "repetition",
        "level": "error",
        "message": "'%s' is repeated!",
        "scope": "text",
        "ignorecase": True,
        "alpha": True,
        "action": {"name": "edit", "params": ["truncate", " "]},
        "tokens": [r"[^\s.!?]+"],
    }


# medlint rules whose findings name a word or abbreviation a team may accept once, in its
# Vale vocabulary: run-together words, jargon, undefined and error-prone abbreviations
QUIET_CODES = frozenset({"D305", "P604", "P605", "M701"})


def keep_quiet(findings: list[Finding], source: str, accepted: tuple[str, ...]) -> list[Finding]:
    """Drop the findings of :data:`QUIET_CODES` on exactly an accepted term (as written)."""
    terms = set(accepted)
    return [
        f for f in findings if f.code not in QUIET_CODES or source[f.start : f.end] not in terms
    ]


def accepted_words(vocab: Vocabulary) -> list[str]:
    """The accepted terms that are plain words or phrases (what medlint's own allow lists
    can take)."""
    return [t for t in vocab.accept if is_phrase(t)]
