"""The exceptions carepath raises.

Every error about data is a :class:`CarepathError`. Its subclasses say which kind, and also
derive from the built-in exception a Python programmer would expect (``ValueError`` for bad
data, ``LookupError`` for a catalogue that is not bundled)::

    CarepathError(Exception)
    ├── SchemaError(CarepathError, ValueError)      code "syntax" or "schema": not JSON, or not in the file's shape
    ├── VersionError(CarepathError, ValueError)     code "version": a schema_version of another major version
    ├── ValidationError(CarepathError, ValueError)  code "invalid": breaks the rules; .problems lists every problem
    ├── NotFoundError(CarepathError, LookupError)   code "not_found": no such bundled catalogue edition
    ├── IncompatibleError(CarepathError, ValueError)  the inputs cannot go together: codes "mixed_areas",
    │       "mixed_dates", "mixed_editions", "mixed_catalogues", "repeated_area", "dates_reversed",
    │       "migration_backwards", "no_migration_path"
    ├── TooFewError(CarepathError, ValueError)      too few inputs: codes "no_assessments", "too_few_raters"
    ├── ArgumentError(CarepathError, ValueError)    code "argument": an argument out of range (threads=0,
    │       min_group=-1, threshold=2**40), as the JavaScript package says it
    ├── FhirError(CarepathError, ValueError)        a FHIR QuestionnaireResponse that does not map: codes
    │       "fhir_resource", "fhir_questionnaire", "fhir_link_id", "fhir_off_scale", "fhir_repeated",
    │       "fhir_shape"; ``path`` is a FHIR path such as "item[2].item[4].answer[0]"
    └── WorkbookError(CarepathError, ValueError)    code "workbook": a workbook whose sheets or cells
            cannot be understood; .problems lists each with its "sheet" and "cell"

Which class each code raises is decided once, in the Rust core's category of the code (the
list is ``carepath._carepath.ERROR_CLASSES``), so a new code cannot go unmapped.

Files that cannot be read raise ``OSError`` (``FileNotFoundError``, ...) with the file name;
Python values of the wrong type raise ``TypeError``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

__all__ = [
    "CarepathError",
    "SchemaError",
    "VersionError",
    "ValidationError",
    "NotFoundError",
    "IncompatibleError",
    "TooFewError",
    "ArgumentError",
    "FhirError",
    "WorkbookError",
]


class CarepathError(Exception):
    """Something is wrong with carepath data.

    Attributes:
        message: the whole message (also ``str(error)``).
        code: the stable code of the core error: ``"syntax"``, ``"schema"``, ``"version"``,
            ``"invalid"``, ``"not_found"``, or the code of the situation (such as
            ``"mixed_areas"``; see :class:`IncompatibleError` and :class:`TooFewError`).
        path: the JSON Pointer of the offending value (such as ``"/ratings/T1.1/rating"``)
            when the error is about one place, else ``None``.
        file: the file the data was read from, or ``None``.
        problems: every problem found, each a dict ``{"path", "code", "message"}``; for a
            single error, one entry whose ``code`` is the error's code.
    """

    message: str
    code: str
    path: Optional[str]
    file: Optional[str]
    problems: List[Dict[str, str]]

    def __init__(
        self,
        message: str,
        *,
        code: str = "error",
        path: Optional[str] = None,
        file: Optional[str] = None,
        problems: Optional[Sequence[Dict[str, str]]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.file = file
        self.problems = [dict(p) for p in problems] if problems else []

    def __reduce__(self) -> Any:
        # Keyword-only arguments need help to pickle (multiprocessing sends errors across).
        return (_rebuild, (type(self), self.message, self.code, self.path, self.file, self.problems))


class SchemaError(CarepathError, ValueError):
    """The text is not JSON (code ``"syntax"``) or not in the file's shape (code ``"schema"``):
    an unknown field, a missing field, a value of the wrong type, a repeated key, a malformed
    date. ``path`` points at the offending value."""


class VersionError(CarepathError, ValueError):
    """The file's ``schema_version`` has a major version this reader does not support
    (code ``"version"``)."""


class ValidationError(CarepathError, ValueError):
    """The data is well formed but breaks the rules (code ``"invalid"``): ``problems`` lists
    every problem, each with its own code (``unknown_standard``, ``rating_off_scale``, ...)."""


class NotFoundError(CarepathError, LookupError):
    """No bundled catalogue edition matches (code ``"not_found"``)."""


class IncompatibleError(CarepathError, ValueError):
    """Each input is fine, but they cannot go together. ``code`` says how:

    - ``"mixed_areas"``: a comparison or a consensus of assessments of different areas;
    - ``"mixed_dates"``: a consensus of assessments made on different dates;
    - ``"mixed_editions"``: a benchmark or consensus across catalogue editions (migrate first);
    - ``"mixed_catalogues"``: a comparison or migration across different catalogues;
    - ``"repeated_area"``: a benchmark with one area twice;
    - ``"dates_reversed"``: a comparison whose "old" assessment is dated after the "new" one;
    - ``"migration_backwards"``: a migration to an older edition;
    - ``"no_migration_path"``: no chain of editions with changes leads to the target (give the
      editions in between with ``via``).
    """


class TooFewError(CarepathError, ValueError):
    """Too few inputs: a benchmark of no assessments (code ``"no_assessments"``) or a consensus
    of fewer than two raters (code ``"too_few_raters"``)."""


class ArgumentError(CarepathError, ValueError):
    """An argument of the right type but out of its range (code ``"argument"``), such as
    ``threads=0`` or a ``min_group`` larger than any count: the message names the argument and
    the range. (A value of the wrong type raises ``TypeError``.)"""


class FhirError(CarepathError, ValueError):
    """A FHIR ``QuestionnaireResponse`` that does not map to an assessment. ``path`` is the FHIR
    path of the offending element (such as ``"item[2].item[4].answer[0]"``, not a JSON
    Pointer) and ``code`` says what is wrong:

    - ``"fhir_resource"``: not a ``QuestionnaireResponse``;
    - ``"fhir_questionnaire"``: a response to another questionnaire, or another edition;
    - ``"fhir_link_id"``: an item whose ``linkId`` the catalogue lacks (or not where it has it);
    - ``"fhir_off_scale"``: an answer that is not one of the item's options (a rating off the
      scale, an unknown confidence);
    - ``"fhir_repeated"``: two answers to one standard, or one standard answered twice;
    - ``"fhir_shape"``: an element missing or of the wrong type.
    """


class WorkbookError(CarepathError, ValueError):
    """A workbook that could not be read (or written) (code ``"workbook"``): ``problems`` lists
    every problem found, each a dict ``{"sheet", "cell", "message"}`` (``sheet`` and ``cell``
    are ``None`` for a problem of the whole file, such as a missing metadata sheet), and
    ``file`` names the workbook."""


def _rebuild(
    cls: type,
    message: str,
    code: str,
    path: Optional[str],
    file: Optional[str],
    problems: List[Dict[str, str]],
) -> CarepathError:
    error: CarepathError = cls(message, code=code, path=path, file=file, problems=problems)
    return error
