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

# Only the API is imported here, so that ``dir(carepath)`` lists the API and nothing else.
from ._batch import AssessmentLike, score_many, score_many_records
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
    read_workbook,
    write_workbook,
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
    WorkbookError,
)

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
    "WorkbookError",
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
    "read_workbook",
    "score_many",
    "score_many_records",
    "write_workbook",
]
