"""Reader-facing labels shared by the view and the summary."""

from __future__ import annotations

from ..model.plan import Status

STATUS_LABELS = {
    Status.not_started: "Chưa thực hiện",
    Status.in_progress: "Đang thực hiện",
    Status.done: "Đã hoàn thành",
    None: "Chưa ghi tình trạng",
}
EXTRA_FIELD_LABELS = {
    "current_state": "Hiện trạng",
    "expected_result": "Kết quả cần đạt",
    "target": "Mức cần đạt",
    "self_assessment": "Tự đánh giá",
    "support": "Điều kiện hỗ trợ",
    "notes": "Ghi chú",
    "budget": "Dự kiến kinh phí",
    "timeline": "Thời gian",
    "lead": "Chủ trì",
    "partners": "Phối hợp",
    "status": "Tình trạng",
    "objective": "Mục tiêu",
    "resources": "Nguồn lực",
    "indicators": "Chỉ số",
    "evidence": "Minh chứng dự kiến",
    "problem": "Vấn đề",
}
