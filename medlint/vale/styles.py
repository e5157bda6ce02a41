"""Loading styles: ``<StylesPath>/<Style>/*.yml`` rule files (named ``Style.File``), and
the built-in ``Vale`` style (Vale.Terms, Vale.Avoid, Vale.Repetition; Vale.Spelling is a
spelling rule and reported as unsupported)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from medlint.vale.model import BuildContext, RuleError, ValeRule
from medlint.vale.rules import RULE_TYPES, UNSUPPORTED
from medlint.vale.vocab import Vocabulary, avoid_rule, repetition_rule, terms_rule


@dataclass
class StyleSet:
    """What loading the styles gave: rules by ``Style.Rule`` name, the rules of types
    medlint does not run (name → type), and rules that failed to load (name → why)."""

    rules: dict[str, ValeRule] = field(default_factory=dict)
    unsupported: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    missing_styles: list[str] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)


def rule_files(style_dir: Path) -> list[Path]:
    return sorted(p for p in style_dir.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def build(name: str, defn: Any, ctx: BuildContext, levels: dict[str, str], out: StyleSet) -> None:
    """Build one rule into ``out`` (a level from the configuration overrides the file's)."""
    if not isinstance(defn, dict):
        out.errors[name] = "the file does not hold a mapping of keys"
        return
    extends = str(defn.get("extends") or "")
    if not extends:
        out.errors[name] = "missing the required 'extends' key"
        return
    if "message" not in defn:
        out.errors[name] = "missing the required 'message' key"
        return
    if extends in UNSUPPORTED:
        out.unsupported[name] = extends
        return
    cls = RULE_TYPES.get(extends)
    if cls is None:
        out.errors[name] = f"'extends' must be one of {sorted([*RULE_TYPES, *UNSUPPORTED])}"
        return
    level = levels.get(name)
    if level and level not in ("YES", "NO"):
        defn = {**defn, "level": level}
    try:
        out.rules[name] = cls(name, defn, ctx)
    except (RuleError, ValueError, TypeError) as exc:
        out.errors[name] = str(exc)


def load_styles(
    styles_path: Path,
    styles: list[str],
    single_rules: list[str],
    ctx: BuildContext,
    levels: dict[str, str],
    vocab: Vocabulary,
) -> StyleSet:
    """Load the named styles (whole) and the single ``Style.Rule`` entries named in the
    configuration from ``styles_path``."""
    out = StyleSet()
    wanted = list(dict.fromkeys(styles))
    for rule in single_rules:
        style = rule.split(".", 1)[0]
        if style not in wanted and style != "Vale":
            wanted.append(style)
    for style in wanted:
        if style == "Vale":
            continue
        folder = styles_path / style
        if not folder.is_dir():
            out.missing_styles.append(style)
            continue
        whole = style in styles
        for f in rule_files(folder):
            name = f"{style}.{f.stem}"
            if not whole and name not in single_rules:
                continue
            out.files[name] = f
            try:
                defn = yaml.safe_load(f.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                out.errors[name] = f"cannot read {f.name}: {exc}"
                continue
            build(name, defn, ctx, levels, out)
    if "Vale" in styles or any(r.startswith("Vale.") for r in single_rules):
        if vocab.accept:
            build(
                "Vale.Terms",
                terms_rule(vocab.accept),
                BuildContext([], ctx.word_template, ctx.version),
                levels,
                out,
            )
        if vocab.reject:
            build("Vale.Avoid", avoid_rule(vocab.reject), ctx, levels, out)
        build("Vale.Repetition", repetition_rule(), ctx, levels, out)
        out.unsupported["Vale.Spelling"] = "spelling"
    return out
