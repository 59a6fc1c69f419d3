"""Lookups from small areas (LSOA, MSOA) to wards.

LSOAs do not nest in wards, so every lookup here is a *best fit*: an LSOA is given
to the one ward that holds most of it. Sums of LSOA data by ward are therefore
approximations; :func:`thlib.geography.aggregate.bestfit_error` measures how far off.
Lookups are cached per data file; treat the returned Series as read-only.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from thlib.data.checks import check_unique
from thlib.data.files import data_path, read_csv
from thlib.errors import ParameterError

_LSOA2021 = "open-data/boundaries/lookup_lsoa2021_to_ward_bestfit_tower_hamlets.csv"
_LSOA2011 = ("open-data/boundaries/"
             "lookup_lsoa2011_to_ward2014_pointinpolygon_DERIVED_tower_hamlets.csv")


def _key(relative: str) -> tuple[Path, float]:
    path = data_path(relative)
    return path, path.stat().st_mtime


@functools.lru_cache(maxsize=8)
def _lookup(path: Path, _mtime: float, code: str, ward: str) -> pd.Series:
    frame = read_csv(path, required=[code, ward])
    # A best-fit lookup gives each small area one ward: a repeated code would be ambiguous.
    check_unique(frame, [code], path)
    return frame.set_index(code)[ward].rename("ward_code")


def lsoa_to_ward(vintage: int = 2021) -> pd.Series:
    """Return a Series mapping each Tower Hamlets LSOA code to its ward code.

    Parameters
    ----------
    vintage : {2021, 2011}
        2021: the ONS best-fit LSOA 2021 to ward (2025) lookup (169 LSOAs).
        2011: each LSOA 2011 given to the 2014 ward containing its representative point
        (a lookup derived from the published boundaries; 144 LSOAs).

    Returns
    -------
    pandas.Series
        Ward code (named ``ward_code``) indexed by LSOA code. Cached per data file: treat it
        as read-only.

    Raises
    ------
    ParameterError
        If ``vintage`` is neither 2011 nor 2021.
    DataError
        If the lookup file is missing or lacks its code columns.

    Examples
    --------
    >>> lookup = lsoa_to_ward()
    >>> len(lookup), lookup.nunique(), lookup["E01004198"]
    (169, 20, 'E05009331')
    >>> len(lsoa_to_ward(2011)), lsoa_to_ward(2011)["E01004197"]
    (144, 'E05009331')
    """
    if vintage == 2021:
        return _lookup(*_key(_LSOA2021), "LSOA21CD", "WD25CD")
    if vintage == 2011:
        return _lookup(*_key(_LSOA2011), "LSOA11CD", "ward_code")
    raise ParameterError(f"LSOA vintage must be 2011 or 2021, not {vintage!r}")


def msoa_to_ward() -> pd.Series:
    """Return a Series mapping each MSOA 2021 code to a ward: the ward of most of its LSOAs.

    Derived here from the LSOA 2021 best-fit lookup and the LSOA to MSOA nesting in the
    ONS boundaries. Ties go to the ward with the lowest code, so the rule is reproducible.
    MSOAs are larger than LSOAs (about 9,000 residents against a ward's 15,000), so MSOA
    figures by ward are rough and labelled as such wherever they are used.

    Returns
    -------
    pandas.Series
        Ward code indexed by MSOA 2021 code, one row per MSOA (34). Cached per data file:
        treat it as read-only.

    Raises
    ------
    DataError
        If the lookup or the LSOA boundary file is missing.

    Examples
    --------
    MSOA Tower Hamlets 030 (``E02000893``) has two LSOAs in Blackwall & Cubitt Town
    (``E05009318``) and two in Island Gardens (``E05009324``); the tie goes to the lower code:

    >>> lookup = msoa_to_ward()
    >>> len(lookup), lookup["E02000893"]
    (34, 'E05009318')
    """
    return _msoa_to_ward(*_key(_LSOA2021))


@functools.lru_cache(maxsize=8)
def _msoa_to_ward(_path: Path, _mtime: float) -> pd.Series:
    from thlib.geography.boundaries import boundaries

    nesting = boundaries("lsoa2021")[["LSOA21CD", "MSOA21CD"]]
    nesting = nesting.assign(ward_code=nesting["LSOA21CD"].map(lsoa_to_ward(2021)))
    tally = nesting.groupby(["MSOA21CD", "ward_code"]).size().rename("n").reset_index()
    tally = tally.sort_values(["MSOA21CD", "n", "ward_code"], ascending=[True, False, True])
    return tally.drop_duplicates("MSOA21CD").set_index("MSOA21CD")["ward_code"]
