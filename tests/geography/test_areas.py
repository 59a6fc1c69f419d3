"""Areas: the 20 wards, names and aliases, the borough, lookups of unknown codes."""

import pytest

from thlib.errors import AreaError
from thlib.geography import find_area, get_area, list_areas, slugify


def test_twenty_wards_with_the_expected_codes():
    codes = [w.code for w in list_areas("ward")]
    assert codes == [f"E050093{n}" for n in range(17, 37)]


def test_renamed_wards_carry_their_2014_names_as_aliases():
    st_peters = get_area("ward", "E05009331")
    assert st_peters.name == "Bethnal Green West"
    assert "St. Peter's" in st_peters.aliases
    assert get_area("ward", "E05009317").name == "Bethnal Green East"
    assert find_area("St. Peter's").code == "E05009331"
    assert find_area("bethnal-green-west").code == "E05009331"


def test_borough_is_named_from_the_lookup_and_holds_every_ward():
    (borough,) = list_areas("borough")
    assert (borough.code, borough.name, borough.slug) == ("E09000030", "Tower Hamlets",
                                                          "tower-hamlets")
    # The 20 ward codes of the boundary file, E05009317 to E05009336.
    assert borough.wards == tuple(f"E050093{n}" for n in range(17, 37))


def test_unknown_code_lists_the_known_ones():
    with pytest.raises(AreaError) as error:
        get_area("ward", "E05000000")
    assert "unknown ward code 'E05000000'" in str(error.value)
    assert "E05009331 Bethnal Green West" in str(error.value)


def test_unknown_area_type():
    with pytest.raises(AreaError, match="unknown area type 'parish'"):
        list_areas("parish")


def test_slugify():
    assert slugify("St Katharine's & Wapping") == "st-katharines-wapping"
    assert slugify("Blackwall & Cubitt Town") == "blackwall-cubitt-town"
