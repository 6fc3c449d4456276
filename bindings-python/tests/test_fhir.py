"""FHIR R4 (SDC): the Questionnaire and every QuestionnaireResponse carepath writes validate
with an independent FHIR model library (``fhir.resources``, R4B models: the R4 Questionnaire and
QuestionnaireResponse are unchanged in R4B), every example round-trips, and bad responses raise
``FhirError`` with a FHIR path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError as ModelError

import carepath
from conftest import EXAMPLES, example_paths, named_catalogue


def northbrook() -> carepath.Assessment:
    return carepath.Assessment.load(EXAMPLES / "northbrook-2024.json")


@pytest.mark.parametrize("edition", carepath.bundled_catalogues(), ids=lambda e: e["version"])
def test_every_questionnaire_validates(edition: Dict[str, str]) -> None:
    catalogue = carepath.Catalogue.bundled(edition["id"], edition["version"])
    q = catalogue.to_questionnaire()
    model = Questionnaire.model_validate(q)
    assert model.version == catalogue.version
    assert model.status == "active"
    assert model.item is not None and len(model.item) == len(catalogue.themes)
    standards = [i for group in model.item for i in (group.item or []) if i.type == "choice"]
    assert [i.linkId for i in standards] == [s["id"] for s in catalogue.standards]
    levels = catalogue.scale["levels"]
    for item in standards:
        assert item.answerOption is not None
        codes = [o.valueCoding.code for o in item.answerOption if o.valueCoding is not None]
        assert codes == [str(level["value"]) for level in levels] + ["not_applicable", "unknown"]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_validates_and_round_trips(path: Path) -> None:
    a = carepath.Assessment.load(path)
    catalogue = named_catalogue(a)
    response = catalogue.to_fhir(a)
    model = QuestionnaireResponse.model_validate(response)
    assert model.questionnaire == f"{catalogue.to_questionnaire()['url']}|{catalogue.version}"
    assert model.subject is not None and model.subject.display == a.area["name"]
    # What the independent library reads back is what carepath reads back.
    reread = json.loads(model.model_dump_json(exclude_none=True))
    assert catalogue.from_fhir(reread) == a
    assert catalogue.from_fhir(response) == a
    assert carepath.from_fhir(json.dumps(response)) == a
    assert catalogue.score(carepath.from_fhir(response)) == catalogue.score(a)


def test_a_migrated_assessment_validates_and_keeps_everything() -> None:
    old = carepath.Assessment.load(EXAMPLES / "northbrook-2016.json")
    new, _ = carepath.migrate(old, to="3.0.0")
    data = new.to_dict()
    assert data["archive"] and any("review" in e for e in data["ratings"].values())
    catalogue = carepath.Catalogue.bundled("perinatal-mental-health", "3.0.0")
    response = catalogue.to_fhir(new)
    QuestionnaireResponse.model_validate(response)
    assert carepath.from_fhir(response).to_dict() == data


def test_the_validator_is_not_a_rubber_stamp() -> None:
    # fhir.resources checks structure, cardinality and primitive formats (not code bindings):
    # what it must refuse, it refuses.
    catalogue = carepath.Catalogue.bundled(version="2")  # the edition of the 2024 examples
    response = catalogue.to_fhir(northbrook())
    broken = copy.deepcopy(response)
    del broken["item"][0]["item"][0]["linkId"]
    with pytest.raises(ModelError):
        QuestionnaireResponse.model_validate(broken)
    broken = copy.deepcopy(response)
    broken["item"][0]["item"][0]["answr"] = []
    with pytest.raises(ModelError):
        QuestionnaireResponse.model_validate(broken)
    q = catalogue.to_questionnaire()
    del q["status"]
    with pytest.raises(ModelError):
        Questionnaire.model_validate(q)
    q = catalogue.to_questionnaire()
    q["item"][0]["item"][1]["answerOption"][0]["valueCoding"]["code"] = "two  spaces "
    with pytest.raises(ModelError):
        Questionnaire.model_validate(q)


def test_files_and_paths(tmp_path: Path) -> None:
    catalogue = carepath.Catalogue.bundled(version="2")  # the edition of the 2024 examples
    file = tmp_path / "response.json"
    file.write_text(json.dumps(catalogue.to_fhir(EXAMPLES / "northbrook-2024.json")), encoding="utf-8")
    assert carepath.from_fhir(file) == northbrook()
    assert carepath.from_fhir(str(file), catalogue) == northbrook()
    with pytest.raises(FileNotFoundError):
        carepath.from_fhir(tmp_path / "missing.json")
    with pytest.raises(TypeError):
        carepath.from_fhir(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        carepath.from_fhir({}, catalogue="2.0.0")  # type: ignore[arg-type]


def broken(change: Any) -> carepath.FhirError:
    catalogue = carepath.Catalogue.bundled(version="2")  # the edition of the 2024 examples
    response = catalogue.to_fhir(northbrook())
    change(response)
    with pytest.raises(carepath.FhirError) as caught:
        catalogue.from_fhir(response)
    return caught.value


def test_bad_responses_raise_fhir_errors_with_a_fhir_path() -> None:
    def off_scale(r: Dict[str, Any]) -> None:
        r["item"][2]["item"][4]["answer"][0]["valueCoding"]["code"] = "6"

    err = broken(off_scale)
    assert (err.code, err.path) == ("fhir_off_scale", "item[2].item[4].answer[0]")
    assert isinstance(err, ValueError) and isinstance(err, carepath.CarepathError)
    assert err.problems == [{"path": err.path, "code": "fhir_off_scale", "message": err.problems[0]["message"]}]
    assert "rating `6` is off the scale" in str(err)

    def two_answers(r: Dict[str, Any]) -> None:
        r["item"][2]["item"][4]["answer"].append(r["item"][2]["item"][4]["answer"][0])

    assert (broken(two_answers).code, broken(two_answers).path) == ("fhir_repeated", "item[2].item[4].answer[1]")

    def unknown_item(r: Dict[str, Any]) -> None:
        r["item"][1]["item"][0]["linkId"] = "T2.42"

    assert (broken(unknown_item).code, broken(unknown_item).path) == ("fhir_link_id", "item[1].item[0].linkId")

    def other_edition(r: Dict[str, Any]) -> None:
        r["questionnaire"] = r["questionnaire"].replace("|2.0.0", "|1.0.0")

    assert broken(other_edition).code == "fhir_questionnaire"

    def not_a_response(r: Dict[str, Any]) -> None:
        r["resourceType"] = "Observation"

    assert (broken(not_a_response).code, broken(not_a_response).path) == ("fhir_resource", "resourceType")

    with pytest.raises(carepath.SchemaError) as caught:
        carepath.from_fhir("{ not json")
    assert caught.value.code == "syntax"
    with pytest.raises(carepath.IncompatibleError) as other:
        carepath.Catalogue.bundled(version="1.0.0").to_fhir(northbrook())
    assert other.value.code == "mixed_editions"
