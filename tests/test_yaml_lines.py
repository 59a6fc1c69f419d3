"""Files people edit are read defensively: BOM, CRLF, aliases, control characters, encodings.

The readers are thlib.yaml_lines (parameter sets, custom areas, the neighbourhood file, the
partnership file, commentary front matter); each case is a file written as a careless or
hostile user might, and each must end in a clear error naming the file and the line.
"""

from pathlib import Path

import pytest

from thlib.errors import DataError, ParameterError
from thlib.yaml_lines import read_yaml_lines

#: The "billion laughs": nine levels of nine aliases each, 9^9 strings if expanded.
LAUGHS = "a: &a [lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def _write(tmp_path: Path, raw: bytes | str, name: str = "areas.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(raw.encode() if isinstance(raw, str) else raw)
    return path


def test_a_byte_order_mark_crlf_and_trailing_spaces_are_read_as_people_mean_them(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbfareas:  \r\n  - code: A  \r\n    name: Bow\r\n")
    data, lines = read_yaml_lines(path, "custom areas file")
    assert data == {"areas": [{"code": "A", "name": "Bow"}]}
    assert lines[("areas", 0, "name")] == 3


def test_aliases_are_refused_so_a_billion_laughs_cannot_exhaust_memory(tmp_path):
    path = _write(tmp_path, LAUGHS)
    with pytest.raises(DataError, match=r"areas\.yml, line 2: not valid YAML: an alias \(\*a\)"):
        read_yaml_lines(path, "custom areas file")
    merge = _write(tmp_path, "base: &base {code: A}\nareas:\n  - <<: *base\n    name: B\n")
    with pytest.raises(DataError, match="line 3: .*alias"):
        read_yaml_lines(merge, "custom areas file")


@pytest.mark.parametrize("raw, message", [
    ("areas:\n  - code: A\n    name: \"Bow\\u202eEast\"\n",
     r"line 3: areas\[0\]\.name holds the control character U\+202E"),
    ("areas:\n  - code: A\n    name: \"Bow\\x00\"\n", r"line 3: areas\[0\]\.name .* U\+0000"),
    ("areas:\n  - code: A\n    name: \"Bow\\x1b[31m\"\n", r"areas\[0\]\.name .* U\+001B"),
    ("\"are\\u2066as\": []\n", r"line 1: are.as holds the control character U\+2066"),
])
def test_control_and_bidirectional_characters_are_refused_naming_the_field(tmp_path, raw,
                                                                            message):
    with pytest.raises(DataError, match=message):
        read_yaml_lines(_write(tmp_path, raw), "custom areas file")


def test_text_that_is_not_utf8_names_its_line(tmp_path):
    path = _write(tmp_path, b"areas:\n  - code: A\n    name: Bromley-by-Bow \xe9\n")
    with pytest.raises(ParameterError, match=r"areas\.yml, line 3: not UTF-8 text \(byte 0xE9\)"):
        read_yaml_lines(path, "parameter set", ParameterError)


def test_deep_nesting_is_an_error_not_a_crash(tmp_path):
    path = _write(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(DataError, match="areas.yml"):
        read_yaml_lines(path, "custom areas file")


def test_the_neighbourhood_and_partnership_files_refuse_aliases(data_copy):
    from thlib.data.partnership import partnership
    from thlib.geography.neighbourhoods import neighbourhoods

    hoods = data_copy / "neighbourhoods.yml"
    hoods.write_text(LAUGHS + hoods.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match=r"neighbourhoods\.yml, line 2: .*alias"):
        neighbourhoods()
    partners = data_copy / "partnership.yml"
    partners.write_text(LAUGHS + partners.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match=r"partnership\.yml, line 2: .*alias"):
        partnership()
