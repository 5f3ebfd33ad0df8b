from site_builder.check.suggest import fold, nearest, nearest_criterion

IDS = ["1.1", "1.4", "1.10", "2.2", "5.5"]


def test_fold_removes_vietnamese_accents() -> None:
    assert fold("Đã Hoàn Thành") == "da hoan thanh"


def test_criterion_digits() -> None:
    assert nearest_criterion("14", IDS) == "1.4"
    assert nearest_criterion("Tiêu chí 1,10", IDS) == "1.10"
    assert nearest_criterion("110", IDS) == "1.10"


def test_nearest_is_accent_insensitive() -> None:
    assert nearest("mam non", ["mầm non", "tiểu học"]) == "mầm non"
    assert nearest("zzzz", ["mầm non"]) is None
