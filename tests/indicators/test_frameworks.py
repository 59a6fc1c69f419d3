"""Frameworks are data: the shipped ones, and a new one that is only a YAML file."""

import pytest
import yaml

from thlib.errors import DataError
from thlib.indicators import catalogue, frameworks, get_framework
from thlib.indicators.frameworks import FRAMEWORKS


def test_tower_hamlets_plan_objective_and_themes():
    plan = frameworks()["tower-hamlets-plan-2018-2023"]
    assert plan.objective == ("Tackling inequality by building a strong, inclusive and fair "
                              "borough")
    assert [t["title"] for t in plan.themes] == [
        "A better deal for children and young people: aspiration, education and skills",
        "Good jobs and employment",
        "Strong, resilient and safe communities",
        "Better health and wellbeing",
    ]


def test_children_and_families_strategy_priorities():
    strategy = frameworks()["children-families-strategy-2019-2024"]
    assert [t["title"] for t in strategy.themes] == [
        "Aspiration to action", "Healthy families", "Safe and secure"]


def test_a_new_framework_is_just_a_file(tmp_path):
    path = tmp_path / "vision.yml"
    path.write_text(
        "id: long-term-vision\ntitle: A new vision\nperiod: 2025-2035\n"
        "objective: Something ambitious\nthemes:\n  - id: homes\n    title: Homes\n"
        "    outcomes:\n      - title: Less overcrowding\n"
        "        indicators: [overcrowded-households]\n", encoding="utf-8")
    vision = get_framework(path)
    assert vision.indicators() == ["overcrowded-households"]


def test_a_framework_naming_an_unknown_indicator_is_refused(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text(
        "id: bad\ntitle: Bad\nperiod: x\nobjective: x\nthemes:\n  - id: t\n    title: T\n"
        "    outcomes:\n      - title: O\n        indicators: [no-such-indicator]\n",
        encoding="utf-8")
    with pytest.raises(DataError, match="names indicator 'no-such-indicator'"):
        get_framework(path)


def test_the_plan_uses_the_indicators_its_file_lists_in_order_and_all_exist():
    spec = yaml.safe_load((FRAMEWORKS / "tower_hamlets_plan_2018_2023.yml").read_text("utf-8"))
    listed = [i for t in spec["themes"] for o in t["outcomes"] for i in o["indicators"]]
    plan = frameworks()["tower-hamlets-plan-2018-2023"]
    assert plan.indicators() == list(dict.fromkeys(listed))
    assert set(listed) <= set(catalogue())
