"""The guide's body text stays near the NHS reading target (Flesch-Kincaid grade about 6)."""

import pytest

from tests.education.readability import grade, guide_texts, prose, syllables

TEXTS = guide_texts()


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_each_page_reads_at_about_grade_6_or_below(name):
    assert grade(prose(TEXTS[name])) <= 7.0, name


def test_the_measure_tells_plain_words_from_long_ones():
    plain = "Milia are small white bumps. They do no harm. You can leave them alone."
    dense = (
        "Subepidermal keratinous microcysts characteristically demonstrate spontaneous "
        "resolution, notwithstanding considerable interindividual variability."
    )

    assert grade(plain) < 3 < 12 < grade(dense)
    assert [syllables(w) for w in ["skin", "keratin", "dermatologist"]] == [1, 3, 5]
