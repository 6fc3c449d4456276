"""Scoring many assessments at once: the loop runs in Rust; this module builds the tables."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

from . import _carepath
from ._carepath import SCORE_MANY_COLUMNS, Assessment, Catalogue
from ._frames import require_pandas

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["AssessmentLike", "score_many", "score_many_records"]

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
      ``completeness``, ``target_score`` (the score with every target met; ``NaN`` when no
      standard of the theme has a target): the theme's entry of the report.
    - ``overall_score``, ``overall_light``, ``overall_target_score``: the assessment's
      overall figures, repeated on each of its theme rows (there is no separate "overall"
      row, so every row is a theme).
    - ``group:<id>``, after those, one per population group any of the assessments declares
      (the catalogue's groups, then local ones, in the order first met): the group's score in
      the row's theme (``NaN`` where it has none, or where that assessment does not declare
      the group).

    The first failing item (in input order) raises its :class:`CarepathError` subclass (or
    ``OSError`` for an unreadable file), naming ``items[i]``, the file, and how many others
    failed. Needs pandas (``pip install 'carepath[pandas]'``); :func:`score_many_records`
    does not.

    >>> frame = carepath.score_many(paths)  # doctest: +SKIP
    >>> frame.pivot(index="area", columns="theme", values="score")  # doctest: +SKIP
    """
    pd = require_pandas("score_many")
    return frame_from_columns(_carepath.score_many_columns(items, catalogue, threads=threads), pd)


#: The columns that ``score_many_columns`` gives as the bytes of an int64 array.
_INT_COLUMNS = frozenset({"item", "rated", "not_applicable", "unknown", "unrated", "total"})


def frame_from_columns(columns: Dict[str, Any], pd: Any = None) -> pandas.DataFrame:
    """The DataFrame of :func:`score_many` from the columns ``score_many_columns`` gives: text
    as its distinct values and each row's index among them, numbers as the bytes of int64 or
    float64 arrays (NaN for no number).

    Each column gets the dtype and values pandas gives the same cells as a list: the distinct
    values are read as a list, then taken per row; a column of numbers with none at all (or a
    table with no rows) is made from a list, as it would be."""
    if pd is None:
        pd = require_pandas("score_many")
    import numpy as np

    data: Dict[str, Any] = {}
    dates_done = False
    for name, values in columns.items():
        if isinstance(values, tuple):
            uniques, codes = values
            index = np.frombuffer(codes, dtype=np.int32)
            if len(index) == 0:
                values = []
            elif name == "assessed_on":
                values = pd.to_datetime(pd.Series(uniques), format="%Y-%m-%d").array.take(index)
                dates_done = True
            else:
                values = pd.Series(uniques).array.take(index)
        elif isinstance(values, bytes):
            array = np.frombuffer(values, dtype=np.int64 if name in _INT_COLUMNS else np.float64)
            if len(array) == 0:
                values = []
            elif array.dtype == np.float64 and np.isnan(array).all():
                values = [None] * len(array)
            else:
                values = array
        data[name] = values
    groups = [name for name in columns if name.startswith("group:")]
    frame = pd.DataFrame(data, columns=[*SCORE_MANY_COLUMNS, *groups])
    for name in groups:
        frame[name] = frame[name].astype("float64")
    if not dates_done:
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
