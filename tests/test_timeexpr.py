import pytest

from geopivot.timeexpr import resolve

PUBLISHED = "2024-03-25T10:44-04:00"  # a Monday


@pytest.mark.parametrize(
    "expression, value, precision",
    [
        ("last week", "2024-03-18", "week"),  # the Monday of the week before
        ("In July 2023", "2023-07-01", "month"),
        ("In December", "2023-12-01", "month"),  # a past month resolves before publication
        ("Last year", "2023-01-01", "year"),
        ("on March 12", "2024-03-12", "day"),
        ("On March 30", "2023-03-30", "day"),  # after publication, so the year before
        ("on Wednesday", "2024-03-20", "day"),
        ("yesterday", "2024-03-24", "day"),
        ("on Monday", "2024-03-25", "day"),  # the publication day itself
        ("last Monday", "2024-03-18", "day"),
        ("5 April 2024", "2024-04-05", "day"),
        ("in 2018", "2018-01-01", "year"),
    ],
)
def test_expressions_resolve_against_the_publication_date(expression, value, precision):
    date = resolve(expression, PUBLISHED)
    assert (date.value, date.precision, date.expression) == (value, precision, expression)


def test_nothing_understood_falls_back_to_publication_as_reported():
    date = resolve("in the coming era", PUBLISHED)
    assert (date.value, date.precision, date.expression) == ("2024-03-25", "reported", "in the coming era")


def test_impossible_day_is_kept_as_words_not_invented():
    date = resolve("February 30, 2023", PUBLISHED)
    assert date.value is None and date.precision == "reported"


@pytest.mark.parametrize(
    "expression, value, end",
    [
        ("Since July 2023", "2023-07-01", "2024-03-25"),  # open range up to publication
        ("from March to May 2023", "2023-03-01", "2023-05-31"),  # the second's year completes the first
        ("between 2019 and 2021", "2019-01-01", "2021-12-31"),
    ],
)
def test_ranges_have_a_start_and_an_end(expression, value, end):
    date = resolve(expression, PUBLISHED)
    assert (date.value, date.precision, date.end) == (value, "range", end)


def test_this_week_and_this_month_resolve_to_their_start():
    assert resolve("earlier this month", PUBLISHED).value == "2024-03-01"
    assert resolve("this week", PUBLISHED).value == "2024-03-25"


def test_a_range_whose_parts_are_not_understood_is_reported_not_invented():
    date = resolve("since the old days", PUBLISHED)
    assert date.precision == "reported" and date.end is None
