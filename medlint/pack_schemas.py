"""Schemas of the YAML packs under ``rules/`` and of user packs (pydantic v2 models).

Every built-in pack ``rules/NAME.yaml`` has a model in :data:`SCHEMAS`; a user pack (config
key ``packs``) is one of

* ``pack: NAME`` plus keys of that pack: validated against ``SCHEMAS[NAME]`` (every key is
  optional: the file only adds to the built-in pack);
* a declarative rule (``extends: existence|substitution`` and the keys of
  :class:`DeclarativeRule`), or ``rules:`` with a list of them.

An unknown key, an unknown pack name, a value of the wrong type or a regular expression that
does not compile is a :class:`~medlint.packs.PackError` naming the file, the key (``rules[2].swap``)
and, for a misspelling, the nearest valid spelling.  All the errors of a file are reported at
once.  The models check only; packs are still read as plain mappings (``packs.load``).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from medlint.packs import PackError, builtin_pack_files, packs_dir, read_yaml

# -- value types -------------------------------------------------------------------------


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from exc
    return pattern


def _as_list(value: Any) -> Any:
    """A single string where a list of strings is allowed (``src: MedlinePlus``)."""
    return [value] if isinstance(value, str) else value


def _compiles_with_slots(pattern: str) -> str:
    """A regex with ``{slot}`` placeholders (filled by the rule from word lists) compiles."""
    _compiles(re.sub(r"\{[a-z]+\}", "x", pattern))
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]
Words = list[str]
Regexes = list[Regex]
OneOrMore = Annotated[list[str], BeforeValidator(_as_list)]


class Model(BaseModel):
    """Unknown keys are errors; values are not converted (``"5"`` is not an int)."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


def _hyphen(name: str) -> str:
    return name.replace("_", "-")


class HyphenModel(Model):
    """A pack whose keys are spelt with hyphens (``stop-warning``)."""

    model_config = ConfigDict(alias_generator=_hyphen)


# -- data packs --------------------------------------------------------------------------


class AbbreviationsPack(Model):
    known: Words = []
    credentials: Words = []
    company_forms: Words = []
    us_states: Words = []
    organisation_words: Words = []
    stock_exchanges: Words = []


class AbsoluteTerm(Model):
    term: str
    forms: Words = []
    supported_ok: bool = False
    not_after: Words = []
    instead: str = ""


class AbsoluteClaimsPack(Model):
    terms: list[AbsoluteTerm] = []
    negators: Words = []
    hedges: Words = []
    infinitive_claims: Words = []
    general_treatments: Words = []
    treatment_kinds: Words = []
    specific_determiners: Words = []
    naming_words: Words = []
    window: int = 0
    after_window: int = 0


class AdvertisingPack(Model):
    calls_to_action: Words = []
    cta_patterns: Regexes = []
    brand_cta: Words = []
    brand_cta_patterns: Regexes = []
    disclosure_labels: Words = []
    disclosure_phrases: Words = []
    disclosure_keys: Words = []
    commercial_tlds: Words = []
    authorities: Words = []
    attribution_before: Words = []
    honorifics: Words = []
    company_words: Words = []
    regulatory_documents: Words = []


class ArtifactsPack(Model):
    block: Words = []
    glued: Words = []
    fragment: Words = []
    patterns: Regexes = []
    widgets: Regexes = []
    link_prompts: Regexes = []
    credits: Regexes = []
    teasers: Regexes = []
    link_box_headings: Words = []
    link_line_max_words: int = 8
    interstitial: Regexes = []
    interstitial_max_words: int = 400
    interstitial_share: float = 0.5


class AttributionPack(Model):
    vague: Words = []
    vague_subjects: dict[str, Words] = {}
    vague_verbs: dict[str, Words] = {}
    vague_adverbs: Words = []
    specific: Words = []
    conditional: Words = []
    own_review: Words = []
    review_study_nouns: Words = []
    background_qualifiers: Words = []
    topical: Words = []
    pronouns: Words = []
    evidence_claims: Words = []
    journals: Words = []
    institutions: Words = []
    source_nouns: Words = []
    speech_verbs: Words = []
    sources_headings: Words = []


class CamelcaseAllowlistPack(Model):
    allow: Words = []
    name_prefixes: Words = []
    sentence_starters: Words = []
    strong_sentence_starters: Words = []
    heading_words: Words = []
    title_minor_words: Words = []
    common_zipf: float = 0.0
    known_word_zipf: float = 0.0


class CredentialsPack(HyphenModel):
    clinical: Words = []
    non_clinical: Words = []
    clinical_roles: Words = []
    honorifics: Words = []
    not_names: Words = []
    staff_words: Words = []


class DrugAbbreviation(Model):
    abbr: str
    name: str = ""
    names: Words = []
    match: Regex = ""
    hint: str = ""
    context: str = ""
    defer: str = ""
    note: str = ""


class DrugAbbreviationsPack(Model):
    entries: list[DrugAbbreviation] = []


class DrugClass(Model):
    label: str
    risk: str
    source: str = ""


class DrugDetails(HyphenModel):
    drug_class: str = Field("", alias="class")
    names: Words = []
    brands: Words = []  # an older spelling of ``names``
    stop_warning: bool = True
    class_term: bool = False  # names a group of medicines ("blood thinners")


class DrugsPack(Model):
    """``rules/drugs.yaml``: the classes and hand additions; the generated table is
    ``rules/drugs.tsv`` (see :mod:`medlint.lexicon`)."""

    classes: dict[str, DrugClass] = {}
    drugs: dict[str, DrugDetails] = {}
    not_medicine_after: Words = Field([], alias="not-medicine-after")


class Band(Model):
    min: float
    max: float
    label: str


class FrequencyPack(Model):
    bands: dict[str, Band] = {}
    band_words: dict[str, Words] = {}
    claims: Words = []
    quantities: Words = []
    topics: Words = []
    not_after: Words = []
    not_before: Words = []
    word_not_before: dict[str, Words] = {}
    word_not_after: dict[str, Words] = {}
    not_context: Words = []
    adverse_context: Words = []
    condition_nouns: Words = []
    rare_categories: Words = []
    effect_verbs: Words = []
    adverse_nouns: Words = []
    non_condition_nouns: Words = []
    classification_heads: Words = []
    method_nouns: Words = []
    quantity_not_after: Words = []
    instruction_words: Words = []
    context_adverbs: Words = []
    need_words: Words = []
    condition_openers: Words = []
    not_gerunds: Words = []
    weak_quantities: Words = []
    hedged_adjectives: Words = []
    dosing_steps: Words = []
    role_openers: Words = []
    treatment_verbs: Words = []
    outcome_words: Words = []
    dose_units: Words = []
    access_words: Words = []
    counted_kinds: Words = []
    thought_verbs: Words = []
    treatment_gerunds: Words = []
    treatment_means: Words = []
    count_nouns: Words = []
    rate_window: int = 0


class HypeTerm(Model):
    term: str
    not_after: Words = []
    not_before: Words = []
    instead: str = ""


class HypePack(Model):
    terms: list[HypeTerm] = []
    hypothetical: Words = []


class IsmpAbbreviation(Model):
    abbr: str
    context: str = ""
    write: str = ""
    why: str = ""
    src: OneOrMore = []
    match: Regex = ""
    hint: str = ""
    before: bool = False


class IsmpPack(Model):
    abbreviations: list[IsmpAbbreviation] = []
    rate_denominators: Words = []


class JargonTerm(Model):
    term: str
    plain: OneOrMore = []
    src: OneOrMore = []
    pos: str = ""
    also: Words = []
    forms: Words = []
    except_next: Words = []
    plural: Words = []  # plain words for the plural where the plain word has none


class JargonPack(Model):
    terms: list[JargonTerm] = []
    irregular_verbs: Words = []  # "give gave given": base, past, past participle


class LanguagesPack(Model):
    letters: str = ""
    function_words: Words = []


class DiscouragedPhrase(Model):
    pattern: str
    say: str = ""
    why: str = ""


class NewsKinds(HyphenModel):
    """``kinds:`` of rules/news.yaml: article-kind aliases and the text cues of news."""

    aliases: dict[str, str] = {}
    reported_speech: Regex = ""
    min_reported_speech: Annotated[int, Field(ge=1)] = 2
    report_cues: Regexes = []
    research_cues: Regexes = []
    min_report_cues: Annotated[int, Field(ge=1)] = 2
    min_news_cues_without_speech: Annotated[int, Field(ge=1)] = 2
    min_cues_without_speech: Annotated[int, Field(ge=1)] = 3
    min_reported_speech_alone: Annotated[int, Field(ge=1)] = 4
    reader_address: Regex = ""
    max_reader_address: Annotated[float, Field(ge=0)] = 2.5
    not_news: Regexes = []

    @model_validator(mode="after")
    def _known_kinds(self) -> NewsKinds:
        from medlint.analysis.article_kind import KINDS

        bad = sorted({v for v in self.aliases.values() if v not in KINDS})
        if bad:
            raise ValueError(
                f"aliases: unknown kind(s) {', '.join(bad)}; the kinds are {', '.join(KINDS)}"
            )
        return self


class RelativeEffect(HyphenModel):
    """``relative-effect:`` (N801): relative changes and the absolute figures answering them.
    ``patterns`` may use the slots {pct} {fraction} {multiple} {outcome} {verb} {comparative}."""

    outcomes: Words = []
    change_verbs: Words = []
    comparatives: Words = []
    patterns: list[Annotated[str, AfterValidator(_compiles_with_slots)]] = []
    trend: Regexes = []
    negators: Words = []
    absolute: Regexes = []
    compared: Regexes = []
    relative_after: Words = []
    sentence_absolute: Regexes = []
    generic_words: Words = []


class StudyType(HyphenModel):
    """``study-type:`` (N804): animal, cell and lab results; preliminary results and caveats."""

    animal_lab: Regexes = []
    signals: Regexes = []
    background: Regexes = []
    human: Regexes = []
    human_study: Regexes = []
    min_sentences: Annotated[int, Field(ge=1)] = 2
    preliminary: Regexes = []
    caveats: Regexes = []


class Association(HyphenModel):
    """``association:`` (N805): association wording and the causal verbs that overstate it."""

    design: Regexes = []
    association: Regexes = []
    trial: Regexes = []
    trial_not: Regexes = []
    causal: Regexes = []
    change_verbs: Words = []
    risk_words: Words = []
    hedges: Words = []
    not_after: Words = []
    background: Regexes = []
    not_a_claim: Regexes = []
    finding_words: Regexes = []


class NewsSubject(HyphenModel):
    """``subject:`` (N802, N803, N806, N808): what a news article is about — a treatment,
    test, device or procedure, a named product, its maker — and the benefits it reports."""

    intervention: Regexes = []
    drug_stems: Regexes = []
    product: Regexes = []
    product_nouns: Words = []
    not_names: Words = []
    not_codes: Words = []  # what a development code ({code}) never starts with
    # slots {noun} {name} {code} {lower} {stem}, filled by medlint/checks/news/subjects.py
    named: list[Annotated[str, AfterValidator(_compiles_with_slots)]] = []
    opening_words: Annotated[int, Field(ge=0)] = 150
    denials: Regexes = []
    benefits: Regexes = []
    purpose: Regexes = []
    new: Regexes = []
    company: Regexes = []
    context_before: Regexes = []
    context_after: Regexes = []


class NewsAnswers(HyphenModel):
    """``harms:`` (N802), ``cost:`` (N803), ``availability:`` (N808): the words that answer
    the criterion (medlint/checks/news/answers.py). ``mentions`` answer it anywhere;
    ``general`` words answer it only where a ``said-of`` pattern ties them to the
    intervention (slots ``{word}``, ``{intervention}``: an intervention of the ``subject``
    section or a ``stand-ins`` noun, ``{it}``: the same or one of ``pronouns``, ``{gap}``: a
    character of the clause not starting a ``not-across`` word);
    ``not-mentions``: spans that look like an answer but are none (a share price in "shares
    rose to $18"), blanked out before the search."""

    mentions: Regexes = []
    general: Regexes = []
    said_of: list[str] = []
    pronouns: Words = []
    stand_ins: Words = []
    not_across: Words = []
    not_mentions: Regexes = []


class NewsStatements(HyphenModel):
    """``funding:`` (N806): statements that answer the criterion."""

    statements: Regexes = []


class NewsFunding(NewsStatements):
    """``funding:`` (N806): the statements; ``products``: how the opening names a company's
    product when it names no company (a brand, a development code); ``results``: words that
    make the company's own speech a report of the results ("…in the trial, Merck said");
    ``releases``: the company releasing or presenting the study ("Myriad released the
    study"), ``{company}`` filled also by the ``company-names`` the article gives;
    ``examples``, ``example-gap``, ``example-ends``: a list of examples of a class
    ("statins, which include Pfizer Inc's Lipitor"), where a company named is no maker of
    what the story reports on."""

    products: Regexes = []
    results: Regexes = []
    releases: Regexes = []
    company_names: Regexes = []
    examples: Regexes = []
    example_gap: Annotated[int, Field(ge=0)] = 60
    example_ends: Regexes = []


class NewsSources(HyphenModel):
    """``sources:`` (N807): who the article quotes, and whether they are the study's own."""

    speech_verbs: Words = []
    affiliated: Regexes = []
    independent: Regexes = []
    lay: Regexes = []
    affiliated_groups: Regexes = []
    honorifics: Words = []
    not_names: Words = []
    organisation_words: Words = []
    maker_roles: Regexes = []
    maker_titles: Regexes = []
    maker_work: Regexes = []
    other_voices: Regexes = []
    study_voice: Regexes = []


class NewsPack(HyphenModel):
    """``rules/news.yaml``: the N rules (news and evidence reporting), one section per question."""

    kinds: NewsKinds = NewsKinds()
    relative_effect: RelativeEffect = RelativeEffect()
    study_type: StudyType = StudyType()
    association: Association = Association()
    subject: NewsSubject = NewsSubject()
    harms: NewsAnswers = NewsAnswers()
    cost: NewsAnswers = NewsAnswers()
    funding: NewsFunding = NewsFunding()
    sources: NewsSources = NewsSources()
    availability: NewsAnswers = NewsAnswers()


class SafetyPack(HyphenModel):
    vocab: dict[str, Words] = {}
    stop_warning: Words = []
    investigational: Words = []
    clinician_given: Words = []
    clinician_qualifier: Words = []
    clinician_contact: Words = []
    instruction: dict[str, Words] = {}
    safe_objects: Words = []
    missed_dose: Words = []
    dose_change_phrases: Words = []
    not_instruction: Words = []
    serious_symptoms: Words = []
    symptom_context: Words = []
    medical_history: Words = []
    emergency_guidance: Words = []
    disclaimer: Words = []
    suicide_mention: Words = []
    suicide_not_person: Words = []
    outcome_words: Words = []
    measured_outcome: Words = []
    suicide_other_context: Words = []
    crisis_resources: Words = []
    suicide_discouraged: list[DiscouragedPhrase] = []
    uninflected: Words = []
    irregular: dict[str, Words] = {}


class StigmaEntry(Model):
    id: str = ""
    hint: OneOrMore = []
    match: Regex
    preferred: str = ""
    src: OneOrMore = []
    not_after: Regex = ""


class StigmaPack(Model):
    entries: list[StigmaEntry] = []


class UnitsPack(Model):
    dose_units: Words = []
    precision_units: Words = []
    fused_units: Words = []
    plural_units: dict[str, str] = {}
    large_dose_units: Words = []
    slash_units: Words = []
    lab_denominators: Words = []
    dose_words: Words = []
    dosing_verbs: Words = []


SCHEMAS: dict[str, type[Model]] = {
    "abbreviations": AbbreviationsPack,
    "absolute-claims": AbsoluteClaimsPack,
    "advertising": AdvertisingPack,
    "artifacts": ArtifactsPack,
    "attribution": AttributionPack,
    "camelcase-allowlist": CamelcaseAllowlistPack,
    "credentials": CredentialsPack,
    "drug-abbreviations": DrugAbbreviationsPack,
    "drugs": DrugsPack,
    "frequency": FrequencyPack,
    "hype": HypePack,
    "ismp": IsmpPack,
    "jargon": JargonPack,
    "languages": LanguagesPack,
    "news": NewsPack,
    "safety": SafetyPack,
    "stigma": StigmaPack,
    "units": UnitsPack,
}


# -- declarative rules -------------------------------------------------------------------

LEVELS = {"error": "error", "warning": "warning", "suggestion": "info", "info": "info"}
SCOPES: dict[str, tuple[str, ...] | None] = {
    "text": None,
    "heading": ("heading",),
    "paragraph": ("paragraph",),
    "list": ("list_item",),
    "quote": ("quote",),
    "table": ("table_cell",),
    "title": ("title",),
    "meta": ("meta",),
    "sentence": None,
}


def _scope(value: str) -> str:
    name = value.strip().lstrip("~")
    if name not in SCOPES:
        hint = suggest(name, list(SCOPES))
        raise ValueError(f"unknown scope {name!r}" + (f" (did you mean '{hint}'?)" if hint else ""))
    return value


def _code(value: str) -> str:
    from medlint.registry import CODE_RE

    if not CODE_RE.match(value.upper()):
        raise ValueError(f"{value.upper()!r} is not a rule code like P690")
    return value


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("required (a non-empty string)")
    return value


Text = Annotated[str, AfterValidator(_non_empty)]


class DeclarativeRule(Model):
    """One Vale-style rule (see :mod:`medlint.declarative`)."""

    extends: Literal["existence", "substitution"]
    code: Annotated[str, AfterValidator(_non_empty), AfterValidator(_code)]
    name: Text
    message: Text
    level: Literal["error", "warning", "suggestion", "info"] = "warning"
    ignorecase: bool = False
    nonword: bool = False
    tokens: Words = []
    swap: dict[str, str] = {}
    scope: Annotated[list[Annotated[str, AfterValidator(_scope)]], BeforeValidator(_as_list)] = [
        "text"
    ]
    exceptions: Words = []
    link: str = ""
    source: str = ""
    description: str = ""
    rationale: str = ""
    bad: str = ""
    good: str = ""

    def wrap(self, pattern: str) -> str:
        return pattern if self.nonword else rf"(?<![\w-])(?:{pattern})(?![\w-])"

    @property
    def flags(self) -> int:
        return re.IGNORECASE if self.ignorecase else 0

    @model_validator(mode="after")
    def _patterns(self) -> DeclarativeRule:
        if self.extends == "existence" and not self.tokens:
            raise ValueError("tokens: an existence rule needs a non-empty list of tokens")
        if self.extends == "substitution" and not self.swap:
            raise ValueError("swap: a substitution rule needs a mapping of bad → good")
        patterns = self.tokens if self.extends == "existence" else list(self.swap)
        for p in patterns:
            try:
                re.compile(self.wrap(p), self.flags)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {p!r}: {exc}") from exc
        return self


class RuleList(Model):
    rules: list[DeclarativeRule]


# -- validation and error messages -------------------------------------------------------

USER_PACK_KEYS = ("pack", "extends", "rules")


def suggest(word: str, choices: list[str]) -> str | None:
    got = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if got:
        return got[0]
    return {c.lower(): c for c in choices}.get(word.lower())


def _key(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _unwrap(tp: Any) -> list[Any]:
    """The classes a field annotation may hold (``list[X]`` → X, ``dict[str, X]`` → X)."""
    origin = typing.get_origin(tp)
    if origin is Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        args = typing.get_args(tp)
        inner = args[-1:] if origin is dict else args
        return [t for a in inner for t in _unwrap(a)]
    return [tp]


def _keys_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The valid keys of the mapping at ``loc`` (for a 'did you mean' hint)."""
    current: list[Any] = [model]
    for part in loc:
        nxt: list[Any] = []
        for tp in current:
            if isinstance(part, str) and isinstance(tp, type) and issubclass(tp, BaseModel):
                for fname, f in tp.model_fields.items():
                    if part in (fname, f.alias):
                        nxt.extend(_unwrap(f.annotation))
            else:  # a list index or a mapping key: the same item type
                nxt.append(tp)
        current = nxt
    keys: list[str] = []
    for tp in current:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            keys += [f.alias or n for n, f in tp.model_fields.items()]
    return keys


def _unknown_key(key: Any, valid: list[str]) -> str:
    hint = suggest(str(key), valid)
    if hint:
        return f"unknown key (did you mean '{hint}'?)"
    return f"unknown key (valid keys: {', '.join(valid)})" if valid else "unknown key"


def _message(err: Any, model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return _unknown_key(loc[-1] if loc else "", _keys_at(model, loc[:-1]))
    if kind == "missing":
        return "required"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        hint = suggest(str(err["input"]), choices) if isinstance(err["input"], str) else None
        return f"must be one of {', '.join(choices)}, got {err['input']!r}" + (
            f" (did you mean '{hint}'?)" if hint else ""
        )
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    got = repr(err.get("input"))
    return f"{err['msg'][:1].lower()}{err['msg'][1:]}, got {got[:80]}"


def _issues(exc: ValidationError, model: type[BaseModel]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        out.append((_key(loc), _message(err, model, loc)))
    return out


def _check(model: type[BaseModel], data: Any) -> list[tuple[str, str]]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return _issues(exc, model)
    return []


def _raise(path: Path | str, issues: list[tuple[str, str]]) -> None:
    if issues:
        raise PackError.many(path, issues)


def _pack_issues(
    name: str, data: dict[str, Any], drug_classes: tuple[str, ...]
) -> list[tuple[str, str]]:
    issues = _check(SCHEMAS[name], data)
    if name == "drugs" and not issues:
        issues = _drug_class_issues(data, drug_classes)
    return issues


def _drug_class_issues(data: dict[str, Any], builtin: tuple[str, ...]) -> list[tuple[str, str]]:
    """A drug's ``class`` must be a key of ``classes`` (this file's or the built-in pack's)."""
    known = sorted({*builtin, *(data.get("classes") or {})})
    issues: list[tuple[str, str]] = []
    for generic, details in (data.get("drugs") or {}).items():
        cls = (details or {}).get("class")
        if cls and cls not in known:
            issues.append((f"drugs.{generic}.class", _unknown("drug class", cls, known)))
    return issues


def _unknown(what: str, name: Any, choices: list[str]) -> str:
    """``unknown pack 'artifact' (did you mean 'artifacts'?)``, or the valid names."""
    hint = suggest(str(name), choices)
    if hint:
        return f"unknown {what} {name!r} (did you mean '{hint}'?)"
    return f"unknown {what} {name!r} (valid: {', '.join(choices)})"


def _unknown_pack(name: Any) -> str:
    return _unknown("pack", name, sorted(SCHEMAS))


def rule_doc_issues(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """Errors of a declarative-rule document (``extends:`` or ``rules:``)."""
    if "extends" in doc:
        return _check(DeclarativeRule, {k: v for k, v in doc.items() if k != "pack"})
    return _check(RuleList, doc)


def validate_builtin(path: Path, doc: Any) -> None:
    """Check a built-in pack ``rules/NAME.yaml`` against its schema."""
    if not isinstance(doc, dict):
        _raise(path, [("(top)", "a pack must be a YAML mapping")])
        return
    if "extends" in doc or "rules" in doc:
        _raise(path, rule_doc_issues(doc))
        return
    if path.stem not in SCHEMAS:
        _raise(path, [("(file)", _unknown_pack(path.stem))])
        return
    _raise(path, _pack_issues(path.stem, doc, ()))


def validate_user(path: Path | str, doc: Any, drug_classes: tuple[str, ...] = ()) -> None:
    """Check a user pack: ``pack: NAME`` plus keys of that pack, or declarative rules."""
    if not isinstance(doc, dict):
        _raise(path, [("(top)", "a pack must be a YAML mapping")])
        return
    if "extends" in doc or "rules" in doc:
        _raise(path, rule_doc_issues(doc))
        return
    if "pack" not in doc:
        issues = []
        for key in doc:
            hint = suggest(str(key), list(USER_PACK_KEYS))
            issues.append(
                (str(key), "unknown key" + (f" (did you mean '{hint}'?)" if hint else ""))
            )
        _raise(path, issues or [("(top)", "a pack needs 'pack: NAME', 'extends:' or 'rules:'")])
        return
    name = doc["pack"]
    if name not in SCHEMAS:
        _raise(path, [("pack", _unknown_pack(name))])
        return
    data = {k: v for k, v in doc.items() if k != "pack"}
    _raise(path, _pack_issues(name, data, drug_classes))


def validate_user_packs(paths: list[Path]) -> None:
    """Check user packs against the pack schemas ; raises
    :class:`PackError` listing every problem of the first bad file."""
    classes: tuple[str, ...] = ()
    if any(isinstance(d, dict) and d.get("pack") == "drugs" for d in map(read_yaml, paths)):
        builtin = read_yaml(packs_dir() / "drugs.yaml")
        classes = tuple((builtin or {}).get("classes") or ())
    for p in paths:
        validate_user(p, read_yaml(p), classes)


def validate_builtin_packs() -> None:
    """Check every built-in pack ``rules/*.yaml`` against its schema."""
    for p in builtin_pack_files():
        validate_builtin(p, read_yaml(p))
