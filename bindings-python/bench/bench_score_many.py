"""Benchmark: carepath.score_many against a straightforward pure-Python implementation.

Generates N assessments of the bundled catalogue (deterministic seed), then times

- ``carepath.score_many`` (read + parse + check + score in Rust without the GIL, then a
  pandas DataFrame), and ``carepath.score_many_records`` (plain dicts, no pandas);
- the same job in pure Python: ``json.loads``, the same checks (file shape, unknown fields,
  repeated keys, versions, dates, standard ids, scale) and the same scoring rules, then the
  same DataFrame / list of dicts.

It first checks that both give the same numbers (within 1e-9) on a sample, then prints the
times and the ratio, and the floor under any implementation that reads the same JSON and
returns the same table: parsing it in Rust, and building the DataFrame, which bound the ratio
from above. With ``--files`` it also splits ``score_many``'s time from files into its steps
(reading, parsing, checking, scoring, the columns, the table), each alone on one thread, with
the floor (Python reading the same bytes) beside them. Not a test: run it by hand, on a release
build (``maturin develop --release``).

    .venv/bin/python bindings-python/bench/bench_score_many.py            # 10,000 in memory
    .venv/bin/python bindings-python/bench/bench_score_many.py -n 5000 --runs 3 --files    # and from files, step by step
    .venv/bin/python bindings-python/bench/bench_score_many.py --edition perinatal-mental-health@3.1.0   # with groups
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import random
import re
import statistics
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import carepath

SEED = 20161130


# ----------------------------------------------------------------------------- data


def generate(catalogue: carepath.Catalogue, n: int, seed: int = SEED) -> List[str]:
    """``n`` assessments as JSON text: most standards scored, some not applicable, unknown or
    missing, some with evidence and confidence."""
    rng = random.Random(seed)
    ids = [s["id"] for s in catalogue.standards]
    start = datetime.date(2016, 1, 1).toordinal()
    out = []
    for i in range(n):
        ratings: Dict[str, Any] = {}
        for sid in ids:
            roll = rng.random()
            if roll < 0.08:
                continue  # unrated
            if roll < 0.14:
                entry: Dict[str, Any] = {"rating": "not_applicable"}
            elif roll < 0.20:
                entry = {"rating": "unknown"}
            else:
                entry = {"rating": rng.randint(0, 5)}
                if rng.random() < 0.3:
                    entry["evidence"] = f"Evidence {rng.randint(1, 999)} agreed at the workshop"
                    entry["confidence"] = rng.choice(["low", "medium", "high"])
            ratings[sid] = entry
        doc = {
            "schema_version": "1.0.0",
            "catalogue": catalogue.reference,
            "area": {"name": f"Area {i:05d}", "code": f"E{i:08d}", "kind": "locality"},
            "assessed_on": datetime.date.fromordinal(start + rng.randint(0, 4 * 365)).isoformat(),
            "ratings": ratings,
        }
        out.append(json.dumps(doc))
    return out


# ----------------------------------------------------------------------------- pure Python

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
TOP_KEYS = {"$schema", "schema_version", "catalogue", "area", "assessed_on", "participants", "ratings", "notes", "archive",
            "plan", "plan_archive", "previous", "groups"}
TOP_REQUIRED = {"schema_version", "catalogue", "area", "assessed_on", "ratings"}
ENTRY_KEYS = {"rating", "evidence", "confidence", "actions", "review", "target", "groups", "evidence_level", "evidence_date"}
WEIGHTS = {"essential": 3, "expected": 2, "desirable": 1}


class Invalid(ValueError):
    pass


def no_repeats(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise Invalid(f"repeated key {key}")
        out[key] = value
    return out


def prepare(catalogue: Dict[str, Any]) -> Dict[str, Any]:
    """What scoring needs from the catalogue, looked up once."""
    themes = []
    standards = {}
    for theme in catalogue["themes"]:
        rows = []
        for s in theme["standards"]:
            rows.append((s["id"], s["tags"], WEIGHTS[s["priority"]]))
            standards[s["id"]] = s
        themes.append((theme["id"], theme["title"], rows))
    bands = [(b["id"], float(b["from"]), float(b["to"])) for b in catalogue["scale"]["bands"]]
    return {
        "id": catalogue["id"],
        "version": tuple(int(x) for x in catalogue["version"].split(".")),
        "min": catalogue["scale"]["min"],
        "max": catalogue["scale"]["max"],
        "bands": bands,
        "themes": themes,
        "standards": standards,
        "tags": [c["id"] for c in catalogue["cross_cutting"]],
        "groups": [g["id"] for g in catalogue.get("groups", [])],
    }


def light(bands: List[Tuple[str, float, float]], score: Optional[float]) -> Optional[str]:
    if score is None:
        return None
    last = len(bands) - 1
    for i, (band, lo, hi) in enumerate(bands):
        if score >= lo - 1e-9 and (score <= hi + 1e-9 if i == last else score < hi - 1e-9):
            return band
    return None


def py_check(c: Dict[str, Any], doc: Any) -> None:
    if not isinstance(doc, dict):
        raise Invalid("not an object")
    if doc.keys() - TOP_KEYS or TOP_REQUIRED - doc.keys():
        raise Invalid("fields")
    version = doc["schema_version"]
    if not isinstance(version, str) or not SEMVER.match(version) or not version.startswith("1."):
        raise Invalid("schema_version")
    ref = doc["catalogue"]
    if not isinstance(ref, dict) or set(ref) != {"id", "version"} or not SEMVER.match(ref["version"]):
        raise Invalid("catalogue")
    area = doc["area"]
    if not isinstance(area, dict) or "name" not in area or area.keys() - {"name", "code", "kind"}:
        raise Invalid("area")
    if not all(isinstance(v, str) for v in area.values()):
        raise Invalid("area")
    on = doc["assessed_on"]
    if not isinstance(on, str) or len(on) != 10:
        raise Invalid("assessed_on")
    datetime.date.fromisoformat(on)
    ratings = doc["ratings"]
    if not isinstance(ratings, dict):
        raise Invalid("ratings")
    rated = tuple(int(x) for x in ref["version"].split("."))
    if ref["id"] != c["id"] or rated[0] != c["version"][0] or rated[1] > c["version"][1]:
        raise Invalid("catalogue edition")
    lo, hi, standards = c["min"], c["max"], c["standards"]
    for sid, entry in ratings.items():
        if sid not in standards:
            raise Invalid(f"unknown standard {sid}")
        if not isinstance(entry, dict) or "rating" not in entry or entry.keys() - ENTRY_KEYS:
            raise Invalid(f"entry {sid}")
        r = entry["rating"]
        if isinstance(r, bool) or not (isinstance(r, int) or r in ("not_applicable", "unknown")):
            raise Invalid(f"rating {sid}")
        if isinstance(r, int) and not lo <= r <= hi:
            raise Invalid(f"off scale {sid}")
        for key in ("evidence", "actions", "review"):
            if key in entry and not isinstance(entry[key], str):
                raise Invalid(f"{key} {sid}")
        if "confidence" in entry and entry["confidence"] not in ("low", "medium", "high"):
            raise Invalid(f"confidence {sid}")


def py_rows(c: Dict[str, Any], doc: Dict[str, Any], item: int) -> List[Dict[str, Any]]:
    """The theme rows of one assessment (the overall score and the theme entries of the
    report; gaps are ranked too, as the report does)."""
    ratings = doc["ratings"]
    bands = c["bands"]
    top = bands[-1][1]
    themes = []
    gaps = []
    tag_sum = {t: 0 for t in c["tags"]}
    tag_n = {t: 0 for t in c["tags"]}
    for tid, title, rows in c["themes"]:
        total = s = n = na = unk = 0
        for sid, tags, weight in rows:
            total += 1
            entry = ratings.get(sid)
            r = None if entry is None else entry["rating"]
            if isinstance(r, int):
                s += r
                n += 1
                for t in tags:
                    tag_sum[t] += r
                    tag_n[t] += 1
                if r < top - 1e-9:
                    gaps.append((-(weight * (c["max"] - r)), len(gaps), sid))
            elif r == "not_applicable":
                na += 1
            elif r == "unknown":
                unk += 1
        score = s / n if n else None
        themes.append(
            {
                "theme": tid,
                "title": title,
                "score": score,
                "light": light(bands, score),
                "rated": n,
                "not_applicable": na,
                "unknown": unk,
                "unrated": total - n - na - unk,
                "total": total,
                "completeness": (n + na) / total,
            }
        )
    gaps.sort()
    scores = [t["score"] for t in themes if t["score"] is not None]
    overall = sum(scores) / len(scores) if scores else None
    overall_light = light(bands, overall)
    # Each declared group's score in each theme: its group rating where given, else the
    # standard's own (the generated assessments have no targets, so target scores are None).
    groups = c["groups"] + [g["id"] for g in doc.get("groups", [])]
    group_scores: Dict[str, List[Optional[float]]] = {}
    for gid in groups:
        per_theme = []
        for _, _, rows in c["themes"]:
            s = n = 0
            for sid, _, _ in rows:
                entry = ratings.get(sid)
                if entry is None:
                    continue
                g = entry.get("groups", {}).get(gid)
                r = g["rating"] if g is not None else entry["rating"]
                if isinstance(r, int):
                    s += r
                    n += 1
            per_theme.append(s / n if n else None)
        group_scores[gid] = per_theme
    area = doc["area"]
    head = {
        "item": item,
        "source": None,
        "area": area["name"],
        "area_code": area.get("code"),
        "area_kind": area.get("kind"),
        "assessed_on": doc["assessed_on"],
        "catalogue_id": doc["catalogue"]["id"],
        "catalogue_version": doc["catalogue"]["version"],
    }
    return [
        {
            **head,
            **t,
            "target_score": None,
            "overall_score": overall,
            "overall_light": overall_light,
            "overall_target_score": None,
            **{f"group:{gid}": scores[k] for gid, scores in group_scores.items()},
        }
        for k, t in enumerate(themes)
    ]


def py_score_many_records(texts: List[str], catalogue: Dict[str, Any]) -> List[Dict[str, Any]]:
    c = prepare(catalogue)
    out: List[Dict[str, Any]] = []
    for i, text in enumerate(texts):
        doc = json.loads(text, object_pairs_hook=no_repeats)
        py_check(c, doc)
        out.extend(py_rows(c, doc, i))
    return out


# ----------------------------------------------------------------------------- timing


def best_of(runs: int, fn: Callable[[], Any]) -> Tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def same_numbers(a: List[Dict[str, Any]], b: List[Dict[str, Any]]) -> None:
    assert len(a) == len(b), (len(a), len(b))
    for x, y in zip(a, b):
        assert x.keys() == y.keys(), (x.keys(), y.keys())
        for key in x:
            u, v = x[key], y[key]
            if isinstance(u, float) or isinstance(v, float):
                assert (u is None and v is None) or math.isclose(u, v, rel_tol=0, abs_tol=1e-9), (key, u, v)
            else:
                assert u == v, (key, u, v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="how many assessments (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (best is reported)")
    parser.add_argument("--files", action="store_true", help="also time reading the assessments from files, step by step")
    parser.add_argument("--edition", default="perinatal-mental-health@1.0.0",
                        help="the bundled edition the assessments are of (default: the 2016 one, 1.0.0)")
    args = parser.parse_args()

    try:
        import pandas as pd
    except ImportError:
        pd = None

    catalogue = carepath.Catalogue.bundled(*args.edition.split("@", 1))
    t0 = time.perf_counter()
    texts = generate(catalogue, args.n)
    print(f"generated {args.n:,} assessments of {catalogue.id}@{catalogue.version} "
          f"({sum(map(len, texts)) / 1e6:.1f} MB of JSON) in {time.perf_counter() - t0:.1f} s, seed {SEED}")
    print(f"python {platform.python_version()}, carepath {carepath.__version__}, "
          f"pandas {pd.__version__ if pd else '(not installed)'}, {os.cpu_count()} CPUs")

    # Same numbers first.
    sample = texts[:500]
    same_numbers(carepath.score_many_records(sample), py_score_many_records(sample, catalogue.to_dict()))
    print(f"check: score_many_records and the pure-Python version agree on {len(sample)} assessments (1e-9)")

    cat_dict = catalogue.to_dict()
    rows: List[Tuple[str, float, float]] = []

    def line(name: str, fn: Callable[[], Any]) -> float:
        best, median = best_of(args.runs, fn)
        rows.append((name, best, median))
        print(f"  {name:<58} best {best * 1e3:8.1f} ms   median {median * 1e3:8.1f} ms")
        return best

    print(f"timings ({args.runs} runs each):")
    rust_records = line("carepath.score_many_records (Rust)", lambda: carepath.score_many_records(texts))
    rust_one = line("carepath.score_many_records (Rust, threads=1)", lambda: carepath.score_many_records(texts, threads=1))
    py_records = line("pure Python, list of dicts", lambda: py_score_many_records(texts, cat_dict))
    loads = line("  of which json.loads alone (C)", lambda: [json.loads(t) for t in texts])
    print(f"  ratio (records): {py_records / rust_records:.1f}x ({py_records / rust_one:.1f}x on one thread)")
    parse = line("parsing alone in Rust (Assessment.from_json, one thread)",
                 lambda: [carepath.Assessment.from_json(t) for t in texts])
    print(f"  bound (records): even if checking, scoring and building the rows took no time, one thread "
          f"could be at most {py_records / parse:.1f}x faster")
    if pd is not None:
        rust_frame = line("carepath.score_many -> DataFrame (Rust)", lambda: carepath.score_many(texts))
        rust_frame_one = line("carepath.score_many -> DataFrame (Rust, threads=1)", lambda: carepath.score_many(texts, threads=1))

        def py_frame() -> Any:
            frame = pd.DataFrame(py_score_many_records(texts, cat_dict), columns=carepath.SCORE_MANY_COLUMNS)
            frame["assessed_on"] = pd.to_datetime(frame["assessed_on"], format="%Y-%m-%d")
            return frame

        py_frame_t = line("pure Python -> DataFrame", py_frame)
        print(f"  ratio (DataFrame): {py_frame_t / rust_frame:.1f}x ({py_frame_t / rust_frame_one:.1f}x on one thread)")
        columns = carepath._carepath.score_many_columns(texts)
        # What score_many does after Rust: the DataFrame from the columns (text as lists,
        # numbers as int64/float64 arrays).
        build = line("building the DataFrame alone (pandas, from columns)",
                     lambda: carepath._batch.frame_from_columns(columns, pd))
        print(f"  bound (DataFrame): parsing in Rust plus building the DataFrame take {(parse + build) * 1e3:.0f} ms, "
              f"so one thread could be at most {py_frame_t / (parse + build):.1f}x faster "
              f"(30x needs {py_frame_t / 30 * 1e3:.0f} ms); json.loads (C) is {loads / py_records:.0%} of pure Python")
    if args.files:
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, text in enumerate(texts):
                path = os.path.join(tmp, f"assessment-{i:05d}.json")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                paths.append(path)

            def py_files() -> Any:
                loaded = []
                for p in paths:
                    with open(p, encoding="utf-8") as f:
                        loaded.append(f.read())
                return py_score_many_records(loaded, cat_dict)

            rust_files = line("carepath.score_many_records, from files", lambda: carepath.score_many_records(paths))
            py_files_t = line("pure Python, from files", py_files)
            print(f"  ratio (files): {py_files_t / rust_files:.1f}x")
            if pd is not None:
                frame_files = line("carepath.score_many -> DataFrame, from files", lambda: carepath.score_many(paths))

                def py_files_frame() -> Any:
                    loaded = []
                    for p in paths:
                        with open(p, encoding="utf-8") as f:
                            loaded.append(json.load(f, object_pairs_hook=no_repeats))
                    c = prepare(cat_dict)
                    out: List[Dict[str, Any]] = []
                    for i, doc in enumerate(loaded):
                        py_check(c, doc)
                        out.extend(py_rows(c, doc, i))
                    frame = pd.DataFrame(out)
                    frame["assessed_on"] = pd.to_datetime(frame["assessed_on"], format="%Y-%m-%d")
                    return frame

                py_frame_files = line("json.load + pure Python -> DataFrame, from files", py_files_frame)
                print(f"  ratio (files, DataFrame): {py_frame_files / frame_files:.1f}x")

            # Where score_many's time goes: each of its steps alone over the same files on one
            # thread, timed inside the module (score_many_steps: the same reading, parsing,
            # checking and scoring code score_many runs), best of the runs; the table pandas
            # builds from its columns; and beside them the floor, Python reading the bytes.
            print("  score_many step by step, one thread (each step alone):")

            def read_all() -> List[bytes]:
                out = []
                for p in paths:
                    with open(p, "rb") as f:
                        out.append(f.read())
                return out

            floor = line("    the floor: reading the bytes in Python", read_all)
            steps = [carepath._carepath.score_many_steps(paths) for _ in range(args.runs)]
            step = {name: min(s[name] for s in steps) for name in steps[0]}
            for name, label in [("reading", "reading the files (Rust)"), ("parsing", "parsing"),
                                ("checking", "checking"), ("scoring", "checking + scoring (the table's figures)"),
                                ("columns", "the columns for pandas")]:
                print(f"  {'    ' + label:<58} best {step[name] * 1e3:8.1f} ms")
            if pd is not None:
                cols = carepath._carepath.score_many_columns(paths)
                table_t = line("    building the table (pandas, from columns)",
                               lambda: carepath._batch.frame_from_columns(cols, pd))
            else:
                table_t = 0.0
            one = step["reading"] + step["parsing"] + step["scoring"] + step["columns"] + table_t
            print(f"  split: reading {step['reading'] * 1e3:.0f} ms (floor {floor * 1e3:.0f} ms), parsing "
                  f"{step['parsing'] * 1e3:.0f} ms, checking {step['checking'] * 1e3:.0f} ms, scoring "
                  f"{(step['scoring'] - step['checking']) * 1e3:.0f} ms, columns {step['columns'] * 1e3:.0f} ms, "
                  f"table {table_t * 1e3:.0f} ms: {one * 1e3:.0f} ms on one thread; score_many from files took "
                  f"{frame_files * 1e3 if pd is not None else rust_files * 1e3:.0f} ms on every core")

if __name__ == "__main__":
    main()
