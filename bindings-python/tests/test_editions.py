"""The corrected edition in plain language, and the tools for the people who write editions.

Every standard of the newest bundled edition has a plain-language text, and each scores at
Flesch-Kincaid grade 8 or below with textstat (an independent readability library)."""

from __future__ import annotations

import textstat  # type: ignore[import-untyped, unused-ignore]

import carepath
from conftest import EXAMPLES

NEWEST = carepath.Catalogue.bundled()
GRADE = 8


def test_the_newest_edition_is_the_corrected_one() -> None:
    assert NEWEST.version == "3.1.0"


def test_every_standard_has_a_plain_text_at_grade_8_or_below() -> None:
    too_hard = []
    for s in NEWEST.standards:
        assert s.get("plain"), f"{s['id']} has no plain-language text"
        grade = textstat.flesch_kincaid_grade(s["plain"])
        if grade > GRADE:
            too_hard.append(f"{s['id']}: grade {grade}: {s['plain']}")
    assert not too_hard, "\n".join(too_hard)


def test_the_readability_check_can_fail() -> None:
    hard = ("Commissioners ascertain that multidisciplinary perinatal psychiatric provision "
            "demonstrates comprehensive organisational accountability and interoperability.")
    assert textstat.flesch_kincaid_grade(hard) > GRADE


def test_plain_language_changes_the_words_not_the_scores() -> None:
    plain = NEWEST.with_plain_language()
    assert plain.version == NEWEST.version
    for before, after in zip(NEWEST.standards, plain.standards):
        assert after["description"] == before["plain"]
    example = EXAMPLES / "northbrook-2025.json"
    assert plain.score(example).to_dict() == NEWEST.score(example).to_dict()


def test_diff_drafts_the_changes_of_a_new_edition() -> None:
    old = carepath.Catalogue.bundled(version="2.0.0")
    d = carepath.diff_catalogues(old, NEWEST)
    assert d["from"]["version"] == "2.0.0" and d["to"]["version"] == "3.1.0"
    assert {"T3.11", "T5.13", "T7.12"} <= set(d["added"]) and d["removed"] == []
    assert any(c["id"] == "T5.3" for c in d["changed"])
    kinds = {c["change"] for c in d["changes"]["standards"]}
    assert kinds == {"kept", "added"}
    assert len(d["changes"]["standards"]) == len(d["same"]) + len(d["changed"]) + len(d["added"])
    assert "kept with changed text" in d["summary"]


def test_lint_flags_what_makes_a_standard_hard_to_rate() -> None:
    found = carepath.lint_catalogue(carepath.Catalogue.bundled(version="2.0.0"))
    codes = {f["code"] for f in found}
    assert {"vague_time", "compound", "no_reference", "text_without_review"} <= codes
    assert any(f["code"] == "vague_time" and f.get("standard") == "T2.3" for f in found)
    newest = {f["code"] for f in carepath.lint_catalogue(NEWEST)}
    assert "vague_time" not in newest and "text_without_review" not in newest
