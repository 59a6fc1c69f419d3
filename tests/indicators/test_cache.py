"""The disk cache of indicator values: reused when nothing changed, rebuilt when data change."""

import pickle

from thlib.indicators import cache


def test_cache_is_reused_and_keyed_on_the_data(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("THLIB_CACHE_DIR", str(tmp_path / "cache"))
    calls = []

    def compute():
        calls.append(1)
        return {"x": len(calls)}

    assert cache.cached_catalogue_values(compute) == {"x": 1}
    assert cache.cached_catalogue_values(compute) == {"x": 1}  # read back, not recomputed
    assert len(calls) == 1
    (stored,) = (tmp_path / "cache").glob("indicator-values-*.pkl")
    assert pickle.loads(stored.read_bytes()) == {"x": 1}
    # Another data folder (e.g. a refreshed snapshot) has another key.
    other = tmp_path / "other-data"
    data_copy.rename(other)
    monkeypatch.setenv("THLIB_DATA_DIR", str(other))
    assert cache.cached_catalogue_values(compute) == {"x": 2}
    assert len(list((tmp_path / "cache").glob("*.pkl"))) == 1  # the stale file is pruned


def test_another_neighbourhood_grouping_has_another_key(tmp_path, monkeypatch):
    shipped = cache.cache_key()
    grouping = tmp_path / "agreed.yml"
    grouping.write_text("status: agreed\nneighbourhoods: []\n", encoding="utf-8")
    monkeypatch.setenv("THLIB_NEIGHBOURHOODS", str(grouping))
    assert cache.cache_key() != shipped  # values for other neighbourhoods are not reused
