"""Lookups and boundaries: counts, CRS, and agreement with a point-in-polygon check.

Expected lookups are read from the raw files with the standard ``csv`` and ``json``
modules, or come from the MANIFEST's published checks.
"""

import csv
import json
from collections import Counter

import geopandas as gpd
import pytest

from thlib.data import data_dir
from thlib.errors import ParameterError
from thlib.geography import ANALYSIS_CRS, boundaries, lsoa_to_ward, msoa_to_ward

BOUNDARIES = data_dir() / "open-data/boundaries"


def _raw_lookup(name: str, lsoa: str, ward: str) -> dict[str, str]:
    with (BOUNDARIES / name).open(encoding="utf-8", newline="") as handle:
        return {row[lsoa]: row[ward] for row in csv.DictReader(handle)}


def test_lsoa_lookups_are_the_raw_files():
    lsoa2021 = _raw_lookup("lookup_lsoa2021_to_ward_bestfit_tower_hamlets.csv",
                           "LSOA21CD", "WD25CD")
    lsoa2011 = _raw_lookup("lookup_lsoa2011_to_ward2014_pointinpolygon_DERIVED_tower_hamlets.csv",
                           "LSOA11CD", "ward_code")
    assert (len(lsoa2021), len(lsoa2011)) == (169, 144)  # the files' data rows
    assert lsoa_to_ward(2021).to_dict() == lsoa2021
    assert lsoa_to_ward(2011).to_dict() == lsoa2011
    assert lsoa_to_ward(2021).nunique() == 20


def test_boundaries_are_in_british_national_grid():
    # Counts: features of each raw file (20 wards in the GeoPackage; 169, 144 and 34 in the
    # GeoJSON files, which are in WGS84 and so must have been transformed).
    for layer, count in (("ward", 20), ("lsoa2021", 169), ("lsoa2011", 144), ("msoa2021", 34)):
        frame = boundaries(layer)
        assert frame.crs == ANALYSIS_CRS and len(frame) == count, layer


def test_best_fit_agrees_with_point_in_polygon_for_162_of_169_lsoas():
    # MANIFEST section 3: ONS best fit vs point-in-polygon on the 2014 wards, 162/169 agree.
    lsoas = boundaries("lsoa2021")
    points = gpd.GeoDataFrame(lsoas[["LSOA21CD"]], geometry=lsoas.representative_point(),
                              crs=lsoas.crs)
    joined = gpd.sjoin(points, boundaries("ward")[["ward_code", "geometry"]], predicate="within")
    agree = (joined.set_index("LSOA21CD")["ward_code"] == lsoa_to_ward(2021)).sum()
    assert agree == 162


def test_every_msoa_gets_the_ward_of_most_of_its_lsoas():
    # Derived by hand: the LSOA to MSOA nesting from the LSOA GeoJSON's properties, each
    # LSOA's ward from the ONS best-fit CSV; the most frequent ward wins, ties to the lower code.
    best_fit = _raw_lookup("lookup_lsoa2021_to_ward_bestfit_tower_hamlets.csv",
                           "LSOA21CD", "WD25CD")
    with (BOUNDARIES / "tower_hamlets_lsoa_2021_wgs84.geojson").open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    tallies: dict[str, Counter] = {}
    for feature in features:
        props = feature["properties"]
        tallies.setdefault(props["MSOA21CD"], Counter())[best_fit[props["LSOA21CD"]]] += 1
    expected = {msoa: min(tally, key=lambda ward: (-tally[ward], ward))
                for msoa, tally in tallies.items()}
    lookup = msoa_to_ward()
    assert len(lookup) == 34
    assert lookup.to_dict() == expected
    # Tower Hamlets 030 is the one tie: 2 LSOAs in Blackwall & Cubitt Town (E05009318) and 2
    # in Island Gardens (E05009324).
    assert sorted(tallies["E02000893"].values()) == [2, 2]
    assert lookup["E02000893"] == "E05009318"


def test_an_unknown_lsoa_vintage_is_refused_naming_the_vintages():
    with pytest.raises(ParameterError, match="2011 or 2021, not 2001"):
        lsoa_to_ward(2001)
