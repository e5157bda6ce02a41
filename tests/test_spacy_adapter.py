"""medlint.spacy_adapter: spaCy imported without its command-line package (typer, weasel…).

The placeholders depend on spaCy's own import layout, so a spaCy release outside the range
the adapter was checked with fails here first: run these tests with it, then widen
``CHECKED_SPACY_RANGE``.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from packaging.version import Version

from medlint import nlp, spacy_adapter
from tests.helpers import printed_words

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "examples" / "sertraline-basics.md"


def test_installed_spacy_is_in_the_checked_range() -> None:
    low, above = spacy_adapter.CHECKED_SPACY_RANGE
    installed = Version(version("spacy"))
    assert Version(low) <= installed < Version(above), (
        f"spaCy {installed} is outside the range medlint.spacy_adapter was checked with "
        f"({low} <= version < {above}): run tests/test_spacy_adapter.py with it and widen "
        "CHECKED_SPACY_RANGE (or fix the adapter)"
    )


def test_nlp_re_exports_the_adapter() -> None:
    assert nlp.prepare_spacy_import is spacy_adapter.prepare_spacy_import


def test_spacy_cli_is_imported_only_when_used() -> None:
    out = printed_words(
        "import sys",
        "from medlint import nlp",
        "nlp.get_nlp()",
        "import spacy",
        "print('typer' in sys.modules, 'weasel' in sys.modules)",
        "print(callable(spacy.cli.download), 'typer' in sys.modules)",
    )
    assert out == ["False", "False", "True", "True"]


def test_spacy_info_imports_the_real_cli() -> None:
    out = printed_words(
        "import sys",
        "from medlint.spacy_adapter import import_spacy, is_placeholder",
        "spacy = import_spacy()",
        "print(is_placeholder(spacy.cli), 'typer' in sys.modules)",
        "print(isinstance(spacy.info(), dict), is_placeholder(sys.modules['spacy.cli']))",
    )
    assert out == ["True", "False", "True", "False"]


def test_a_whole_check_never_imports_spacy_cli() -> None:
    """Whichever rule imports spaCy first (e.g. ``from spacy.matcher import …`` before
    ``nlp.get_nlp()``), the command-line package (0.3-0.5 s of start-up) stays unloaded."""
    out = printed_words(
        "import sys",
        "from medlint.cli import main",
        f"sys.argv = ['medlint', 'check', '--no-cache', '--quiet', {str(EXAMPLE)!r}]",
        "try:",
        "    main()",
        "except SystemExit:",
        "    pass",
        "print('spacy' in sys.modules, 'typer' in sys.modules, 'weasel' in sys.modules)",
    )
    assert out[-3:] == ["True", "False", "False"]


def test_after_a_check_spacy_still_works_without_its_cli() -> None:
    """After a medlint check, typer and weasel are not imported and ``spacy.blank`` works."""
    out = printed_words(
        "import sys",
        "from medlint.cli import main",
        f"sys.argv = ['medlint', 'check', '--no-cache', '--quiet', {str(EXAMPLE)!r}]",
        "try:",
        "    main()",
        "except SystemExit:",
        "    pass",
        "import spacy",
        "doc = spacy.blank('en')('Take two tablets a day.')",
        "print(len(doc), doc[1].text)",
        "print('typer' in sys.modules, 'weasel' in sys.modules)",
    )
    assert out[-4:] == ["6", "two", "False", "False"]
