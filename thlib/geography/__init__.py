"""Geography: the borough, its neighbourhoods and wards, small-area lookups and boundaries."""

from thlib.geography.aggregate import (
    METHODS,
    Aggregated,
    NotCoveredError,
    aggregate,
    bestfit_error,
    ward_table,
)
from thlib.geography.areas import (
    AREA_TYPES,
    BOROUGH_CODE,
    COMPARATOR_NAMES,
    ENGLAND_CODE,
    LONDON_CODE,
    Area,
    find_area,
    get_area,
    list_areas,
    slugify,
)
from thlib.geography.boundaries import ANALYSIS_CRS, boundaries
from thlib.geography.custom import custom_area, custom_areas, custom_areas_file
from thlib.geography.lookups import lsoa_to_ward, msoa_to_ward
from thlib.geography.neighbourhoods import (
    derive_default_neighbourhoods,
    neighbourhoods,
    neighbourhoods_file,
)

__all__ = [
    "ANALYSIS_CRS", "AREA_TYPES", "BOROUGH_CODE", "COMPARATOR_NAMES", "ENGLAND_CODE",
    "LONDON_CODE", "METHODS", "Aggregated", "NotCoveredError", "Area", "aggregate",
    "bestfit_error", "boundaries", "custom_area", "custom_areas", "custom_areas_file",
    "derive_default_neighbourhoods", "find_area", "get_area", "list_areas", "lsoa_to_ward",
    "msoa_to_ward", "neighbourhoods", "neighbourhoods_file", "slugify", "ward_table",
]
