"""Neighbourhoods: the shipped provisional default and a user-supplied grouping."""

import pytest

from thlib.data import read_yaml
from thlib.errors import DataError
from thlib.geography import derive_default_neighbourhoods, list_areas, neighbourhoods_file
from thlib.profiles import AreaProfile

WARDS = [f"E050093{n}" for n in range(17, 37)]


def test_shipped_default_is_the_documented_rule_and_provisional():
    shipped = read_yaml(neighbourhoods_file())
    assert shipped["status"] == "provisional"
    assert shipped["neighbourhoods"] == derive_default_neighbourhoods()
    hoods = list_areas("neighbourhood")
    assert [h.name for h in hoods] == ["North West", "North East", "South West", "South East"]
    assert [h.wards for h in hoods] == [tuple(g["wards"]) for g in shipped["neighbourhoods"]]
    assert all(h.provisional and len(h.wards) == 5 for h in hoods)


def test_default_rule_puts_known_wards_where_a_map_shows_them():
    # Read off the ward map: Bow East is north-east, Island Gardens south-east,
    # Weavers north-west and St Katharine's & Wapping south-west.
    where = {w: h["name"] for h in derive_default_neighbourhoods() for w in h["wards"]}
    assert where["E05009319"] == "North East"
    assert where["E05009324"] == "South East"
    assert where["E05009335"] == "North West"
    assert where["E05009330"] == "South West"


def _write(path, groups, status="agreed"):
    lines = [f"status: {status}", "neighbourhoods:"]
    for code, name, wards in groups:
        lines += [f"  - code: {code}", f"    name: {name}", f"    wards: [{', '.join(wards)}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_user_grouping_is_honoured(tmp_path, monkeypatch):
    path = _write(tmp_path / "agreed.yml",
                  [("A", "Riverside", WARDS[:7]), ("B", "Inland", WARDS[7:])])
    monkeypatch.setenv("THLIB_NEIGHBOURHOODS", str(path))
    hoods = list_areas("neighbourhood")
    assert [(h.code, h.name, len(h.wards), h.provisional) for h in hoods] == [
        ("A", "Riverside", 7, False), ("B", "Inland", 13, False)]
    profile = AreaProfile("neighbourhood", "A")
    assert profile.area.slug == "riverside"
    # Census residents of the seven wards, published by ward (TS022), add up.
    residents = profile.population().set_index("name")["residents"]["Riverside"]
    ward_totals = {"E05009317": 21078, "E05009318": 21440, "E05009319": 19511,
                   "E05009320": 13707, "E05009321": 11703, "E05009322": 13969,
                   "E05009323": 17968}
    assert residents == sum(ward_totals.values())


@pytest.mark.parametrize(
    "groups, message",
    [
        ([("A", "All", WARDS[:19])], r"E05009336 \(Whitechapel\) are in no neighbourhood"),
        ([("A", "One", WARDS), ("B", "Two", WARDS[:1])], "already in One"),
        ([("A", "One", [*WARDS, "E05000001"])], "lists 'E05000001', which is not"),
        ([("A", "One", WARDS[:10]), ("A", "Two", WARDS[10:])], "code 'A' is used twice"),
    ],
)
def test_bad_groupings_name_the_file_and_problem(tmp_path, monkeypatch, groups, message):
    path = _write(tmp_path / "bad.yml", groups)
    monkeypatch.setenv("THLIB_NEIGHBOURHOODS", str(path))
    with pytest.raises(DataError, match=message) as error:
        list_areas("neighbourhood")
    assert "bad.yml" in str(error.value)


def test_wards_written_as_one_string_say_a_list_belongs_there(tmp_path, monkeypatch):
    path = tmp_path / "string.yml"
    path.write_text("status: agreed\nneighbourhoods:\n  - code: A\n    name: All\n"
                    f"    wards: {', '.join(WARDS)}\n", encoding="utf-8")
    monkeypatch.setenv("THLIB_NEIGHBOURHOODS", str(path))
    with pytest.raises(DataError, match=r"string.yml: neighbourhood 1 \(All\): field wards is "
                                        r"'E05009317, E05009318, .*', a str where a list belongs"):
        list_areas("neighbourhood")
