"""Who a news article quotes, and whether they are the study's own people (N807).

HealthNewsReview criterion 6 asks for at least one source with no stake in the study: not its
authors, their institution or the maker.  This module reads the ``sources`` section of
rules/news.yaml:

* :func:`named_speakers`: the people the article quotes by name, by surname ("said Dr. Ana
  Ruiz", "Ruiz said", "according to Ruiz"); a pronoun ("she said") adds nobody, nor does
  the institution or place that ends an appositive ("…at the Mayo Clinic, said"), an
  organisation's name ("Task Force said") or an abbreviation that is no company ("STI");
* :func:`speaker_standing`: for one surname, ``"affiliated"`` when a sentence naming them
  calls them an author, the study's leader or the maker's officer, or quotes the study's
  own voice ("our results") (or the name is a company's), ``"independent"`` when one says
  they were not involved, ``"lay"`` when one says they are a patient or a relative telling their story ("Joyce, 29, said", "who signed
  up for the trial", "was diagnosed") and no sentence gives them a title ("Dr."), else
  ``"unknown"``;
* :func:`maker_roles`: a role at the company ("Kite's chief medical officer");
  :func:`maker_ties_said`: whether the article says the study is the maker's own work or a
  person tied to the study holds such a role (N806);
* :func:`group_sources`: the groups that speak for the study or its maker ("the
  researchers said", "according to a company news release");
* :func:`other_voices`: bodies that speak with no person named and are no company ("a
  British Association of Dermatologists spokesperson said"): sources that cannot be placed;
* :func:`has_independent_voice`: whether the article says anywhere that someone was not
  involved in the study, or quotes an outside expert, a critic or an editorial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlint import packs
from medlint.analysis import Analysis, per_article
from medlint.checks.news.patterns import Filled, compile_any, fill, section, strings
from medlint.checks.news.sentences import news_sentences
from medlint.checks.news.subjects import subject_patterns

AFFILIATED = "affiliated"
INDEPENDENT = "independent"
UNKNOWN = "unknown"
LAY = "lay"  # a patient or a relative: neither an expert with a stake nor an independent one

#: the word before a name that makes it a place or an institution ("a university in Boston said")
NOT_AFTER = re.compile(r"\b(?:in|of|at|from|for|the|to|by|with|on)\s+$", re.IGNORECASE)

#: where a name may start: not inside a word ("mBio")
START = r"(?<![\w'’.-])"

#: the text since the last comma before a name, when it holds a preposition: the name ends
#: an appositive ("Lee, a professor at the Texas Medical Center, said") and is an
#: institution or a place, not the speaker
IN_APPOSITIVE = re.compile(r",[^,]*\b(?:of|at|from|in|for|with)\b[^,]*$")

#: a name: up to three capitalised words, with an optional first or middle initial
NAME = r"(?:[A-Z]\.\s+)?[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:de|van|von|da|del|le)?\s*[A-Z][\w'’-]+){0,2}"

#: a first name and a surname ("Ana Ruiz", "Jo P. de Vries")
FULL_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z]\.)?\s+(?:(?:de|van|von|da|del|le)\s+)?[A-Z][\w'’-]+"


@dataclass(frozen=True)
class SourcePatterns:
    after_verb: re.Pattern[str]  # "said Dr. Ana Ruiz"
    before_verb: re.Pattern[str]  # "Ruiz said", "Dr. Ruiz told"
    appositive: re.Pattern[str]  # "Ana Ruiz, an oncologist at Mercy Hospital, said"
    affiliated: re.Pattern[str]
    independent: re.Pattern[str]
    lay: re.Pattern[str]
    titled: str  # the honorifics, as an alternation ("Dr|Doctor|…")
    groups: re.Pattern[str]
    not_names: frozenset[str]
    organisation_words: frozenset[str]  # "Center", "Hospital": the last word of no surname
    maker_roles: tuple[str, ...]  # "{company}'s chief medical officer" (see maker_roles())
    maker_titles: tuple[str, ...]  # "CEO Gregory Went": a company's title with no company
    maker_work: tuple[str, ...]  # "researchers from {company}"
    study_voice: re.Pattern[str]  # "our study", "we found": the speaker did the study
    other_voices: re.Pattern[str]  # "a British Association of Dermatologists spokesperson said"


@packs.pack_cache
def source_patterns() -> SourcePatterns:
    """The compiled ``sources`` section of rules/news.yaml."""
    sec = section("sources")
    verbs = strings(sec, "speech-verbs")
    # "told" names the listener after it ("told Reuters"): only a name before it speaks
    after = "|".join(
        re.escape(v) + (r"\s+to" if v == "according" else "") for v in verbs if v != "told"
    )
    before = "|".join(re.escape(v) for v in verbs if v != "according")
    titles = "|".join(re.escape(h) for h in strings(sec, "honorifics"))
    title = rf"(?:(?:{titles})\.?\s+)?" if titles else ""
    return SourcePatterns(
        after_verb=re.compile(rf"\b(?:{after or 'x^'}),?\s+{title}(?P<name>{NAME})"),
        # a name starts a word ("mBio told" is no "Bio"); "X, said" is caught to be left out
        before_verb=re.compile(rf"{START}(?P<name>{NAME})(?P<comma>,)?\s+(?:{before or 'x^'})\b"),
        # "Ana Ruiz, an oncologist at Mercy Hospital, said"; "Ian Lee, from the Leiden
        # University Medical Center, Netherlands, said" (up to three more comma-parts)
        appositive=re.compile(
            rf"{START}{title}(?P<name>{NAME}),\s+(?:an?|the|who|from|of|at)\s"
            rf"[^,;“”\"]{{3,160}}(?:,\s+[^,;“”\"]{{2,60}}){{0,3}},?\s+(?:{before or 'x^'})\b"
            # "Antonello Punturieri, program director at the Blood Institute, says" (a role
            # with no article), "Kathryn Edwards of Vanderbilt University, said": after a
            # first name and a surname
            rf"|{START}{title}(?P<full>{FULL_NAME})(?:,\s+[a-z]|\s+(?:of|from|at)\s)[^,;“”\"]{{3,160}}"
            rf"(?:,\s+[^,;“”\"]{{2,60}}){{0,3}},?\s+(?:{before or 'x^'})\b"
        ),
        affiliated=compile_any(sec.get("affiliated")),
        independent=compile_any(sec.get("independent")),
        lay=compile_any(sec.get("lay"), 0),
        titled=titles,
        groups=compile_any(sec.get("affiliated-groups")),
        not_names=frozenset(strings(sec, "not-names")),
        organisation_words=frozenset(strings(sec, "organisation-words")),
        maker_roles=strings(sec, "maker-roles"),
        maker_titles=strings(sec, "maker-titles"),
        maker_work=strings(sec, "maker-work"),
        study_voice=compile_any(sec.get("study-voice")),
        other_voices=compile_any(sec.get("other-voices"), 0),
    )


def _surname(name: str, pats: SourcePatterns) -> str | None:
    """The surname of ``name``; None when it is no person's: the last word names an
    organisation ("Medical Center", "Task Force") or is an abbreviation ("STI", "FDA") that
    is no company's ("GSK" speaks for its maker)."""
    words = [w for w in re.split(r"\s+", name) if w and not w.endswith(".")]
    words = [w for w in words if w not in pats.not_names]
    if not words:
        return None
    last = words[-1].rstrip("'’s") if words[-1].endswith(("'s", "’s")) else words[-1]
    if last in pats.organisation_words:
        return None
    if last.isupper() and not subject_patterns().company.fullmatch(last):
        return None
    return last


def _not_a_speaker(text: str, m: re.Match[str]) -> bool:
    """Whether the name ``m`` found is a place or an institution, not who speaks."""
    key = "name" if m.group("name") else "full"
    start = m.start(key)
    if NOT_AFTER.search(text, 0, start):
        return True  # "at Mercy said", "of Boston told"
    if "comma" in m.re.groupindex and m.group("comma"):
        return True  # "…at the Mayo Clinic, said", "King's College hospital, London, said"
    return "comma" in m.re.groupindex and IN_APPOSITIVE.search(text, 0, start) is not None


@per_article
def named_speakers(analysis: Analysis) -> list[str]:
    """The surnames of the people the article quotes, in order of first quote."""
    pats = source_patterns()
    out: list[str] = []
    for sent in news_sentences(analysis):
        if sent.in_title:
            continue
        for rx in (pats.after_verb, pats.before_verb, pats.appositive):
            for m in rx.finditer(sent.text):
                if _not_a_speaker(sent.text, m):
                    continue
                name = _surname(m.group("name") or m.group("full"), pats)
                if name and name not in out:
                    out.append(name)
    return out


def speaker_standing(analysis: Analysis, surname: str) -> str:
    """Whether the person called ``surname`` speaks for the study or its maker: a sentence
    naming them says they are independent ("not involved"), or ties them to the study or the
    maker (an ``affiliated`` word, a role at the company, the study's own voice: "our
    results", "we found"); independence wins over a tie."""
    pats = source_patterns()
    if subject_patterns().company.fullmatch(surname):
        return AFFILIATED  # "Roche said": the maker speaks
    word = re.compile(rf"\b{re.escape(surname)}\b")
    titled = re.compile(
        rf"\b(?:{pats.titled})\.?\s+(?:[A-Z][\w'’-]+\s+){{0,2}}{re.escape(surname)}\b"
    )
    roles = maker_roles(analysis)
    standing = UNKNOWN
    lay = has_title = False
    for sent in news_sentences(analysis):
        text = sent.text
        if not word.search(text):
            continue
        if pats.independent.search(text):
            return INDEPENDENT
        if pats.affiliated.search(text) or roles.search(text) or pats.study_voice.search(text):
            standing = AFFILIATED
        lay = lay or pats.lay.search(text) is not None
        has_title = has_title or (bool(pats.titled) and titled.search(text) is not None)
    if standing == UNKNOWN and lay and not has_title:
        return LAY
    return standing


def maker_ties_said(analysis: Analysis) -> bool:
    """Whether the article says the study is the maker's or its people have ties to it:
    ``sources.maker-work`` ("researchers from the NIH and Johnson & Johnson", "Kite's clinical
    trial"), or a person it ties to the study ("co-inventor", "lead author") given a role at
    the company elsewhere ("who is also chief technology officer at Atmo")."""
    staff = _fill_company(source_patterns().maker_work, analysis)
    if staff.search(analysis.joined_text()):
        return True
    pats = source_patterns()
    roles = maker_roles(analysis)
    for surname in named_speakers(analysis):
        word = re.compile(rf"\b{re.escape(surname)}\b")
        naming = [s.text for s in news_sentences(analysis) if word.search(s.text)]
        if any(roles.search(t) for t in naming) and any(
            pats.affiliated.search(t) or pats.study_voice.search(t) for t in naming
        ):
            return True
    return False


def _fill_company(patterns: tuple[str, ...], analysis: Analysis) -> Filled:
    """``patterns`` with ``{company}`` filled case-sensitively by the ``subject.company``
    patterns and by the first word of each company the article names ("Kite Pharma" →
    "Kite")."""
    company = subject_patterns().company
    short = sorted(
        {
            m.group(0).split()[0]
            for m in company.finditer(analysis.joined_text())
            if m.group(0)[:1].isupper() and " " in m.group(0)
        }
    )
    extra = "(?-i:" + "|".join(map(re.escape, short)) + ")" if short else None
    return fill(patterns, "{company}", f"(?-i:{company.pattern})", extra)


@per_article
def maker_roles(analysis: Analysis) -> Filled:
    """``sources.maker-roles`` with ``{company}`` filled: the ``subject.company`` patterns and
    the first word of each company the article names ("Kite Pharma" → "Kite's chief medical
    officer"); and, when the article names a company, ``sources.maker-titles``."""
    pats = source_patterns()
    patterns = pats.maker_roles
    if subject_patterns().company.search(analysis.joined_text()):
        patterns += pats.maker_titles  # "CEO Gregory Went": in a story naming a company, its
    return _fill_company(patterns, analysis)


def group_sources(analysis: Analysis) -> list[str]:
    """The groups speaking for the study or its maker, as written ("the researchers said")."""
    rx = source_patterns().groups
    return [m.group(0) for s in news_sentences(analysis) for m in rx.finditer(s.text)]


def other_voices(analysis: Analysis) -> list[str]:
    """Bodies other than a company that speak with no person named ("a British Association
    of Dermatologists spokesperson said"): sources the rules cannot place."""
    company = subject_patterns().company
    return [
        m.group(0)
        for s in news_sentences(analysis)
        for m in source_patterns().other_voices.finditer(s.text)
        if not company.search(m.group(0))
    ]


def has_independent_voice(analysis: Analysis) -> bool:
    """Whether the article says someone was not involved, or quotes an outsider."""
    return source_patterns().independent.search(analysis.joined_text()) is not None
