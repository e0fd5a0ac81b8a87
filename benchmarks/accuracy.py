"""Regenerate docs/accuracy.md: every accuracy figure, per file and status, and the errors that remain.

Run: `make accuracy` (or `.venv/bin/python benchmarks/accuracy.py`). It calls the shared scorers
(../shared/eval/*.py) exactly as a user would, through the CLI, on three groups of labelled files:

* dev: the shared development sets (../shared/gold);
* leave-one-file-out: read from the record `make fit` writes (benchmarks/results/matcher.json): every
  labelled pair file (dev and benchmarks/heldout) scored by a model fitted without it;
* blind: sets labelled by annotators who never saw the tool's output (benchmarks/blind), used for
  nothing but this report.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
CORPORA = SHARED / "corpora"
CLI = f"{sys.executable} -m reportdiff"

CATEGORIES = (
    ("not paired", "missed pair: a rewording the pair model does not bridge"),
    ("wrongly paired", "false pair: similar wording, different indicator"),
    ("side not found", "extraction: the commitment was not found in that part"),
    ("paired but status", "classification: right pair, wrong status"),
)


def run(script: str, files: list[Path], *extra: str) -> str:
    corpora = [] if script == "score_quantities.py" else ["--corpora", str(CORPORA)]
    cmd = [sys.executable, str(EVAL / script), *map(str, files), "-v", *corpora, *extra]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False).stdout


def pair_table(files: list[Path], title: str, intro: str) -> tuple[list[str], list[str], float]:
    """A Markdown section of commitment-pair scores per file and status, the wrong rows, the accuracy."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    md = [f"## {title}", "", intro, "", "| file | right | rows | accuracy |", "|---|---:|---:|---:|"]
    errors: list[str] = []
    for f in files:
        out = run("score_gold.py", [f], "--cmd", CLI)
        if m := re.search(r"by status: (.*)", out):
            for part in m.group(1).split(", "):
                name, frac = part.split(" ")
                k, n = frac.split("/")
                total[name] += int(n)
                right[name] += int(k)
        m2 = re.search(rf"{re.escape(f.name)}: (\d+)/(\d+)", out)
        k, n = (int(m2.group(1)), int(m2.group(2))) if m2 else (0, 0)
        md.append(f"| {f.name} | {k} | {n} | {k / n if n else 0:.3f} |")
        errors += [
            f"- `{f.name}`: {' '.join(w.split(': ', 1)[-1].split())}"
            for w in out.splitlines()
            if w.startswith("  ")
        ]
    return [*md, *_totals(total, right)], errors, _acc(total, right)


def _acc(total: Counter[str], right: Counter[str]) -> float:
    n = sum(total.values())
    return sum(right.values()) / n if n else 0.0


def _totals(total: Counter[str], right: Counter[str]) -> list[str]:
    n, k = sum(total.values()), sum(right.values())
    out = [f"| **all** | **{k}** | **{n}** | **{k / n if n else 0:.3f}** |", ""]
    out += ["| status | right | rows | accuracy |", "|---|---:|---:|---:|"]
    out += [f"| {s} | {right[s]} | {total[s]} | {right[s] / total[s]:.3f} |" for s in sorted(total)]
    return out


def lofo_section() -> tuple[list[str], float]:
    path = ROOT / "benchmarks" / "results" / "matcher.json"
    rec = json.loads(path.read_text(encoding="utf-8"))
    lofo = rec["leave_one_file_out"]
    md = [
        "## Leave-one-file-out (every labelled pair file)",
        "",
        f"Each of the {len(lofo['per_file'])} labelled pair files (../shared/gold and benchmarks/heldout) is "
        "compared by a pair model fitted on the other files, and judged by the shared scorer's own rules. "
        f"Regularisation {rec['l2']:g} and decision probability {rec['threshold_probability']:g} were chosen "
        "on this figure (every status at 0.92 or more first, then a wrong pairing counted as one and a half "
        f"errors). Fitted {rec['fitted']} by `make fit` on {rec['candidate_pairs']} candidate pairs "
        f"({rec['positive_pairs']} true). This is the best guide to unseen reports.",
        "",
        "| file | right | rows | accuracy |",
        "|---|---:|---:|---:|",
    ]
    md += [f"| {name} | {k} | {n} | {k / n:.3f} |" for name, (k, n) in sorted(lofo["per_file"].items())]
    total = Counter({s: t for s, (_, t) in lofo["by_status"].items()})
    right = Counter({s: r for s, (r, _) in lofo["by_status"].items()})
    md += _totals(total, right)
    md += ["", f"False pairs (a wrong pairing): {lofo['false_pairs']} of {lofo['rows']} rows.", ""]
    md += [
        "### Calibration (leave-one-file-out pairs)",
        "",
        "Among the pairs shown with a confidence in each bucket, the share that the labels confirm:",
        "",
        "| confidence | pairs | right | share right | mean confidence |",
        "|---|---:|---:|---:|---:|",
    ]
    md += [
        f"| {r['confidence']} | {r['pairs']} | {r['right']} | {r['share']:.3f} | {r['mean_confidence']:.3f} |"
        for r in rec["calibration_table"]
    ]
    return md, lofo["accuracy"]


def initiative_lofo() -> str:
    """Leave-one-file-out accuracy of named initiatives: the lower of the pair model's
    (``benchmarks/fit_initiatives.py --write`` → ``benchmarks/results/initiatives.json``) and the
    recurring-run model's at its threshold (``benchmarks/fit_recurring.py --write`` →
    ``benchmarks/results/recurring.json``)."""
    results = ROOT / "benchmarks" / "results"
    shares = []
    if (results / "initiatives.json").exists():
        lofo = json.loads((results / "initiatives.json").read_text(encoding="utf-8"))["leave_one_file_out"]
        shares.append(lofo["right"] / lofo["rows"])
    if (results / "recurring.json").exists():
        cut = json.loads((ROOT / "reportdiff" / "data" / "recurring_model.json").read_text())["threshold"]
        at = json.loads((results / "recurring.json").read_text(encoding="utf-8"))["leave_one_file_out"]
        if str(cut) in at:
            shares.append(at[str(cut)]["right"] / at[str(cut)]["rows"])
    return f"{min(shares):.3f}" if shares else "—"


def initiative_table(files: list[Path], title: str, intro: str) -> tuple[list[str], float]:
    """A Markdown section of named-initiative scores per file and status, and the accuracy."""
    out = run("score_initiatives.py", files, "--cmd", CLI)
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    if m := re.search(r"by status: (.*)", out):
        for part in m.group(1).split(", "):
            name, frac = part.split(" ")
            k, n = frac.split("/")
            total[name], right[name] = int(n), int(k)
    md = [f"## {title}", "", intro, "", "| file | right | rows | accuracy |", "|---|---:|---:|---:|"]
    for f in files:
        if m2 := re.search(rf"{re.escape(f.name)}: (\d+)/(\d+)", out):
            k, n = int(m2.group(1)), int(m2.group(2))
            md.append(f"| {f.name} | {k} | {n} | {k / n if n else 0:.3f} |")
    return [*md, *_totals(total, right)], _acc(total, right)


#: the blind rounds of named initiatives: folder in benchmarks/blind, ordinal, and how they were labelled
#: and scored (the first four rounds are development data: the first since the sixteenth round, the
#: second to fourth since the twentieth; the tenth since the twenty-fifth; the thirteenth since the
#: twenty-sixth)
BLIND_INITIATIVE_ROUNDS = (
    (
        "initiatives_r7",
        "seventh",
        "Six more pairs, labelled on 2026-12-07 by six annotators who never saw the tool's output "
        "(henan, jiangsu and hunan 2025 plan → 2026 plan; gansu, tianjin and shandong 2025 plan → 2026 "
        "review; the three 2026 plans and the three 2026 reviews are new to any label file): scored at "
        "a4e3d97 before the twenty-first round (423/569 = 0.743), with the models refitted on rounds five "
        "and six (424), and after the round (the figure here); no rule was drawn from their rows.",
    ),
    (
        "initiatives_r8",
        "eighth",
        "Six more pairs, labelled on 2026-12-07 by six other annotators who never saw the tool's output "
        "(chongqing, guangxi and shaanxi 2025 plan → 2026 plan; anhui, hebei and liaoning 2025 plan → 2026 "
        "review), after the rules of the twenty-second round were written and before the models were "
        "refitted: 389/516 = 0.754 at 3778dff (the round's start) and at its last rule alike; the figure "
        "here is after the refit. No one read their rows.",
    ),
    (
        "initiatives_r9",
        "ninth",
        "Six more pairs, labelled on 2026-12-07 by six other annotators who never saw the tool's output "
        "(shanxi 2025 plan → 2026 plan; guizhou, jiangxi, neimenggu, ningxia and xinjiang 2025 plan → 2026 "
        "review), at 4a17308 (no rule written since): 335/454 = 0.738. No one read their rows.",
    ),
    (
        "initiatives_r11",
        "eleventh",
        "Four more delivery pairs of the district's reports (hailaer 2012 → 2013, 2015 → 2016, 2017 → 2018 "
        "and 2018 → 2019, plan → review), labelled on 2026-12-07 by four other annotators who never saw the "
        "tool's output, after the twenty-fourth round's rules for local reports were written: 162/307 = "
        "0.528 at 05f5114 (before them), 180/307 = 0.586 at 329256b (after them), looked at once. No one "
        "read their rows.",
    ),
    (
        "initiatives_r12",
        "twelfth",
        "The district's last unlabelled pair (hailaer 2013 plan → 2014 review), labelled on 2026-12-07 by an "
        "annotator who never saw the tool's output, at the twenty-fifth round's start: 45/77 = 0.584 at "
        "e3d17d6 (before its rules), the figure here after them, looked at once. No one read its rows."
    ),
)


#: the hand-judged samples of listed initiatives, oldest first, and what each was drawn from
PRECISION_SAMPLES = (
    ("initiative_precision.tsv", "first sample (seed 2026, the code of 2026-12-04)"),
    ("initiative_precision_2027.tsv", "second sample (seed 2027, the code of 2026-12-05, another annotator)"),
    (
        "initiative_precision_2028.tsv",
        "third sample (seed 2028, the code of 2026-12-05 evening, five other reports, a third annotator)",
    ),
    (
        "initiative_precision_2029.tsv",
        "fourth sample (seed 2029, the code of 7330792, five other reports whose words the corpus lists "
        "counted, a fourth annotator)",
    ),
    (
        "initiative_precision_2030.tsv",
        "fifth sample (seed 2030, the code of 84fcf52 after the fourth round, five other reports whose words "
        "the corpus lists counted, a fifth annotator)",
    ),
    (
        "initiative_precision_2031.tsv",
        "sixth sample (seed 2031, the code of 04a049a after the sixth round, five reports never sampled, "
        "a sixth annotator)",
    ),
    (
        "initiative_precision_2032.tsv",
        "seventh sample (seed 2032, the code of d499c9a after the ninth round, five reports never sampled, "
        "a seventh annotator)",
    ),
    (
        "initiative_precision_2033.tsv",
        "eighth sample (seed 2033, the code of 2859867 after the eleventh round, the last five reports never "
        "sampled, whose words the corpus lists counted, an eighth annotator)",
    ),
    (
        "initiative_precision_2034.tsv",
        "ninth sample (seed 2034, the code of 3275486 after the twelfth round, five reports never sampled "
        "but in blind pair sets, a ninth annotator; no rule drawn from it)",
    ),
    (
        "initiative_precision_2035.tsv",
        "tenth sample (seed 2035, the code of ceb127f in the thirteenth round, five reports never sampled "
        "but in blind pair sets, a tenth annotator; no rule drawn from it)",
    ),
    (
        "initiative_precision_2036.tsv",
        "eleventh sample (seed 2036, the code of 26c8d07 after the thirteenth round, names never judged "
        "before from tianjin-2025, hailaer-2015 and three reports of the ninth sample, all in blind pair "
        "sets, an eleventh annotator; no rule drawn from it)",
    ),
    (
        "initiative_precision_2037.tsv",
        "twelfth sample (seed 2037, the code of ae14f33 after the fifteenth round and its lexicon, names "
        "never judged before from zhejiang-2025, guangdong-2026, national-2022, chongqing-2025 and "
        "hebei-2026, a twelfth annotator; no rule drawn from it)",
    ),
    (
        "initiative_precision_2038.tsv",
        "thirteenth sample (seed 2038, the code of a9d9828 after the seventeenth round, names never judged "
        "before from heilongjiang-2026, jilin-2025, neimenggu-2026, yunnan-2025 and national-2024, reports "
        "outside every development label file, a thirteenth annotator; one rule drawn from it in the "
        "eighteenth round: …物流园 is a zone, 盛乐空港国际物流园)",
    ),
    (
        "initiative_precision_2039.tsv",
        "fourteenth sample (seed 2039, the code of cf461d2 after the eighteenth round, names never judged "
        "before from heilongjiang-2025, jilin-2026, neimenggu-2025, yunnan-2026, national-2022 and "
        "national-2024, reports outside every development label file, a fourteenth annotator)",
    ),
    (
        "initiative_precision_2040.tsv",
        "fifteenth sample (seed 2040, the code of 9f4ebd4 after the nineteenth round, names never judged "
        "before from heilongjiang-2026, jilin-2025, neimenggu-2026, yunnan-2025 and guangdong-2026, "
        "reports outside every development label file, a fifteenth annotator)",
    ),
    (
        "initiative_precision_2041.tsv",
        "sixteenth sample (seed 2041, the code of 210501b after the twentieth round, names never judged "
        "before from chongqing-2026, guangxi-2026, henan-2026, hunan-2026 and shaanxi-2026, plan parts "
        "outside every development and blind label file, a sixteenth annotator)",
    ),
    (
        "initiative_precision_2042.tsv",
        "seventeenth sample (seed 2042, the code of 329256b after the rules for local reports of the "
        "twenty-fourth round: a county-level city's and a district's reports, nanan-2023 (50, never "
        "labelled) and hailaer-2018 and hailaer-2019 (25 each, whose plan parts the development labels "
        "hold), a seventeenth annotator)",
    ),
    (
        "initiative_precision_2043.tsv",
        "eighteenth sample (seed 2043, the code of 77a88fd after the twenty-fifth round's rules for the "
        "reviews of local reports: the review parts of hailaer-2013, -2015, -2017 and -2019, 25 each, "
        "--part review; an eighteenth annotator who never saw the code)",
    ),
    (
        "initiative_precision_2044.tsv",
        "nineteenth sample (seed 2044, the code of 6eb3b21 in the twenty-sixth round: the review parts of "
        "five provincial 2026 reports outside every development label file, gansu, hebei, jiangxi, ningxia "
        "and xinjiang, 20 each, --part review; a nineteenth annotator who never saw the code; one rule "
        "drawn from it: 启动运行 and 上线运行 are done)",
    ),
    (
        "initiative_precision_2045.tsv",
        "twentieth sample (seed 2045, the code of 6b56a91 in the twenty-seventh round: the review parts "
        "of five provincial 2025 reports, which review 2024 and which no label file holds, anhui, beijing, "
        "fujian, shandong and sichuan, 20 each, --part review; a twentieth annotator who never saw the code)",
    ),
    (
        "initiative_precision_2046.tsv",
        "twenty-first sample (seed 2046, the code of 6897660 in the twenty-eighth round: the review parts "
        "of five other provincial 2025 reports, hubei, jiangxi, liaoning, henan and shanghai, 20 each, "
        "--part review; a twenty-first annotator who never saw the code; one rule drawn from it: a known "
        "name counted through a number is not listed)",
    ),
)


def _judged(path: Path) -> tuple[list[list[str]], dict[str, int]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]
    return rows[1:], {name: i for i, name in enumerate(rows[0])}


def _judged_sets(specs: tuple[tuple[str, str], ...]) -> list[tuple[str, list[list[str]], dict[str, int]]]:
    """The hand-judged files of ``specs`` (file name in benchmarks/blind, title) that exist, read."""
    folder = ROOT / "benchmarks" / "blind"
    return [(title, *_judged(folder / name)) for name, title in specs if (folder / name).exists()]


def _sample_md(title: str, body: list[list[str]], col: dict[str, int]) -> list[str]:
    real = [r for r in body if r[col["real"]] == "yes"]
    kind = sum(1 for r in real if r[col["kind_ok"]] == "yes")
    stage = sum(1 for r in real if r[col["stage_ok"]] == "yes")
    return [
        f"### {title}",
        "",
        "| judged | share |",
        "|---|---:|",
        f"| a real initiative | {len(real)}/{len(body)} = {len(real) / len(body):.3f} |",
        f"| of those, kind right | {kind}/{len(real)} = {kind / max(len(real), 1):.3f} |",
        f"| of those, stage right | {stage}/{len(real)} = {stage / max(len(real), 1):.3f} |",
        "",
        "Not real (as judged):",
        "",
        *[
            f"- {r[col['report']]}: {r[col['name']]} — {r[col['note']]}"
            for r in body
            if r[col["real"]] == "no"
        ],
        "",
    ]


def precision_section() -> tuple[list[str], str]:
    """The hand-judged samples of listed initiatives (benchmarks/blind/initiative_precision*.tsv)."""
    samples = _judged_sets(PRECISION_SAMPLES)
    if not samples:
        return [], "—"
    reports = sorted({r[col["report"]] for _, body, col in samples for r in body})
    md = [
        "## Named initiatives: precision (hand-judged samples)",
        "",
        f"Initiatives drawn at random (`benchmarks/initiative_sample.py`) from the plan parts of "
        f"{', '.join(reports)} — reports never labelled or sampled for the initiative grammar's "
        "development but the seventeenth sample's two of the district (the corpus word lists count the "
        "fourth and fifth samples' reports, no earlier one's) "
        "— and judged, by a different annotator each time, under "
        '`../shared/gold/README.md` ("Named initiatives"), 100 per sample:',
        "",
    ]
    for title, body, col in samples:
        md += _sample_md(title, body, col)
    shares = []
    for _, body, col in samples:
        k = sum(1 for r in body if r[col["real"]] == "yes")
        shares.append(f"{k}/{len(body)} = {k / len(body):.2f}")
    return md, " and ".join(shares) + " real"


#: the hand-judged key-change sets: file and what it holds
KEY_CHANGE_SETS = (
    (
        "key_changes.tsv",
        "seven provinces whose reports are reserved, 2025 → 2026 (judged at b137faf, re-listed 2026-12-05)",
    ),
    (
        "key_changes_2.tsv",
        "hailaer 2014 → 2018 (four pairs, plan and delivery) and national 2022 → 2024 "
        "(plan; judged at 68b9540, re-listed 2026-12-05)",
    ),
)


def _key_set_md(title: str, body: list[list[str]], col: dict[str, int]) -> list[str]:
    groups: dict[str, list[list[str]]] = {}
    for r in body:
        groups.setdefault(f"{r[col['mode']]} · {r[col['list']]}", []).append(r)
    right = sum(1 for r in body if r[col["right"]] == "yes")
    return [
        f"### {title}",
        "",
        "| list | right | share |",
        "|---|---:|---:|",
        *[
            f"| {name} | {sum(1 for r in rows if r[col['right']] == 'yes')}/{len(rows)} | "
            f"{sum(1 for r in rows if r[col['right']] == 'yes') / len(rows):.3f} |"
            for name, rows in sorted(groups.items())
        ],
        f"| **all** | **{right}/{len(body)}** | **{right / len(body):.3f}** |",
        "",
        "Not right (as judged):",
        "",
        *[
            f"- {r[col['pair']]} {r[col['mode']]} {r[col['list']]}: {r[col['indicator']]} — {r[col['note']]}"
            for r in body
            if r[col["right"]] != "yes"
        ],
        "",
    ]


def key_changes_section() -> tuple[list[str], str]:
    """The hand-judged key changes (benchmarks/blind/key_changes*.tsv): the share right, by list."""
    sets = _judged_sets(KEY_CHANGE_SETS)
    if not sets:
        return [], "—"
    md = [
        "## Key changes: what a reader sees first (hand-judged)",
        "",
        "Every entry of the page's key-changes block (raises and cuts of plan → plan; missed, unreported "
        "and exceeded targets of plan → next year's review), judged by annotators reading the reports "
        "(`benchmarks/blind/key_changes*.tsv`). The first set compares reports used nowhere in development; "
        "in the second every pair holds at least one such report (hailaer 2015–2017, national 2024), the "
        "other side (hailaer 2014, 2018, national 2022) being a development report. Both were re-listed "
        "for the tool after the trust fixes of 2026-12-05 (`benchmarks/key_changes_dump.py --carry`): an "
        "entry listed word for word as before keeps its judgement, the entries new in the list were judged "
        "by a fresh annotator:",
        "",
    ]
    shares = []
    for title, body, col in sets:
        md += _key_set_md(title, body, col)
        right = sum(1 for r in body if r[col["right"]] == "yes")
        shares.append(f"{right}/{len(body)} = {right / len(body):.2f}")
    return md, " and ".join(shares)


def agreement_section() -> tuple[list[str], str]:
    """Two annotators on the same pairs (``benchmarks/agreement.py``): their agreement where both
    labelled an initiative."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from agreement import agreement

    lines, shared, same = [], 0, 0
    for second in sorted((ROOT / "benchmarks" / "blind" / "agreement").glob("*.tsv")):
        first = ROOT / "benchmarks" / "heldout" / "initiatives" / second.name
        n_a, n_b, both, alike = agreement(first, second)
        shared, same = shared + both, same + alike
        lines.append(f"| {second.name} | {n_a} | {n_b} | {both} | {alike} |")
    figure = f"{same}/{shared} = {same / max(shared, 1):.3f}"
    md = [
        "## Named initiatives: two annotators on the same pairs",
        "",
        "Two pairs of the second blind round (heilongjiang and yunnan 2025 plan → 2026 plan) were "
        "labelled again on 2026-12-07 by two annotators of the sixth round who saw neither the tool's "
        "output nor the first labels (`benchmarks/blind/agreement`; `benchmarks/agreement.py`). Each "
        "annotator picks their own rows; two rows are about one initiative where their substrings fall "
        "in the same clause on one side. Where both labelled an initiative they almost always agree on "
        f"its status and counterpart: **{figure}**. The labels are not the noise in the figures above: "
        "the rows the tool gets wrong are its own errors. What differs is coverage: a fifth to a third of "
        "each annotator's rows are initiatives the other left out.",
        "",
        "| pair | rows (first) | rows (second) | labelled by both | same status and counterpart |",
        "|---|---|---|---|---|",
        *lines,
    ]
    return md, figure


def key_initiatives_section() -> tuple[list[str], str]:
    """The hand-judged key initiatives (benchmarks/blind/key_initiatives.tsv): the share of real names
    in the key lists before namehood and with it."""
    path = ROOT / "benchmarks" / "blind" / "key_initiatives.tsv"
    if not path.exists():
        return [], "—"
    body, col = _judged(path)
    shares = {}
    for ranking in ("before", "namehood_ranking"):
        listed = [r for r in body if r[col[ranking]] == "yes"]
        real = sum(1 for r in listed if r[col["real"]] == "yes")
        shares[ranking] = f"{real}/{len(listed)} = {real / len(listed):.2f}"
    md = [
        "## Key initiatives: the names a reader sees first (hand-judged)",
        "",
        "The new and dropped named initiatives of the key-changes block of five plan → plan pairs "
        "(shaanxi, chongqing, zhejiang, hunan, henan, 2025 → 2026), listed by the ranking before namehood "
        "(long names first, then confidence) and by confidence × namehood (none under 0.6); the union, "
        "shuffled, judged by an annotator who did not know which ranking listed a name "
        "(`benchmarks/blind/key_initiatives.tsv`). Real names: before "
        f"**{shares['before']}**, with namehood **{shares['namehood_ranking']}**.",
        "",
    ]
    return md, shares["namehood_ranking"]


#: the bins of weight the judged recurring runs were drawn from (benchmarks/recurring_sample.py)
RECURRING_BINS = ((0.03, 0.06), (0.06, 0.1), (0.1, 0.15), (0.15, 0.25), (0.25, 1.01))


def reported_section() -> tuple[list[str], str]:
    """The names a review's results list (``initiatives._reported_names``), every one over the corpora,
    hand-judged (benchmarks/blind/reported_judged.tsv): the share real, and of those the share the
    sentence reports done or set up."""
    path = ROOT / "benchmarks" / "blind" / "reported_judged.tsv"
    if not path.exists():
        return [], "—"
    body, col = _judged(path)
    listed = _listed_in_reviews({r[col["report"]] for r in body})
    now = [r for r in body if r[col["name"]] in listed[r[col["report"]]]]

    def real(rows: list[list[str]]) -> list[list[str]]:
        return [r for r in rows if r[col["real"]] == "yes"]

    done = sum(1 for r in real(now) if r[col["note"]].startswith("done"))
    figure = f"{len(real(now))}/{len(now)} = {len(real(now)) / len(now):.2f}"
    md = [
        "## Reported results: names a review lists as the subject of a result (hand-judged)",
        "",
        "Every name the review parts of the corpora listed only as the subject of a clause a result closes "
        "(吉化乙烯项目投产: docs/initiatives.md, *Reported results*) when the rule was first written, "
        "judged by an annotator who did not see the rule, under gold/README.md "
        f"(`benchmarks/blind/reported_judged.tsv`): {len(real(body))}/{len(body)} real then. Its misses "
        "prompted the superlatives (首条国际海缆, 全国首列氢能文旅列车) and dropped 交付, so the figure for "
        "the names still listed is a development figure.",
        "",
        "| judged | share |",
        "|---|---:|",
        f"| still listed: a real initiative | {figure} |",
        f"| of those, reported done or set up | {done}/{len(real(now))} |",
    ]
    return md, f"{figure} (development)"


def _listed_in_reviews(reports: set[str]) -> dict[str, set[str]]:
    """The names each corpus report (file stem) lists in its review part (the project's package, as the
    CLI the other figures run)."""
    sys.path.insert(0, str(ROOT))
    from reportdiff import extract_initiatives, load

    return {
        stem: {i.name for i in extract_initiatives(load(CORPORA / f"{stem}.txt"), part="review")}
        for stem in reports
    }


def recurring_section() -> tuple[list[str], str]:
    """The hand-judged recurring runs (benchmarks/blind/recurring_judged.tsv): the share real per bin
    of weight, and among those the comparison lists (at least the model's threshold)."""
    path = ROOT / "benchmarks" / "blind" / "recurring_judged.tsv"
    if not path.exists():
        return [], "—"
    body, col = _judged(path)
    cut = json.loads((ROOT / "reportdiff" / "data" / "recurring_model.json").read_text())["threshold"]

    def share(rows: list[list[str]]) -> str:
        real = sum(1 for r in rows if r[col["real"]] == "yes")
        return f"{real}/{len(rows)}"

    md = [
        "## Recurring runs: listed runs that are real (hand-judged)",
        "",
        "Runs both compared parts hold without a name's marks (`reportdiff.recurring`), drawn from the "
        "plan and review comparisons of guangdong, heilongjiang, jilin, neimenggu and yunnan (2025 → 2026; "
        "no labelled file uses them), 30 per bin of the model's weight, and judged by an annotator who saw "
        "neither the model nor the weights (`benchmarks/blind/recurring_judged.tsv`). A comparison lists "
        f"the runs weighed at least {cut}.",
        "",
        "| weight | real |",
        "|---|---:|",
    ]
    weight = col["likelihood_at_draw"]
    for lo, hi in RECURRING_BINS:
        inside = [r for r in body if lo <= float(r[weight]) < hi]
        md.append(f"| {lo}–{min(hi, 1.0)} | {share(inside)} |")
    listed = [r for r in body if float(r[weight]) >= cut]
    check = ROOT / "benchmarks" / "blind" / "recurring_listed_judged.tsv"
    if not check.exists():
        return md, f"{share(listed)} (runs weighed ≥ {cut})"
    held, hcol = _judged(check)
    real = sum(1 for r in held if r[hcol["real"]] == "yes")
    md += [
        "",
        "Above the threshold that sample finds "
        f"{share(listed)} real; it set the threshold and prompted the stop words, so it is a development "
        "figure. The check: 60 of the runs comparisons list, drawn at random once the model and its word "
        "lists were set, from the plan and review comparisons of chongqing, gansu, hunan, zhejiang and "
        "tianjin, judged by another annotator (`benchmarks/blind/recurring_listed_judged.tsv`): "
        f"**{real}/{len(held)} = {real / len(held):.2f} real**.",
    ]
    return md, f"{real}/{len(held)} = {real / len(held):.2f} (held-out check; {share(listed)} in development)"


def simple_score(script: str, files: list[Path], *extra: str) -> tuple[str, list[str]]:
    out = run(script, files, *extra)
    lines = out.strip().splitlines()
    wrong = [" ".join(ln.split()) for ln in lines if ln.startswith("  ")]
    return "\n".join(ln for ln in lines if not ln.startswith("  ")), wrong


def main() -> None:
    dev = sorted(p for p in (SHARED / "gold").glob("*.tsv") if p.name != "quantities.tsv")
    blind = sorted((ROOT / "benchmarks" / "blind" / "pairs").glob("*.tsv"))
    md = [
        "# Accuracy",
        "",
        "Generated by `benchmarks/accuracy.py` (`make accuracy`); do not edit by hand. The shared scorers",
        "(`../shared/eval/`) run through the CLI exactly as a user would.",
        "",
        "| what | dev | leave-one-file-out | blind held-out |",
        "|---|---:|---:|---:|",
    ]
    dev_md, dev_err, dev_acc = pair_table(
        dev,
        "Commitment pairs: dev sets (`../shared/gold`)",
        "The shared development sets, scored with the shipped model (fitted on them).",
    )
    lofo_md, lofo_acc = lofo_section()
    blind_md, blind_err, blind_acc = pair_table(
        blind,
        "Commitment pairs: blind held-out sets (`benchmarks/blind/pairs`)",
        "Labelled under `../shared/gold/README.md` by annotators who never saw the tool's output, "
        "on pairs of reports, years and parts used nowhere in development (two provincial plan → plan "
        "pairs, a provincial delivery pair, a provincial and the national within-report comparison, a "
        "district plan → plan pair). Scored once the matcher was finished; nothing was tuned on them.",
    )
    md.append(f"| commitment pairs | {dev_acc:.3f} | {lofo_acc:.3f} | {blind_acc:.3f} |")
    q_dev, _ = simple_score("score_quantities.py", [SHARED / "gold" / "quantities.tsv"])
    q_held, _ = simple_score("score_quantities.py", [ROOT / "benchmarks" / "heldout" / "quantities.tsv"])
    x_dev, x_err = simple_score(
        "score_extraction.py", sorted((SHARED / "gold" / "extraction").glob("*.tsv")), "--cmd", CLI
    )
    x_blind, x_blind_err = simple_score(
        "score_extraction.py",
        sorted((ROOT / "benchmarks" / "blind" / "extraction").glob("*.tsv")),
        "--cmd",
        CLI,
    )

    def last(out: str) -> str:
        return out.strip().splitlines()[-1].rsplit("=", 1)[-1].strip()

    md.append(f"| extraction (numbers labelled commitment or not) | {last(x_dev)} | — | {last(x_blind)} |")
    md.append(f"| quantity grammar | {last(q_dev)} | — | {last(q_held)} (held-out expressions) |")
    init_dev_md, init_dev = initiative_table(
        sorted((SHARED / "gold" / "initiatives").glob("*.tsv"))
        + sorted((ROOT / "benchmarks" / "heldout" / "initiatives").glob("*.tsv")),
        "Named initiatives: dev sets",
        "The shared initiative files and our own development labels (`benchmarks/heldout/initiatives`), "
        "scored by `../shared/eval/score_initiatives.py` through the CLI. Since the sixteenth round "
        "(2026-12-07) they include the fifteen pairs of the first blind round (chongqing, gansu, guizhou, "
        "hailaer-2015 and 2016, hainan, hebei, hunan, jiangsu, ningxia, qinghai, shaanxi, tianjin, xizang, "
        "zhejiang): their wrong rows had been read while developing, so they had become development data; "
        "they last scored 1148/1595 = 0.720 as a blind set, at afc2255. Since the twentieth round they also "
        "include the twelve pairs of the second, third and fourth blind rounds (heilongjiang, yunnan and "
        "neimenggu plan → plan, jilin delivery; guangdong and hailaer-2012 plan → plan, zhejiang and xizang "
        "delivery; hailaer-2013 plan → plan, fujian, shanghai and qinghai delivery), read by the nineteenth "
        "round: as blind sets they last scored 227/314, 240/367 and 221/353 (688/1034 = 0.665) at "
        "93c5593, and 694/1034 before the models were refitted on them. Since the twenty-first round they "
        "also include the eight pairs of the fifth and sixth blind rounds (beijing, sichuan, hubei and "
        "jilin plan → plan; hainan, guangdong, heilongjiang and yunnan delivery): as blind sets they last "
        "scored 278/384 and 167/245 (445/629 = 0.707) at a4e3d97. Since the twenty-fifth round they also "
        "include the four pairs of the tenth blind round (hailaer 2014 → 2015 and 2017 → 2018 plan → plan, "
        "2014 → 2015 and 2016 → 2017 delivery), whose totals had been watched while rules were kept: as a "
        "blind set it last scored 169/292 = 0.579 at e3d17d6. Since the twenty-sixth round they also "
        "include the thirteenth blind round, the national reports' plans two years apart (national-2022 → "
        "national-2024, 125 rows, `benchmarks/blind/initiatives_r13/BRIEF.md`), scored once as a blind set "
        "at 6eb3b21 before any rule: 59/125 = 0.472; its wrong rows were then read. The model fits, the "
        "lexicon and leave-one-file-out read them with the rest.",
    )
    rounds = [  # the latest round first
        (
            ordinal,
            *initiative_table(
                sorted((ROOT / "benchmarks" / "blind" / folder).glob("*.tsv")),
                f"Named initiatives: blind held-out sets, {ordinal} round (`benchmarks/blind/{folder}`)",
                intro,
            ),
        )
        for folder, ordinal, intro in reversed(BLIND_INITIATIVE_ROUNDS)
    ]
    precision_md, precision = precision_section()
    blind_figures = ", ".join(f"{figure:.3f} ({ordinal} round)" for ordinal, _, figure in rounds)
    md.append(f"| named initiatives | {init_dev:.3f} | {initiative_lofo()} | {blind_figures} |")
    md.append(f"| named initiatives listed that are real (hand-judged sample) | — | — | {precision} |")
    agreement_md, agreement_figure = agreement_section()
    md.append(
        f"| named initiatives: two annotators agree (rows both labelled) | — | — | {agreement_figure} |"
    )
    keys_md, keys = key_changes_section()
    md.append(f"| key changes that are right (hand-judged, two sets) | — | — | {keys} |")
    key_init_md, key_init = key_initiatives_section()
    md.append(f"| key new and dropped initiatives that are real (hand-judged) | — | — | {key_init} |")
    recurring_md, recurring = recurring_section()
    md.append(f"| recurring runs listed that are real (hand-judged) | — | — | {recurring} |")
    reported_md, reported = reported_section()
    md.append(f"| reported results listed that are real (hand-judged, every one) | — | — | {reported} |")
    md += ["", *dev_md, "", *lofo_md, "", *blind_md, ""]
    md += [
        "## Extraction checks",
        "",
        "Dev (`../shared/gold/extraction`):",
        "",
        "```",
        x_dev,
        "```",
        "",
        "Blind (`benchmarks/blind/extraction`). Measured first at 0.923 (non-commitments rejected "
        "44/52); its errors then prompted general grammar rules (the topics of 以下五个方面, "
        "regulation names such as 28条规定, existence statements 我国有2.9亿…, a population as a "
        "possessor, 和 is no noun), so read this figure as a development check:",
        "",
        "```",
        x_blind,
        "```",
        "",
    ]
    md += ["## Quantity grammar", "", "```", q_dev, q_held, "```", ""]
    md += [
        *init_dev_md,
        "",
        *(line for _, round_md, _ in rounds for line in (*round_md, "")),
        *agreement_md,
        "",
        *precision_md,
        "",
        *keys_md,
        "",
        *key_init_md,
    ]
    md += ["", *recurring_md, "", *reported_md]
    errors = dev_err + blind_err
    categories = Counter(next((name for key, name in CATEGORIES if key in e), "other") for e in errors)
    md += ["## Error categories (dev and blind pairs)", "", "| category | rows |", "|---|---:|"]
    md += [f"| {name} | {n} |" for name, n in categories.most_common()] or ["| none | 0 |"]
    md += ["", "## Remaining errors", "", *(errors or ["None."]), ""]
    extraction_errors = [f"- {e}" for e in x_err + x_blind_err] or ["None."]
    md += ["### Extraction errors", "", *extraction_errors, ""]
    (ROOT / "docs" / "accuracy.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print(
        f"pairs: dev {dev_acc:.3f}, leave-one-file-out {lofo_acc:.3f}, blind {blind_acc:.3f}",
        "(docs/accuracy.md)",
    )


if __name__ == "__main__":
    main()
