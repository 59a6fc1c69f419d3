"""Boundaries as GeoDataFrames in British National Grid (EPSG:27700)."""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd

from thlib.data.files import data_path
from thlib.errors import DataError

#: The analysis coordinate reference system: British National Grid.
ANALYSIS_CRS = "EPSG:27700"

#: The shipped boundary file of each layer, relative to the data folder.
BOUNDARY_FILES = {
    "ward": "open-data/boundaries/tower_hamlets_wards_2014_bng.gpkg",
    "lsoa2021": "open-data/boundaries/tower_hamlets_lsoa_2021_wgs84.geojson",
    "lsoa2011": "open-data/boundaries/tower_hamlets_lsoa_2011_wgs84.geojson",
    "msoa2021": "open-data/boundaries/tower_hamlets_msoa_2021_wgs84.geojson",
    "london_borough": "open-data/boundaries/london_boroughs_lad2022_wgs84.geojson",
}


@functools.lru_cache(maxsize=16)
def _read(path: Path, _mtime: float) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path)
    if frame.crs is None:
        # A missing CRS is an error, never silently assumed (GUIDE, principle 11).
        raise DataError(f"{path} declares no coordinate reference system; add one and retry")
    return frame.to_crs(ANALYSIS_CRS)


def boundaries(layer: str) -> gpd.GeoDataFrame:
    """Return the boundaries of ``layer`` in EPSG:27700.

    Parameters
    ----------
    layer : {"ward", "lsoa2021", "lsoa2011", "msoa2021", "london_borough"}
        Wards are the 20 Tower Hamlets wards (May 2014 boundaries, codes still current);
        LSOAs and MSOAs are those of Tower Hamlets; ``london_borough`` the 33 London
        local authorities, for locator maps.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per area, with the attribute columns of the file (e.g. ``ward_code``,
        ``ward_name``, ``ward_name_current_ons``; ``LSOA21CD``, ``MSOA21CD``), in
        :data:`ANALYSIS_CRS`. A copy: callers may change it.

    Raises
    ------
    DataError
        If the layer is unknown, its file is missing or the file declares no coordinate
        reference system (never silently assumed).

    Examples
    --------
    >>> wards = boundaries("ward")
    >>> len(wards), wards.crs.to_string()
    (20, 'EPSG:27700')
    >>> lsoas = boundaries("lsoa2021")  # shipped in WGS84, returned in British National Grid
    >>> len(lsoas), lsoas.crs.to_string(), lsoas["MSOA21CD"].nunique()
    (169, 'EPSG:27700', 34)
    >>> boundaries("parish")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: no boundary layer 'parish'; choose one of ward, lsoa2021, ...
    """
    if layer not in BOUNDARY_FILES:
        raise DataError(f"no boundary layer {layer!r}; choose one of "
                        f"{', '.join(BOUNDARY_FILES)}")
    path = data_path(BOUNDARY_FILES[layer])
    return _read(path, path.stat().st_mtime).copy()
