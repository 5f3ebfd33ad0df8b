"""Amounts as schools write them, to the exact number of đồng."""

import pytest

from site_builder.check.money import money_amount


@pytest.mark.parametrize(("written", "amount"), [
    ("10 triệu", 10_000_000), ("10.000.000 đ", 10_000_000), ("10,5 triệu", 10_500_000),
    ("10.000.000", 10_000_000), ("10.000.000 đồng", 10_000_000), ("5.000.000 VNĐ", 5_000_000),
    ("1,2 tỷ", 1_200_000_000), ("500 nghìn", 500_000), ("10 tr", 10_000_000), ("10 000 000", 10_000_000),
    (12, 12),
])
def test_common_written_forms(written: object, amount: int) -> None:
    assert money_amount(written) == amount


@pytest.mark.parametrize("written", ["mười triệu", "10 triệu 500", "0,0000001 triệu", "khoảng 10 triệu", True])
def test_not_an_amount(written: object) -> None:
    assert money_amount(written) is None
