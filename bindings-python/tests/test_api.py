"""Catalogues, reports and the module's own functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import carepath
from conftest import EXAMPLES, REPO, diff, example_paths


def test_bundled(catalogue: carepath.Catalogue) -> None:
    assert carepath.DEFAULT_CATALOGUE == "perinatal-mental-health"
    editions = carepath.bundled_catalogues()
    assert {"id": "perinatal-mental-health", "version": "1.0.0"} in editions
    latest = carepath.Catalogue.bundled()
    assert latest.version == max((e["version"] for e in editions if e["id"] == latest.id), key=lambda v: tuple(map(int, v.split("."))))
    assert carepath.Catalogue.bundled(version="1") == catalogue
    assert carepath.Catalogue.bundled(id="perinatal-mental-health", version="^1.0") == catalogue


def test_bundled_for_picks_the_edition_to_score_with(catalogue: carepath.Catalogue) -> None:
    ref = {"id": "perinatal-mental-health", "version": "1.0.0"}
    assert carepath.Catalogue.bundled_for(ref) == catalogue
    a = carepath.Assessment.new(catalogue, area="A", assessed_on="2016-01-01")
    assert carepath.Catalogue.bundled_for(a) == catalogue == carepath.Catalogue.bundled_for(catalogue.score(a))
    # A patch release not bundled is scored with the bundled edition of its minor version.
    assert carepath.Catalogue.bundled_for(dict(ref, version="2.0.3")).version == "2.0.0"
    for version in ("2.1.0", "9.0.0"):
        with pytest.raises(carepath.NotFoundError):
            carepath.Catalogue.bundled_for(dict(ref, version=version))


def test_every_default_catalogue_follows_bundled_for(catalogue: carepath.Catalogue) -> None:
    """score_many, compare, benchmark and consensus without a catalogue all score an
    assessment naming an edition that is not bundled (2.0.3) with the compatible one."""
    latest = carepath.Catalogue.bundled(version="2.0.0")
    data = carepath.Assessment.new(latest, area="A", assessed_on="2024-01-01").to_dict()
    data["catalogue"]["version"] = "2.0.3"
    data["ratings"] = {"T1.1": {"rating": 4}}
    rows = carepath.score_many_records([data])
    assert {r["catalogue_version"] for r in rows} == {"2.0.0"}
    assert rows[0]["score"] == 4.0
    later = dict(data, assessed_on="2025-01-01")
    assert carepath.compare(data, later).catalogue_ref == latest.reference
    others = [dict(data, area={"name": f"Area {i}"}) for i in range(5)]
    assert carepath.benchmark(others).catalogue_ref == latest.reference
    assert carepath.consensus([data, data])[1].catalogue == latest  # the raters used 2.0.3


def test_catalogue_properties(catalogue: carepath.Catalogue) -> None:
    data = json.loads((REPO / "standards" / "perinatal-mental-health" / "1.0.0.json").read_text(encoding="utf-8"))
    assert (catalogue.id, catalogue.version, catalogue.title) == (data["id"], data["version"], data["title"])
    assert catalogue.reference == {"id": data["id"], "version": data["version"]}
    assert catalogue.themes == data["themes"]
    assert catalogue.cross_cutting == data["cross_cutting"]
    assert diff(data["scale"], catalogue.scale) is None
    flat = [dict(s, theme=t["id"]) for t in data["themes"] for s in t["standards"]]
    assert catalogue.standards == flat
    assert catalogue.standard("T3.4") == next(s for s in flat if s["id"] == "T3.4")
    assert catalogue.standard("T9.9") is None
    assert repr(catalogue) == f"<Catalogue perinatal-mental-health@1.0.0: {len(flat)} standards in {len(data['themes'])} themes>"


def test_catalogue_round_trips(catalogue: carepath.Catalogue) -> None:
    file = (REPO / "standards" / "perinatal-mental-health" / "1.0.0.json").read_text(encoding="utf-8")
    assert diff(json.loads(file), catalogue.to_dict()) is None
    assert carepath.Catalogue.from_json(catalogue.to_json()) == catalogue
    assert carepath.Catalogue.from_dict(catalogue.to_dict()) == catalogue
    assert carepath.Catalogue.from_json(file) == catalogue


def test_a_broken_catalogue_lists_its_problems(catalogue: carepath.Catalogue) -> None:
    data = catalogue.to_dict()
    data["themes"][0]["standards"][1]["id"] = data["themes"][0]["standards"][0]["id"]
    data["themes"][1]["standards"][0]["tags"] = ["no-such-tag"]
    with pytest.raises(carepath.ValidationError) as caught:
        carepath.Catalogue.from_dict(data)
    assert len(caught.value.problems) >= 2
    assert all(p["path"].startswith("/themes/") for p in caught.value.problems)


def test_catalogues_are_immutable_and_unhashable(catalogue: carepath.Catalogue) -> None:
    with pytest.raises(AttributeError):
        catalogue.id = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(catalogue)


def test_report(catalogue: carepath.Catalogue, northbrook: Path) -> None:
    report = catalogue.score(northbrook)
    assert report.catalogue == catalogue
    assert report.catalogue_ref == catalogue.reference
    assert report.area["name"] == "Northbrook"
    o = report.overall
    assert repr(report) == (
        f"<Report Northbrook {report.assessed_on}: overall {o['score']:.1f} {o['light']}, "
        f"{o['rated']}/{o['total']} rated, {len(report.gaps)} gaps>"
    )
    assert set(report.strengths).isdisjoint(g["id"] for g in report.gaps)
    with pytest.raises(TypeError):
        hash(report)


def test_json_schemas() -> None:
    for kind in ("catalogue", "assessment", "report"):
        schema = carepath.json_schema(kind)  # type: ignore[arg-type]
        on_disk = json.loads((REPO / "standards" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema == on_disk
    with pytest.raises(ValueError):
        carepath.json_schema("nope")  # type: ignore[arg-type]


def test_score_many_threads_keep_the_order(catalogue: carepath.Catalogue) -> None:
    paths = example_paths() * 400  # enough for several threads
    one = carepath.score_many_records(paths, threads=1)
    many = carepath.score_many_records(paths, threads=4)
    default = carepath.score_many_records(paths)
    assert one == many == default
    items = [r["item"] for r in one]
    assert items == sorted(items) and set(items) == set(range(len(paths)))
    with pytest.raises(ValueError):
        carepath.score_many_records(paths, threads=0)


def test_score_many_accepts_every_form(catalogue: carepath.Catalogue, northbrook: Path) -> None:
    text = northbrook.read_text(encoding="utf-8")
    forms = [northbrook, str(northbrook), text, json.loads(text), carepath.Assessment.load(northbrook)]
    rows = carepath.score_many_records(forms, catalogue)
    per = len(catalogue.themes)
    chunks = [rows[i * per : (i + 1) * per] for i in range(len(forms))]
    strip = lambda rs: [{k: v for k, v in r.items() if k not in ("item", "source")} for r in rs]  # noqa: E731
    assert all(strip(c) == strip(chunks[0]) for c in chunks)
    assert [c[0]["source"] for c in chunks] == [str(northbrook), str(northbrook), None, None, None]
    assert carepath.score_many_records([]) == []
    assert carepath.score_many_records(iter([text])) == carepath.score_many_records((text,))
    assert list(rows[0]) == carepath.SCORE_MANY_COLUMNS


def test_score_many_checks_against_the_catalogue_given(catalogue: carepath.Catalogue) -> None:
    other = catalogue.to_dict()
    other["id"] = "other-catalogue"
    with pytest.raises(carepath.ValidationError) as caught:
        carepath.score_many_records([EXAMPLES / "northbrook-2016.json"], carepath.Catalogue.from_dict(other))
    assert caught.value.problems[0]["code"] == "catalogue_mismatch"


def test_the_gil_is_released_while_scoring(catalogue: carepath.Catalogue) -> None:
    # Another Python thread keeps running while score_many works.
    import threading

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*-2016.json"))] * 3000
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    worker = threading.Thread(target=tick)
    worker.start()
    try:
        before = ticks
        carepath._carepath.score_many_columns(texts, catalogue, threads=1)
        during = ticks - before
    finally:
        done.set()
        worker.join()
    assert during > 1000, f"the other thread barely ran ({during} ticks)"


def test_version() -> None:
    assert carepath.__version__.count(".") == 2
