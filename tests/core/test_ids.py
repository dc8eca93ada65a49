import pytest

from apps.core.ids import MAX_ID, parse_id, parse_ids


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("0042", 42), (str(MAX_ID), MAX_ID), (7, 7)])
def test_parse_id_reads_positive_ascii_digits(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", " 5", "5 ", "+5", "-5", "0", "1.0", "٥", "１", str(MAX_ID + 1), "abc", None, 0, -3, True, 2.0, ["1"]],
)
def test_parse_id_refuses_everything_else(value):
    assert parse_id(value) is None


def test_parse_ids_keeps_order_and_drops_repeats():
    assert parse_ids(["3", "1", "3", 2]) == [3, 1, 2]


def test_parse_ids_refuses_the_list_when_one_is_no_id():
    assert parse_ids(["3", "x"]) is None
    assert parse_ids([]) == []
