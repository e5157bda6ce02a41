#!/usr/bin/env python3
"""Generate a deterministic corpus of realistic consumer-health articles for benchmarks.

Every article is built from its own random stream (``seed`` + article number), so
article N is byte-for-byte the same whatever ``--count`` is, on every machine and
Python version.  Articles look like the ones medlint is written for: Markdown with
YAML front matter, plain text scraped from a web page (title on the first line, a
byline, headings as short lines), or a CMS export in HTML (with navigation and
scripts that are not prose).  Each has headings, paragraphs, lists, a byline with
review date and reviewer, drug names and doses, links to sources and a disclaimer.

A known share of articles (``--defect-rate``) gets one to three *planted defects*
that medlint rules should report (a scrape artifact, a run-together heading, a
duplicated paragraph, an unsafe "stop taking" instruction, "10mg", a missing review
date, …).  ``manifest.json`` lists every file with its format, word count and
planted defects (rule code and kind), so a benchmark can check that medlint did
real work and a reader can see the defect rate actually produced.

The sentences are written for this generator; none is taken from a real article.

Usage::

    python bench/make_corpus.py OUT_DIR --count 500 --words 900 --seed 1
    python bench/make_corpus.py OUT_DIR --count 10000 --mix md=6,txt=2,html=2
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

GENERATOR_VERSION = 4
DEFAULT_MIX = {"md": 6, "txt": 2, "html": 2}
FILES_PER_DIR = 1000

# --------------------------------------------------------------------------
# Vocabulary and sentence templates: bench/corpus_vocab.yaml
# --------------------------------------------------------------------------

VOCAB_FILE = Path(__file__).with_name("corpus_vocab.yaml")
_V: dict[str, Any] = yaml.safe_load(VOCAB_FILE.read_text(encoding="utf-8"))

# (name, class, uses, dose number, dose unit, how often)
DRUGS: list[tuple[str, str, tuple[str, ...], int, str, str]] = [
    (n, c, tuple(u), int(d), unit, f) for n, c, u, d, unit, f in _V["drugs"]
]
# (name, symptoms, body part, specialist)
CONDITIONS: list[tuple[str, tuple[str, ...], str, str]] = [
    (n, tuple(s), part, sp) for n, s, part, sp in _V["conditions"]
]


def _no_stop_drugs() -> frozenset[str]:
    """Drugs that medlint's lexicon (rules/drugs.tsv) marks `no-stop` (as-needed, single-dose
    or clinician-given): S201 rightly never asks for a stop warning about them, so the
    generator does not plant a missing stop warning in an article about one."""
    from medlint import lexicon

    return frozenset(d.generic for d in lexicon.drugs().drugs.values() if not d.stop_warning)


NO_STOP = _no_stop_drugs()
FIRST: list[str] = _V["first_names"]
LAST: list[str] = _V["last_names"]
CREDENTIALS: list[str] = _V["credentials"]
SOURCES: list[tuple[str, str]] = [(t, u) for t, u in _V["sources"]]
FOODS: list[str] = _V["foods"]
HABITS: list[str] = _V["habits"]
OPENERS: list[str] = [o or "" for o in _V["openers"]]
VERBS: list[str] = _V["verbs"]
GOALS: list[str] = _V["goals"]
TAILS: list[str] = [t or "" for t in _V["tails"]]
BRANDS: list[str] = _V["brands"]
ARTIFACTS: list[str] = _V["artifacts"]
STOP_HEADINGS: list[str] = _V["stop_headings"]
EMERGENCY_HEADINGS: list[str] = _V["emergency_headings"]
SOURCES_HEADINGS: list[str] = _V["sources_headings"]
DISCLAIMERS: list[str] = _V["disclaimers"]
POOLS: dict[str, list[str]] = _V["pools"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip

# Planted defects: kind -> rule code that should report it.
DEFECTS: dict[str, str] = {
    "scrape-artifact": "D304",
    "run-together-heading": "D305",
    "duplicate-paragraph": "D301",
    "absolute-claim": "C404",
    "hype-language": "C406",
    "vague-attribution": "C403",
    "unsafe-instruction": "S203",
    "fused-dose-unit": "M704",
    "trailing-zero": "M702",
    "large-dose-no-commas": "M707",
    "error-prone-abbreviation": "M701",
    "abbreviated-drug-name": "M706",
    "stigmatizing-language": "P606",
    "promotional-content": "A501",
    "missing-review-date": "R101",
    "missing-reviewer": "R105",
    "stale-review": "R102",
    "missing-stop-warning": "S201",
    "missing-disclaimer": "S204",
    "invalid-front-matter": "E903",
}
MEDICATION_ONLY = {"missing-stop-warning", "unsafe-instruction", "trailing-zero", "fused-dose-unit"}
MD_ONLY = {"invalid-front-matter"}
# Defects that cannot be planted together (a missing date cannot also be stale).
CONFLICTS = [frozenset({"missing-review-date", "stale-review"})]


# --------------------------------------------------------------------------
# Article model
# --------------------------------------------------------------------------


@dataclass
class Node:
    kind: str  # heading | paragraph | list | artifact
    text: str = ""
    items: list[str] = field(default_factory=list)
    level: int = 2
    links: list[tuple[str, str]] = field(default_factory=list)  # for the sources list


@dataclass
class Spec:
    """Everything needed to render one article in any format."""

    title: str
    description: str
    author: str
    reviewer: str | None
    credential: str
    review_date: tuple[int, int, int] | None
    updated_date: tuple[int, int, int] | None
    nodes: list[Node]
    defects: list[str]
    drug: str | None
    tags: list[str]
    bad_front_matter: bool = False


class Writer:
    """Fills sentence templates from one article's random stream, never repeating a sentence."""

    def __init__(self, rng: random.Random, slots: dict[str, str]) -> None:
        self.rng = rng
        self.slots = slots
        self.used: set[str] = set()
        self.remaining = {k: list(v) for k, v in POOLS.items()}
        for v in self.remaining.values():
            rng.shuffle(v)

    def drop_templates(self, *needles: str) -> None:
        for pool in self.remaining.values():
            pool[:] = [t for t in pool if not any(n in t for n in needles)]

    def fill(self, template: str) -> str:
        r = self.rng
        cond_syms = self.slots["_symptoms"].split("|")
        values = dict(self.slots)
        values.update(
            symptom=r.choice(cond_syms),
            symptom2=r.choice(POOLS["side_list"]),
            n1=str(r.randint(1, 3)),
            n2=str(r.choice([10, 20, 25, 50])),
            pct=str(r.choice([2, 3, 4, 5, 6, 8, 12, 15])),
            weeks=str(r.randint(2, 8)),
            food=r.choice(FOODS),
            habit=r.choice(HABITS),
        )
        return template.format(**values)

    def sentence(self, pool: str) -> str:
        left = self.remaining[pool]
        while left:
            s = self.fill(left.pop())
            if s not in self.used:
                self.used.add(s)
                return s
        return self.general()

    def general(self) -> str:
        """An unlimited supply of distinct advice sentences, for long articles."""
        r = self.rng
        for _ in range(200):
            opener = r.choice(OPENERS)
            habit = r.choice(HABITS)
            subject = _cap(habit) if not opener else habit
            goal = self.fill(r.choice(GOALS))
            tail = r.choice(TAILS)
            s = f"{opener}{subject} {r.choice(VERBS)} {goal}{tail if tail.endswith('.') else tail + '.'}"
            s = s.replace("..", ".")
            if s not in self.used:
                self.used.add(s)
                return s
        n = len(self.used)  # pragma: no cover - practically unreachable
        return f"Note {n}: keep a written record of your questions for your care team."

    def paragraph(self, pools: list[str], n: int) -> str:
        return " ".join(self.sentence(self.rng.choice(pools)) for _ in range(n))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _date(rng: random.Random, year_lo: int, year_hi: int) -> tuple[int, int, int]:
    return rng.randint(year_lo, year_hi), rng.randint(1, 12), rng.randint(1, 28)


def _ordinal(d: int) -> str:
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suffix}"


def fmt_date(d: tuple[int, int, int], style: int) -> str:
    y, m, day = d
    if style == 0:
        return f"{y:04d}-{m:02d}-{day:02d}"
    if style == 1:
        return f"{MONTHS[m - 1]} {day}, {y}"
    if style == 2:
        return f"{MONTHS[m - 1]} {_ordinal(day)}, {y}"
    return f"{day} {MONTHS[m - 1]} {y}"


def build_spec(rng: random.Random, words: int, defect_rate: float, fmt: str) -> Spec:
    medication = rng.random() < 0.65
    drug_row = rng.choice(DRUGS)
    drug, cls, uses, dose_n, dose_unit, freq = drug_row
    use = rng.choice(uses)
    cond_row = rng.choice(CONDITIONS)
    cond, symptoms, part, specialist = cond_row
    if medication:
        # the condition the drug treats, when we know it
        match = [c for c in CONDITIONS if c[0] == use]
        if match:
            cond, symptoms, part, specialist = match[0]
    else:
        # a condition article names a drug only if one in the list treats it
        treats = [d for d in DRUGS if cond in d[2]]
        if treats:
            drug, cls, uses, dose_n, dose_unit, freq = rng.choice(treats)
            use = cond
    a_specialist = ("an " if specialist[0] in "aeiou" else "a ") + specialist
    slots = {
        "drug": drug,
        "Drug": _cap(drug),
        "cls": cls,
        "use": use,
        "cond": cond,
        "Cond": _cap(cond),
        "part": part,
        "specialist": specialist,
        "a_specialist": a_specialist,
        "A_specialist": _cap(a_specialist),
        "dose": f"{dose_n} {dose_unit}",
        "freq": freq,
        "_symptoms": "|".join(symptoms),
    }
    w = Writer(rng, slots)
    if not medication and use != cond:
        w.drop_templates("{drug}", "{Drug}")

    # Which defects?
    defects: list[str] = []
    if rng.random() < defect_rate:
        kinds = [
            k
            for k in DEFECTS
            if (medication or k not in MEDICATION_ONLY)
            and (fmt == "md" or k not in MD_ONLY)
            and not (k == "missing-stop-warning" and drug in NO_STOP)
        ]
        want = rng.choice([1, 1, 2, 2, 3])
        rng.shuffle(kinds)
        for kind in kinds:
            if len(defects) == want:
                break
            if not any(kind in c and c & set(defects) for c in CONFLICTS):
                defects.append(kind)
    has = set(defects)

    if medication:
        title = rng.choice(
            [
                f"{_cap(drug)}: uses, side effects and what to expect",
                f"What to know before you take {drug}",
                f"{_cap(drug)} for {use}: a guide for patients",
                f"Taking {drug} safely",
            ]
        )
        description = f"How {drug} works, how to take it and which side effects to watch for."
    else:
        title = rng.choice(
            [
                f"{_cap(cond)}: symptoms, causes and treatment",
                f"Living with {cond}",
                f"What is {cond}?",
                f"{_cap(cond)} explained",
            ]
        )
        description = f"The signs of {cond}, how doctors diagnose it and what helps."

    nodes: list[Node] = []

    target = max(120, int(words * rng.uniform(0.6, 1.4)))
    short = target < 600  # a short article: shorter paragraphs in the fixed sections

    def para(pools: list[str], lo: int = 2, hi: int = 4) -> Node:
        if short:
            lo, hi = 1, max(1, hi - 2)
        return Node("paragraph", w.paragraph(pools, rng.randint(lo, hi)))

    if medication:
        nodes.append(para(["drug_intro"], 2, 3))
        nodes.append(Node("heading", f"What {drug} is used for"))
        nodes.append(para(["drug_intro", "drug_how"]))
        nodes.append(Node("heading", f"How {drug} works"))
        nodes.append(para(["drug_how"]))
        nodes.append(Node("heading", f"How to take {drug}"))
        nodes.append(para(["dosing"], 2, 3))
        items = [w.fill(t) for t in rng.sample(POOLS["dosing_list"], rng.randint(3, 5))]
        nodes.append(Node("list", items=items))
        nodes.append(Node("heading", "Side effects"))
        nodes.append(Node("paragraph", w.sentence("side_effects")))
        sl = rng.sample(POOLS["side_list"], rng.randint(3, 6))
        nodes.append(Node("list", items=[_cap(s) for s in sl]))
        nodes.append(para(["side_effects"]))
        nodes.append(Node("heading", "Interactions and cautions"))
        nodes.append(para(["interactions"]))
    else:
        nodes.append(para(["condition_intro"], 2, 3))
        nodes.append(Node("heading", "Symptoms"))
        nodes.append(para(["symptoms"]))
        nodes.append(Node("list", items=[_cap(s) for s in symptoms]))
        nodes.append(Node("heading", "Diagnosis"))
        nodes.append(para(["diagnosis"]))
        nodes.append(Node("heading", "Treatment"))
        nodes.append(para(["treatment"]))
    # Filler sections until the article reaches its target length.
    filler_titles = [
        f"Living with {cond}",
        "Everyday tips",
        "Questions to ask your care team",
        "Planning ahead",
        "Support at home",
        "Keeping track of your health",
        "Looking after yourself",
        "Making changes that last",
        "Travel and routines",
        "Work and daily life",
    ]
    rng.shuffle(filler_titles)
    fi = 0
    while _words(nodes) < target - 220:
        if fi < len(filler_titles):
            nodes.append(Node("heading", filler_titles[fi]))
        fi += 1
        for _ in range(rng.randint(1, 3)):
            if _words(nodes) >= target - 220:
                break
            text = " ".join(
                w.sentence("lifestyle") if rng.random() < 0.3 else w.general()
                for _ in range(rng.randint(2, 4))
            )
            nodes.append(Node("paragraph", text))
    nodes.append(Node("heading", rng.choice(EMERGENCY_HEADINGS)))
    nodes.append(Node("paragraph", " ".join(rng.sample(POOLS["emergency"], 2))))
    if medication and "missing-stop-warning" not in has:
        nodes.append(Node("heading", rng.choice(STOP_HEADINGS).format(drug=drug)))
        nodes.append(
            Node("paragraph", " ".join(w.fill(t) for t in rng.sample(POOLS["stopping"], 2)))
        )
    srcs = rng.sample(SOURCES, rng.randint(2, 4))
    nodes.append(Node("heading", rng.choice(SOURCES_HEADINGS)))
    nodes.append(Node("list", items=[name for name, _ in srcs], links=srcs))
    if "missing-disclaimer" not in has:
        nodes.append(Node("paragraph", rng.choice(DISCLAIMERS)))

    _plant(rng, nodes, has, slots, title)

    first, last = rng.choice(FIRST), rng.choice(LAST)
    rf, rl = rng.choice(FIRST), rng.choice(LAST)
    review: tuple[int, int, int] | None = (
        _date(rng, 2021, 2022) if "stale-review" in has else _date(rng, 2025, 2025)
    )
    if "missing-review-date" in has:
        review = None
    updated: tuple[int, int, int] | None = None
    if review is not None and rng.random() < 0.3:
        updated = (review[0], min(review[1] + 1, 12), review[2])
    tags = [cond.replace(" ", "-")] + (["medication", drug.replace(" ", "-")] if medication else [])
    return Spec(
        title=title,
        description=description,
        author=f"{first} {last}",
        reviewer=None if "missing-reviewer" in has else f"{rf} {rl}",
        credential=rng.choice(CREDENTIALS),
        review_date=review,
        updated_date=updated,
        nodes=nodes,
        defects=defects,
        drug=drug if medication else None,
        tags=tags,
        bad_front_matter="invalid-front-matter" in has,
    )


def _words(nodes: list[Node]) -> int:
    return sum(len(n.text.split()) + sum(len(i.split()) for i in n.items) for n in nodes)


def _paragraph_indexes(nodes: list[Node]) -> list[int]:
    return [i for i, n in enumerate(nodes) if n.kind == "paragraph"]


def _plant(
    rng: random.Random, nodes: list[Node], has: set[str], s: dict[str, str], title: str
) -> None:
    """Insert the chosen defects into the body."""
    drug, cond = s["drug"], s["cond"]

    def insert_sentence(text: str) -> None:
        idx = rng.choice(_paragraph_indexes(nodes)[:-1] or _paragraph_indexes(nodes))
        nodes[idx].text = f"{nodes[idx].text} {text}"

    if "scrape-artifact" in has:
        at = rng.randint(1, len(nodes) - 1)
        nodes.insert(at, Node("artifact", rng.choice(ARTIFACTS)))
    if "run-together-heading" in has:
        heads = [
            i
            for i, n in enumerate(nodes[:-1])
            if n.kind == "heading" and nodes[i + 1].kind == "paragraph"
        ]
        if heads:
            i = rng.choice(heads)
            glued = Node("paragraph", nodes[i].text.rstrip("?") + nodes[i + 1].text)
            nodes[i : i + 2] = [glued]
    if "duplicate-paragraph" in has:
        paras = [nodes[i] for i in _paragraph_indexes(nodes) if len(nodes[i].text.split()) >= 12]
        if paras:
            src = rng.choice(paras[:-1] or paras)
            nodes.insert(len(nodes) - 1, Node("paragraph", src.text))
    if "absolute-claim" in has:
        insert_sentence(
            rng.choice(
                [
                    f"{_cap(drug)} is 100% safe for everyone.",
                    "This treatment is completely safe and has no side effects.",
                    f"Results are guaranteed within {rng.randint(2, 6)} weeks.",
                ]
            )
        )
    if "hype-language" in has:
        insert_sentence(
            rng.choice(
                [
                    f"Experts call it a breakthrough for people with {cond}.",
                    f"This revolutionary approach is a game-changer for {cond}.",
                ]
            )
        )
    if "vague-attribution" in has:
        insert_sentence(
            rng.choice(
                [
                    f"Studies show that people with {cond} benefit from earlier treatment.",
                    f"Research suggests that {drug} works best when taken at the same time each day.",
                    "Experts say that small changes add up over time.",
                ]
            )
        )
    if "unsafe-instruction" in has:
        insert_sentence(
            rng.choice(
                [
                    f"Stop taking {drug} if you feel dizzy.",
                    f"Skip a dose of {drug} if your stomach is upset.",
                    f"Double your dose of {drug} if you miss a day.",
                ]
            )
        )
    if "fused-dose-unit" in has:
        insert_sentence(f"Some adults take {rng.choice([5, 10, 20, 40])}mg {s['freq']}.")
    if "trailing-zero" in has:
        insert_sentence(f"A dose of {rng.choice([1, 2, 5])}.0 mg is sometimes used at the start.")
    if "large-dose-no-commas" in has:
        insert_sentence(
            f"Doses above {rng.choice([10000, 25000, 50000])} units a day can be harmful."
        )
    if "error-prone-abbreviation" in has:
        insert_sentence(f"Your prescriber may write the dose as {rng.choice([5, 10, 20])} mg QD.")
    if "abbreviated-drug-name" in has:
        insert_sentence(
            rng.choice(
                [
                    "Do not combine it with APAP products.",
                    "Tell your doctor if you already take HCTZ.",
                ]
            )
        )
    if "stigmatizing-language" in has:
        insert_sentence(
            rng.choice(
                [
                    f"Many people suffer from {cond} for years.",
                    "A diabetic should check their feet daily.",
                ]
            )
        )
    if "promotional-content" in has:
        brand = rng.choice(BRANDS)
        insert_sentence(
            f"Book a visit with {brand} today and use code SAVE{rng.randint(10, 30)} at checkout."
        )


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def _byline(spec: Spec, rng: random.Random) -> list[str]:
    lines = [f"By {spec.author}"]
    if spec.reviewer:
        rev = f"Medically reviewed by {spec.reviewer}, {spec.credential}"
        if spec.review_date:
            rev += f" on {fmt_date(spec.review_date, rng.randint(1, 2))}"
        lines.append(rev)
    elif spec.review_date:
        lines.append(f"Last reviewed: {fmt_date(spec.review_date, rng.randint(0, 3))}")
    if spec.updated_date:
        lines.append(f"Updated {fmt_date(spec.updated_date, 1)}")
    return lines


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # JSON strings are valid YAML scalars


def render_md(spec: Spec, rng: random.Random) -> str:
    out: list[str] = []
    # metadata in front matter, else a byline in the body (always the body when the front
    # matter is planted broken, so that only E903 is the planted defect)
    fm_byline = rng.random() < 0.7 and not spec.bad_front_matter
    fm = [f"title: {_yaml_str(spec.title)}", f"description: {_yaml_str(spec.description)}"]
    if fm_byline:
        fm.append(f"author: {spec.author}")
        if spec.reviewer:
            fm.append(f"reviewed_by: {_yaml_str(spec.reviewer + ', ' + spec.credential)}")
        if spec.review_date:
            fm.append(f"last_reviewed: {fmt_date(spec.review_date, 0)}")
        if spec.updated_date:
            fm.append(f"updated: {fmt_date(spec.updated_date, 0)}")
    fm.append("tags: [" + ", ".join(spec.tags) + "]")
    if spec.bad_front_matter:
        fm.append('summary: "an unterminated value')
    out += ["---", *fm, "---", "", f"# {spec.title}", ""]
    if not fm_byline:
        out += ["  \n".join(_byline(spec, rng)), ""]
    for n in spec.nodes:
        if n.kind == "heading":
            out += [f"{'#' * n.level} {n.text}", ""]
        elif n.kind in ("paragraph", "artifact"):
            out += [_wrap(n.text, rng), ""]
        elif n.kind == "list":
            bullet = rng.choice(["-", "*"])
            if n.links:
                out += [f"{i}. [{name}]({url})" for i, (name, url) in enumerate(n.links, 1)]
            else:
                out += [f"{bullet} {item}" for item in n.items]
            out.append("")
    return "\n".join(out)


def _wrap(text: str, rng: random.Random) -> str:
    """Hard-wrap some paragraphs (as many editors do) so soft line breaks are exercised."""
    if rng.random() < 0.5 or len(text) < 100:
        return text
    width = rng.choice([72, 80, 100])
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    lines.append(cur)
    return "\n".join(lines)


def render_txt(spec: Spec, rng: random.Random) -> str:
    out = [spec.title, ""]
    for line in _byline(spec, rng):
        out += [line, ""]
    for n in spec.nodes:
        if n.kind == "heading" or n.kind in ("paragraph", "artifact"):
            out += [n.text, ""]
        elif n.kind == "list":
            if n.links:
                out += [f"- {name}: {url}" for name, url in n.links]
            else:
                out += [f"- {item}" for item in n.items]
            out.append("")
    return "\n".join(out)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def render_html(spec: Spec, rng: random.Random) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '  <meta charset="utf-8">',
        f"  <title>{_esc(spec.title)}</title>",
        "  <script>window.dataLayer = window.dataLayer || [];</script>",
        "  <style>body { font-family: sans-serif; }</style>",
        "</head>",
        "<body>",
        '  <nav><ul><li><a href="/">Home</a></li><li><a href="/conditions/">Conditions</a></li>'
        '<li><a href="/medicines/">Medicines</a></li></ul></nav>',
        "  <article>",
        f"    <h1>{_esc(spec.title)}</h1>",
    ]
    for line in _byline(spec, rng):
        out.append(f'    <p class="byline">{_esc(line)}</p>')
    for n in spec.nodes:
        if n.kind == "heading":
            out.append(f"    <h{n.level}>{_esc(n.text)}</h{n.level}>")
        elif n.kind == "artifact":
            out.append(f'    <div class="promo">{_esc(n.text)}</div>')
        elif n.kind == "paragraph":
            out.append(f"    <p>{_esc(n.text)}</p>")
        elif n.kind == "list":
            out.append("    <ul>")
            if n.links:
                out += [f'      <li><a href="{url}">{_esc(name)}</a></li>' for name, url in n.links]
            else:
                out += [f"      <li>{_esc(item)}</li>" for item in n.items]
            out.append("    </ul>")
    out += [
        "  </article>",
        "  <footer><p>&copy; Example Health Library</p></footer>",
        '  <script src="/static/app.js"></script>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


RENDERERS = {"md": render_md, "txt": render_txt, "html": render_html}


# --------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------


def parse_mix(text: str) -> dict[str, int]:
    mix: dict[str, int] = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        name = name.strip()
        if name not in RENDERERS:
            raise ValueError(f"unknown format {name!r} in --mix (use md, txt, html)")
        mix[name] = int(weight or 1)
    if not any(mix.values()):
        raise ValueError("--mix needs at least one format with a positive weight")
    return mix


def article(index: int, seed: int = 1, words: int = 900, defect_rate: float = 0.3,
            mix: dict[str, int] | None = None) -> tuple[str, str, dict[str, Any]]:  # fmt: skip
    """Article number ``index``: (format, text, manifest entry).  Independent of the count."""
    rng = random.Random(f"medlint-bench:{GENERATOR_VERSION}:{seed}:{index}")
    mix = mix or DEFAULT_MIX
    fmts = [f for f in RENDERERS if mix.get(f, 0) > 0]
    fmt = rng.choices(fmts, weights=[mix[f] for f in fmts])[0]
    spec = build_spec(rng, words, defect_rate, fmt)
    text = RENDERERS[fmt](spec, rng)
    entry = {
        "format": fmt,
        "title": spec.title,
        "medication": spec.drug,
        "words": len(text.split()),
        "defects": [{"kind": k, "code": DEFECTS[k]} for k in spec.defects],
    }
    return fmt, text, entry


def write_corpus(out: Path, count: int, seed: int = 1, words: int = 900,
                 defect_rate: float = 0.3, mix: dict[str, int] | None = None) -> dict[str, Any]:  # fmt: skip
    """Write ``count`` articles under ``out`` (1,000 per sub-directory) and manifest.json."""
    out.mkdir(parents=True, exist_ok=True)
    items: list[dict[str, Any]] = []
    codes: Counter[str] = Counter()
    total_words = 0
    total_bytes = 0
    for i in range(count):
        fmt, text, entry = article(i, seed, words, defect_rate, mix)
        rel = f"{i // FILES_PER_DIR:03d}/article-{i:05d}.{fmt}"
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        entry = {"file": rel, **entry}
        items.append(entry)
        codes.update(d["code"] for d in entry["defects"])
        total_words += entry["words"]
        total_bytes += len(data)
    with_defects = sum(1 for e in items if e["defects"])
    manifest = {
        "generator": f"bench/make_corpus.py v{GENERATOR_VERSION}",
        "params": {
            "count": count,
            "seed": seed,
            "words": words,
            "defect_rate": defect_rate,
            "mix": mix or DEFAULT_MIX,
        },
        "totals": {
            "articles": count,
            "words": total_words,
            "bytes": total_bytes,
            "formats": dict(Counter(e["format"] for e in items)),
            "articles_with_defects": with_defects,
            "defect_rate_actual": round(with_defects / count, 4) if count else 0.0,
            "planted_by_code": dict(sorted(codes.items())),
        },
        "items": items,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="directory to write (created if missing)")
    ap.add_argument("--count", type=int, default=500, help="number of articles [500]")
    ap.add_argument(
        "--words", type=int, default=900, help="mean words per article (at least ~300) [900]"
    )
    ap.add_argument("--seed", type=int, default=1, help="random seed [1]")
    ap.add_argument("--defect-rate", type=float, default=0.3,
                    help="share of articles with planted defects [0.3]")  # fmt: skip
    ap.add_argument("--mix", default="md=6,txt=2,html=2", help="format weights [md=6,txt=2,html=2]")
    args = ap.parse_args(argv)
    if args.count < 0 or args.words < 1 or not 0 <= args.defect_rate <= 1:
        ap.error("--count >= 0, --words >= 1 and 0 <= --defect-rate <= 1")
    try:
        mix = parse_mix(args.mix)
    except ValueError as exc:
        ap.error(str(exc))
    m = write_corpus(args.out, args.count, args.seed, args.words, args.defect_rate, mix)
    t = m["totals"]
    print(
        f"wrote {t['articles']} articles ({t['words']} words, {t['bytes'] / 1e6:.1f} MB; "
        f"{t['formats']}) to {args.out}; {t['articles_with_defects']} with planted defects "
        f"({t['defect_rate_actual']:.1%})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
