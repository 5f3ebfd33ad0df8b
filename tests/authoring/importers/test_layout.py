"""Header, căn cứ, Nơi nhận and signer of the Nghị định 30/2020 layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.authoring.importers.document import Cell, Para, Row, Run, Table
from site_builder.authoring.importers.layout import find_bases, find_foot, is_basis, legal_ref, parse_header
from site_builder.source.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[3]


def p(text: str, align: str | None = None) -> Para:
    return Para([Run(text)], align=align)  # type: ignore[arg-type]


def test_header_from_a_two_column_table() -> None:
    header_table = Table([Row([Cell([p("UBND QUẬN NGÔ QUYỀN"), p("TRƯỜNG TIỂU HỌC QUANG"), p("TRUNG")]),
                               Cell([p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc")])]),
                          Row([Cell([p("Số: 32/KHCTCL-THQT")]), Cell([p("Vạn Mỹ, ngày 10 tháng 10 năm 2024")])])])
    header = parse_header([header_table, p("KẾ HOẠCH"), p("Cải tiến chất lượng năm học 2024- 2025", "center"),
                           p("Căn cứ Thông tư số 17/2018/TT-BGDĐT …")])
    assert (header.governing_body, header.school) == ("UBND QUẬN NGÔ QUYỀN", "TRƯỜNG TIỂU HỌC QUANG TRUNG")
    assert (header.number, header.place, header.date) == ("32/KHCTCL-THQT", "Vạn Mỹ", dt.date(2024, 10, 10))
    assert header.title == "Cải tiến chất lượng năm học 2024- 2025" and header.body_start == 3


def test_header_from_tabbed_paragraphs_and_an_unnumbered_document() -> None:
    header = parse_header([p("PHÒNG GD&ĐT QUẬN 1\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                           p("TRƯỜNG MẦM NON 20/10\tĐộc lập - Tự do - Hạnh phúc"),
                           p("Số:      /KH-MN2010\tQuận 1, ngày … tháng … năm 2021"),
                           p("KẾ HOẠCH"), p("CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC"), p(""), p("Năm học 2021 – 2022"),
                           p("I. MỤC ĐÍCH, YÊU CẦU")])
    assert header.governing_body == "PHÒNG GD&ĐT QUẬN 1" and header.school == "TRƯỜNG MẦM NON 20/10"
    assert header.number is None and header.number_written == "Số:      /KH-MN2010"
    assert header.place == "Quận 1" and header.date is None
    assert header.title == "Cải tiến chất lượng giáo dục năm học 2021 – 2022"


def test_bases_and_their_catalogue_documents() -> None:
    documents = load_catalogue(ROOT).documents
    assert legal_ref("Căn cứ Thông tư số 19/2018/BGDĐT, ngày 22 tháng 08 năm 2018", documents) == "tt19-2018"
    assert legal_ref("Công văn số 5942/BGDDT-QLCL ngày 28 tháng 12 năm 2018", documents) == "cv5942-2018"
    assert legal_ref("Kế hoạch số 869/KH-GDĐT, ngày 28 tháng 9 năm 2021", documents) is None
    assert is_basis("- Căn cứ tình hình thực tiễn nhà trường;")
    assert not is_basis("Căn cứ xây dựng kế hoạch")
    blocks = [p("Đơn vị đã triển khai như:"), p("Thông tư số 19/2018/TT-BGDĐT …;"), p(""),
              p("Kế hoạch số 169/KH-MN2010 …"), p("4. Kết quả")]
    bases = find_bases(blocks, 0, len(blocks))
    assert bases is not None and (bases.start, bases.end, len(bases.paras)) == (1, 4, 2)


def test_foot_in_paragraphs_and_in_a_table() -> None:
    foot = find_foot([p("Trên đây là kế hoạch./."), p("Nơi nhận:"), p("- Phòng GDĐT (để b/c);"), p("- Lưu VT."),
                      p("KT. HIỆU TRƯỞNG"), p("PHÓ HIỆU TRƯỞNG"), p("(Đã ký)"), p("Trần Thị Thu Hà")], 0)
    assert foot is not None and foot.start == 1
    assert foot.recipients == ["Phòng GDĐT (để b/c);", "Lưu VT."]
    assert foot.signer == {"authority": "KT.", "position": "HIỆU TRƯỞNG", "deputy_position": "PHÓ HIỆU TRƯỞNG",
                           "name": "Trần Thị Thu Hà"}
    assert foot.skipped == ["(Đã ký)"]
    table = Table([Row([Cell([p("Nơi nhận:"), p("- Như trên;")]), Cell([p("HIỆU TRƯỞNG"), p("Nguyễn Văn A")])])])
    foot = find_foot([p("x"), table], 0)
    assert foot is not None and foot.recipients == ["Như trên;"]
    assert foot.signer == {"position": "HIỆU TRƯỞNG", "name": "Nguyễn Văn A"}
