"""E9xx: files medlint could not read.  The engine produces these; the entries document them."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


def _engine_made(ctx: Context) -> Iterator[Finding]:
    return iter(())


rule(
    "E901",
    "unreadable-file",
    "error",
    "The file cannot be opened or read (missing, permission denied, a directory, a broken link).",
    rationale="A file that cannot be read cannot be checked; the run goes on with the other files.",
    source="medlint reliability contract (SPEC section 9)",
    bad="medlint check missing.md",
    good="medlint check article.md",
    fix="Check the path, the permissions and any symbolic link.",
)(_engine_made)
rule(
    "E902",
    "not-utf8",
    "error",
    "The file is not valid UTF-8 text (binary files included).",
    rationale="medlint reads UTF-8, with or without a byte-order mark; other encodings would be misread.",
    source="medlint reliability contract (SPEC section 9)",
    bad="An article saved as Windows-1252, or an image named article.md",
    good="The same article re-saved as UTF-8",
    fix="Re-save the file as UTF-8, or exclude it if it is not an article.",
)(_engine_made)
rule(
    "E903",
    "invalid-front-matter",
    "error",
    "The YAML front matter cannot be parsed; the body is still checked.",
    rationale="Review dates and reviewers are read from front matter; broken YAML hides them.",
    source="medlint reliability contract (SPEC section 9)",
    bad="---\ntitle: [unclosed\n---",
    good="---\ntitle: Living with asthma\n---",
    fix="Fix the YAML at the line and column given.",
)(_engine_made)
rule(
    "E904",
    "internal-rule-error",
    "error",
    "A rule failed on this file (a medlint bug); the other rules still ran.",
    rationale="One faulty rule must not hide every other finding or crash a CI run.",
    source="medlint reliability contract (SPEC section 9)",
    fix="Report the message and the file to the medlint maintainers.",
)(_engine_made)
