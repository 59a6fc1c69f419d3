"""The partnership file: its contact block is read, validated and used by every statement."""

import pytest

from thlib.data.partnership import contact, partnership
from thlib.errors import DataError
from thlib.presentation import prose


def test_the_shipped_contact_is_the_councils_public_switchboard_and_website():
    # Tower Hamlets Council's published switchboard and website
    reach = contact()
    assert reach.owner == "Tower Hamlets Partnership strategy team"
    assert reach.organisation == "Tower Hamlets Council"
    assert reach.telephone == "020 7364 5000"
    assert reach.telephone_link == "tel:+442073645000"
    assert reach.website == "https://www.towerhamlets.gov.uk"


@pytest.mark.parametrize("old, new, field", [
    ("telephone: 020 7364 5000", "telephone: call us", "contact.telephone"),
    ("telephone: 020 7364 5000", "telephone: 02073645000", "contact.telephone"),  # an int
    ("website: https://www.towerhamlets.gov.uk", "website: http://www.towerhamlets.gov.uk",
     "contact.website"),
    ("  owner: Tower Hamlets Partnership strategy team\n", "", "contact"),
    ("contact:", "contacts:", "(top level)"),
])
def test_a_broken_contact_is_an_error_naming_the_file_and_field(data_copy, old, new, field):
    path = data_copy / "partnership.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as error:
        partnership()
    assert str(error.value).startswith(f"{path}: field {field}: ")


def test_statement_links_the_contact_and_escapes_text_from_data(data_copy):
    path = data_copy / "partnership.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "owner: Tower Hamlets Partnership strategy team",
        'owner: "<img src=x onerror=alert(1)> *team*"'), encoding="utf-8")
    text = prose.render("prose/accessibility.md.j2", publication="profile", data_files=[],
                        contact=contact())
    assert "contact the &lt;img src=x onerror=alert(1)&gt; \\*team\\*, Tower Hamlets Council" \
        in text
    assert "[020 7364 5000](tel:+442073645000)" in text
    assert "[www.towerhamlets.gov.uk](https://www.towerhamlets.gov.uk)" in text
    assert "<img" not in text
    assert "published as data" not in text  # a profile names no data files here
    assert "not by colour alone.\n\n**Known limitations.**" in text  # its own paragraph


def test_statement_states_the_checks_and_links_data_files():
    text = prose.render("prose/accessibility.md.j2", publication="report",
                        data_files=["annual-report-2025-data.csv"], contact=contact())
    assert text.startswith("This report is published as a web page")
    for claim in ("WCAG 2.2", "axe-core", "1280 and at 320 pixels", "tagged PDF"):
        assert claim in text
    assert ("The figures are also published as data: "
            "[the report's data as a CSV file](annual-report-2025-data.csv).\n\n"
            "**Known limitations.**") in text
