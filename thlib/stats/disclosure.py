"""Statistical disclosure control for published counts: small-number suppression.

* Primary suppression: counts from 1 to ``threshold`` (default 4) are not published.
* Secondary suppression: where a group (e.g. a row of a table) has a published
  total and exactly one of its cells is suppressed, the total minus the other
  cells would reveal it, so the next smallest cell of the group is suppressed
  too (the smallest non-zero cell if there is one, because suppressing a zero
  would still let the hidden count be worked out as total - shown cells).
* Zero is not suppressed by default: a zero describes nobody, and hiding
  zeros hides the structure of a table for no protection of individuals.
  Where a zero is itself disclosive (e.g. "no-one in this group is
  vaccinated"), pass ``suppress_zero=True``.

Suppressed cells are flagged, not blanked: the output keeps the true count for
internal use, a ``published`` column with the value to publish (missing when
suppressed) and a ``suppression`` column saying why.

A group with a single cell that is suppressed cannot be protected by cell
suppression: suppress (or do not publish) that group's total as well.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from thlib.errors import StatsInputError
from thlib.stats import _validate as v

__all__ = ["NOT_SUPPRESSED", "PRIMARY", "SECONDARY", "suppress"]

NOT_SUPPRESSED = "not suppressed"
PRIMARY = "suppressed (primary)"
SECONDARY = "suppressed (secondary)"


def _secondary(counts: np.ndarray, status: np.ndarray, idx: np.ndarray) -> None:
    """In one group (rows ``idx``), add a secondary suppression if exactly one cell is hidden."""
    hidden = status[idx] != NOT_SUPPRESSED
    if hidden.sum() != 1 or len(idx) < 2:
        return
    candidates = idx[~hidden]
    nonzero = candidates[counts[candidates] > 0]
    pool = nonzero if nonzero.size else candidates
    status[pool[np.argmin(counts[pool])]] = SECONDARY  # first of equal smallest


def suppress(
    data: pd.DataFrame | pd.Series | Sequence[float],
    threshold: int = 4,
    *,
    count: str = "count",
    group: str | Sequence[str] | None = None,
    secondary: bool = True,
    suppress_zero: bool = False,
) -> pd.DataFrame:
    """Flag small counts for suppression, with secondary suppression within groups.

    Parameters
    ----------
    data : pandas.DataFrame, pandas.Series or array-like
        A tidy table with a count column (and group columns), or a plain set of
        counts treated as one group whose total is published.
    threshold : int, default 4
        Counts from 1 (0 with ``suppress_zero``) up to this are suppressed.
    count : str, default "count"
        Name of the count column of a DataFrame.
    group : str or list of str, optional
        Column(s) identifying groups that each have a published total (e.g. the
        area of each row of an area x age table). Default: the whole table is
        one group.
    secondary : bool, default True
        Apply secondary suppression (set False if no totals are published).
    suppress_zero : bool, default False
        Also suppress zeros (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        A copy of the data (a Series becomes a ``count`` column) with
        ``published`` (nullable integer, missing when suppressed) and
        ``suppression`` ("not suppressed", "suppressed (primary)" or
        "suppressed (secondary)").

    Raises
    ------
    thlib.errors.StatsInputError
        No count column, group columns that are missing (or given without a
        DataFrame), negative, fractional or missing counts, or a threshold that is
        not a whole number >= 0.

    References
    ----------
    Office for National Statistics (2006). Review of the dissemination of health
    statistics: confidentiality guidance. ONS, London.
    NHS Digital. Disclosure control: suppression of small numbers.
    Hundepool A et al. (2012). Statistical disclosure control. Wiley, ch. 4.

    Examples
    --------
    3 is suppressed (1 to 4); with the total published it could be worked out from
    the others, so the smallest other non-zero count, 6, is suppressed too:

    >>> out = suppress([0, 3, 10, 12, 6])
    >>> out
       count  published             suppression
    0      0          0          not suppressed
    1      3       <NA>    suppressed (primary)
    2     10         10          not suppressed
    3     12         12          not suppressed
    4      6       <NA>  suppressed (secondary)

    In a table, each group (here each area, whose total is published) is protected
    on its own:

    >>> import pandas as pd
    >>> table = pd.DataFrame({"area": ["A", "A", "A", "B", "B", "B"],
    ...                       "count": [2, 5, 9, 10, 20, 30]})
    >>> suppress(table, group="area")["published"].tolist()
    [<NA>, <NA>, 9, 10, 20, 30]
    """
    if isinstance(data, pd.DataFrame):
        if count not in data.columns:
            raise StatsInputError(
                f"data has no column {count!r}: name the count column with count=..."
            )
        table = data.copy()
    else:
        if group is not None:
            raise StatsInputError("group needs a DataFrame: give data as a table with the group")
        table = pd.DataFrame({count: data})
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or threshold < 0:
        raise StatsInputError(f"threshold is {threshold!r}: give a whole number such as 4")
    groups = [] if group is None else [group] if isinstance(group, str) else list(group)
    missing = [g for g in groups if g not in table.columns]
    if missing:
        raise StatsInputError(f"data has no group column(s) {missing}: check group=...")
    counts = v.as_array(table[count].to_numpy(), count)
    v.check_nonnegative(counts, count)
    v.check_integer(counts, count)

    low = 0 if suppress_zero else 1
    status = np.where((counts >= low) & (counts <= threshold), PRIMARY, NOT_SUPPRESSED)
    status = status.astype(object)
    if secondary:
        if groups:
            positions = table.reset_index(drop=True).groupby(groups, sort=False, dropna=False)
            for idx in positions.indices.values():
                _secondary(counts, status, np.asarray(idx))
        else:
            _secondary(counts, status, np.arange(len(counts)))
    published = pd.array(counts.astype(np.int64), dtype="Int64")
    published[status != NOT_SUPPRESSED] = pd.NA
    table["published"] = published
    table["suppression"] = status
    return table
