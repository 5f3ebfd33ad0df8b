"""Vietnamese change summaries, from model objects and from a real git history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.model.history import Commit
from site_builder.model.plan import Plan
from site_builder.present.changes import history_changes, plan_changes
from site_builder.source.history import read_repo_history
from site_builder.source.versions import PlanVersion, plan_versions
from tests.gitrepo import QT_PLAN


def _plan(**entry: object) -> Plan:
    return Plan.model_validate({"school_year": "2024-2025", "document": {"title": "Kế hoạch"},
                                "entries": [{"criterion": "3.5", **entry}, {"criterion": "1.1"}]})


def test_status_budget_and_added_criterion_are_named() -> None:
    old = _plan(status="đang thực hiện", budget={"amount": 10000000}, lead="BGH")
    new = _plan(status="đã hoàn thành", budget={"amount": 15000000}, lead="Hiệu trưởng")
    new.entries.append(Plan.model_validate({"school_year": "2024-2025", "document": {"title": "x"},
                                            "entries": [{"criterion": "2.4"}]}).entries[0])
    items = plan_changes(old, new, "", "")
    assert items == [
        "Thêm tiêu chí 2.4",
        "Tiêu chí 3.5: trạng thái chuyển sang Đã hoàn thành",
        "Tiêu chí 3.5: sửa kinh phí 10.000.000 → 15.000.000 đồng",
        "Tiêu chí 3.5: sửa người phụ trách: BGH → Hiệu trưởng",
    ]


def test_removed_reordered_reviewed_archived_and_body() -> None:
    old = _plan(actions=["a", "b"])
    new = Plan.model_validate({"school_year": "2024-2025", "document": {"title": "Kế hoạch"}, "archived": True,
                               "archive_note": "Đã thay bằng kế hoạch điều chỉnh",
                               "entries": [{"criterion": "1.1", "reviews": [
                                   {"date": dt.date(2025, 1, 15), "status": "đang thực hiện"}]}]})
    items = plan_changes(old, new, "cũ", "mới")
    assert items[0] == "Chuyển vào lưu trữ (vẫn công khai): Đã thay bằng kế hoạch điều chỉnh"
    assert "Bỏ tiêu chí 3.5" in items
    assert "Tiêu chí 1.1: thêm rà soát ngày 15 tháng 01 năm 2025 (Đang thực hiện)" in items
    assert items[-1] == "Sửa phần nội dung văn bản"
    assert plan_changes(old, old, "x", "x\n") == ["Sửa cách viết trong tệp, nội dung công bố không đổi"]


def test_history_of_a_real_repository(qt_repo: tuple[Path, list[str]]) -> None:
    root, shas = qt_repo
    history = read_repo_history(root).files[QT_PLAN]
    versions = plan_versions(root, {QT_PLAN: history})[QT_PLAN]
    changes = history_changes(versions)
    assert [c.commit.sha for c in changes] == shas
    assert changes[0].first and changes[0].items[0].startswith("Đăng lần đầu: 27 tiêu chí")
    assert changes[1].items == ["Tiêu chí 1.3: trạng thái chuyển sang Đang thực hiện",
                                "Tiêu chí 1.6: ghi kinh phí 10.000.000 đồng"]
    assert "Tiêu chí 1.9: sửa người phụ trách: [mất trong bản gốc] → Hiệu trưởng" in changes[2].items
    assert "Tiêu chí 1.6: sửa kinh phí 10.000.000 → 15.000.000 đồng" in changes[2].items
    assert "Tiêu chí 3.5: trạng thái chuyển sang Đã hoàn thành" in changes[3].items
    assert sum(len(c.items) for c in changes) >= 10


def test_an_invalid_version_is_said_and_skipped() -> None:
    when = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    good = _plan(status="đang thực hiện")
    done = _plan(status="đã hoàn thành")
    versions = [PlanVersion(Commit("a" * 40, when), good, ""), PlanVersion(Commit("b" * 40, when), None, ""),
                PlanVersion(Commit("c" * 40, when), done, "")]
    items = [c.items for c in history_changes(versions)]
    assert items[1] == ["Phiên bản này chưa đúng định dạng nên không so sánh được chi tiết."]
    assert items[2] == ["Tiêu chí 3.5: trạng thái chuyển sang Đã hoàn thành"]
