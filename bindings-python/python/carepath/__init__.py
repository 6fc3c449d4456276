"""carepath: assess a local perinatal mental health care pathway against national standards.

Local partners rate each standard of a versioned catalogue 0 to 5 (or ``"not_applicable"`` /
``"unknown"``); carepath checks the ratings, gives each standard a traffic light, averages
themes and cross-cutting themes, and ranks the gaps. The rules live in the Rust crate
``carepath``; this package is a thin layer over it, so Python, the command line and the web
widget give the same numbers.

>>> import carepath
>>> catalogue = carepath.Catalogue.bundled()
>>> a = carepath.Assessment.new(catalogue, area="Northbrook", assessed_on="2016-11-30")
>>> a.rate(catalogue, "T1.1", 4)
>>> a.rate(catalogue, "T1.2", 1)
>>> report = catalogue.score(a)
>>> report.themes[0]["score"], report.themes[0]["light"]
(2.5, 'amber')
>>> report.gaps[0]["id"]
'T1.2'

Score many assessments at once (the loop runs in Rust) and get a pandas table:

>>> frame = carepath.score_many(["northbrook-2016.json", "eastmere-2016.json"])  # doctest: +SKIP

Over time and across people: :func:`migrate` an assessment into a newer edition,
:func:`compare` two assessments of one area, :func:`benchmark` a set of areas, and combine
several raters' views with :func:`consensus`:

>>> new, report = carepath.migrate("northbrook-2016.json", to="2.0.0")  # doctest: +SKIP
>>> carepath.compare("northbrook-2016.json", "northbrook-2024.json").overall  # doctest: +SKIP
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

from . import _carepath
from ._carepath import (
    DEFAULT_CATALOGUE,
    DEFAULT_DISAGREEMENT,
    DEFAULT_MIN_GROUP,
    SCORE_MANY_COLUMNS,
    Assessment,
    Benchmark,
    Catalogue,
    Comparison,
    Consensus,
    MigrationReport,
    Report,
    __version__,
    benchmark,
    bundled_catalogues,
    compare,
    consensus,
    diff_catalogues,
    from_fhir,
    json_schema,
    lint_catalogue,
    migrate,
)
from ._errors import (
    ArgumentError,
    CarepathError,
    FhirError,
    IncompatibleError,
    NotFoundError,
    SchemaError,
    TooFewError,
    ValidationError,
    VersionError,
)
from ._frames import require_pandas

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "DEFAULT_CATALOGUE",
    "DEFAULT_DISAGREEMENT",
    "DEFAULT_MIN_GROUP",
    "SCORE_MANY_COLUMNS",
    "Assessment",
    "ArgumentError",
    "AssessmentLike",
    "Benchmark",
    "CarepathError",
    "Catalogue",
    "Comparison",
    "Consensus",
    "FhirError",
    "IncompatibleError",
    "MigrationReport",
    "NotFoundError",
    "Report",
    "SchemaError",
    "TooFewError",
    "ValidationError",
    "VersionError",
    "__version__",
    "benchmark",
    "bundled_catalogues",
    "compare",
    "consensus",
    "diff_catalogues",
    "from_fhir",
    "json_schema",
    "lint_catalogue",
    "migrate",
    "score_many",
    "score_many_records",
]

#: What :func:`score_many` and :meth:`Catalogue.score` accept as an assessment: an
#: :class:`Assessment`, a dict in the file's shape, JSON text (a str starting with ``{``), or
#: a path (any other str, or an ``os.PathLike``).
AssessmentLike = Union[Assessment, Dict[str, Any], str, bytes, "os.PathLike[str]"]


def score_many(
    items: Iterable[AssessmentLike],
    catalogue: Optional[Catalogue] = None,
    *,
    threads: Optional[int] = None,
) -> pandas.DataFrame:
    """Scores many assessments and returns one ``pandas.DataFrame`` row per area and theme.

    Reading files, parsing, checking and scoring run in Rust with the GIL released. Each item
    is a path, JSON text, a dict or an :class:`Assessment`. With ``catalogue=None`` each
    assessment is scored with the bundled catalogue edition it names; with a catalogue, every
    assessment is checked against that one. Large batches are split across ``threads``
    threads (``None``: one per CPU; ``1``: no extra threads); rows keep the input order.
    "The bundled catalogue edition it names" is :meth:`Catalogue.bundled_for`: that edition,
    or else the latest bundled edition compatible with it.

    Columns (in order; see ``carepath.SCORE_MANY_COLUMNS``):

    - ``item``: the item's index in ``items``; ``source``: its file path, or ``None``.
    - ``area``, ``area_code``, ``area_kind``, ``assessed_on`` (a ``datetime64`` date),
      ``catalogue_id``, ``catalogue_version``.
    - ``theme``, ``title``, ``score`` (``NaN`` when nothing in the theme is rated),
      ``light``, ``rated``, ``not_applicable``, ``unknown``, ``unrated``, ``total``,
      ``completeness``: the theme's entry of the report.
    - ``overall_score``, ``overall_light``: the assessment's overall score, repeated on each
      of its theme rows (there is no separate "overall" row, so every row is a theme).

    The first failing item (in input order) raises its :class:`CarepathError` subclass (or
    ``OSError`` for an unreadable file), naming ``items[i]``, the file, and how many others
    failed. Needs pandas (``pip install 'carepath[pandas]'``); :func:`score_many_records`
    does not.

    >>> frame = carepath.score_many(paths)  # doctest: +SKIP
    >>> frame.pivot(index="area", columns="theme", values="score")  # doctest: +SKIP
    """
    pd = require_pandas("score_many")
    columns = _carepath.score_many_columns(items, catalogue, threads=threads)
    frame = pd.DataFrame(columns, columns=SCORE_MANY_COLUMNS)
    frame["assessed_on"] = pd.to_datetime(frame["assessed_on"], format="%Y-%m-%d")
    return frame


def score_many_records(
    items: Iterable[AssessmentLike],
    catalogue: Optional[Catalogue] = None,
    *,
    threads: Optional[int] = None,
) -> List[Dict[str, Any]]:
    """As :func:`score_many`, as a list of plain dicts (one per area and theme, the same keys
    as the DataFrame's columns, ``assessed_on`` as a ``"YYYY-MM-DD"`` str and a missing score
    as ``None``). Needs no pandas.

    >>> rows = carepath.score_many_records([assessment])  # doctest: +SKIP
    >>> rows[0]["theme"], rows[0]["score"]  # doctest: +SKIP
    ('T1', 2.5)
    """
    return _carepath.score_many_rows(items, catalogue, threads=threads)
