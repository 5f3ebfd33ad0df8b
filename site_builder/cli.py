"""The site-builder command line."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from .authoring.newplan import create_plan
from .authoring.newplan import report as new_plan_report
from .check.assemble import load_project
from .check.report import append_summary, format_github, format_json, format_summary, format_text
from .errors import SiteBuilderError
from .model.plan import plan_json_schema, school_json_schema
from .model.project import Project
from .runtime import fewer_collections


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.root).resolve()
    only = [Path(p).resolve() for p in getattr(args, "paths", []) or []]
    return load_project(root, only or None)


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    if args.format == "github":
        output = format_github(project.findings)
    elif args.format == "json":
        output = format_json(project.findings)
    else:
        output = format_text(project.findings)
    if output:
        print(output)
    if args.format == "text":
        print(format_summary(project.findings, project.files), file=sys.stderr)
    if args.summary:
        append_summary(Path(args.summary), project.findings, project.files)
    return 1 if project.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.reference:
        from .web.fieldref import field_reference_markdown

        print(field_reference_markdown(), end="")
        return 0
    schema = school_json_schema() if args.school else plan_json_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    plan = create_plan(root, args.school, args.year, args.form)
    print(new_plan_report(plan, root))
    return 0


def cmd_new_school(args: argparse.Namespace) -> int:
    from .authoring import newschool

    root = Path(args.root).resolve()
    details = {key: getattr(args, key) for key in newschool.FIELDS}
    if sys.stdin.isatty():
        if all(value is None for value in details.values()):
            print(f"Thông tin trường mới “{args.slug}” (Enter để bỏ qua mục không bắt buộc):")
            newschool.ask_missing(details, input)
        else:
            newschool.ask_missing(details, input, keys=newschool.REQUIRED)
    made = newschool.create_school(root, args.slug, details)
    print(newschool.report(made, root))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Regenerate the generated guide files kept in docs/ (tests fail when they are out of date)."""
    from .authoring.blankplan import write_templates
    from .source.catalogue import load_catalogue
    from .web.fieldref import PAGE, field_reference_markdown

    root = Path(args.root).resolve()
    docs = root / "docs"
    (docs / PAGE).parent.mkdir(parents=True, exist_ok=True)
    (docs / PAGE).write_text(field_reference_markdown(), encoding="utf-8")
    written = [docs / PAGE, *write_templates(docs, load_catalogue(root))]
    for path in written:
        print(f"đã ghi: {path.relative_to(root).as_posix()}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .authoring.importplan import import_plan
    from .authoring.importplan import report as import_report

    root = Path(args.root).resolve()
    result = import_plan(root, Path(args.file), args.school, args.year, force=args.force)
    print(import_report(result, root))
    return 1 if any(f.severity.value == "error" for f in result.findings) else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .docx.render import export_plan

    root = Path(args.root).resolve()
    written = export_plan(root, Path(args.plan), Path(args.output) if args.output else None)
    print(f"Đã xuất bản Word: {written}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .config import placeholder_notice, site_url
    from .publish.build import build_site
    from .publish.progress import Progress

    root = Path(args.root).resolve()
    notice = placeholder_notice(site_url(root))
    if notice:
        print(notice, file=sys.stderr)
    result = build_site(root, Path(args.build_dir) if args.build_dir else None,
                        Path(args.site_dir) if args.site_dir else None, pdf=not args.no_pdf,
                        progress=Progress(), generator=args.generator)
    print(f"Đã tạo {result.pages} trang và {len(result.pdfs)} bản PDF vào {result.site_dir} "
          f"trong {result.seconds:.1f} giây.")
    if result.pdf:
        print(f"Phông chữ của bản PDF: {result.pdf.typeface}.")
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from .config import placeholder_notice, site_url
    from .pdf.render import RenderOptions, build_pdfs
    from .pdf.shard import parse_shard

    shard = parse_shard(args.shard) if args.shard is not None else None
    project = _project(args)
    if project.errors:
        print(format_text(project.errors), file=sys.stderr)
    notice = placeholder_notice(site_url(project.root))
    if notice:
        print(notice, file=sys.stderr)
    options = RenderOptions(tagged=args.tagged, variant=args.variant)
    result = build_pdfs(project, Path(args.out).resolve(), site_url(project.root), jobs=args.jobs, options=options,
                        shard=shard)
    for rel, path in sorted(result.paths.items()):
        print(f"{'đã tạo' if rel in result.rendered else 'bộ đệm'}: {path}")
    if args.export_cache:
        export_cache(result.cache_files.values(), Path(args.export_cache))
    part = f" (phần {shard} theo --shard)" if shard else ""
    print(f"{len(result.paths)} bản PDF{part}: tạo mới {result.render_count}, lấy từ bộ đệm {len(result.cached)}, "
          f"{result.seconds:.1f} giây. Phông chữ: {result.typeface}.", file=sys.stderr)
    return 1 if project.errors else 0


def export_cache(files: Iterable[Path], folder: Path) -> None:
    """Copy this run's PDF cache entries (named by their cache key) into folder: a shard's share, which the
    machine that builds the site puts into its own PDF cache (it then renders none of them)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in files:
        shutil.copyfile(source, folder / source.name)


def cmd_linkcheck(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from .config import site_url
    from .publish.linkcheck import check_site, compare, format_comparison, format_report

    base_path = urlsplit(site_url(Path(args.root).resolve())).path
    site = Path(args.site)
    report = check_site(site, base_path)
    text = format_report(report, str(site))
    failed = bool(report.broken)
    if args.compare:
        other = check_site(Path(args.compare), base_path)
        comparison = compare(other, report)
        text = format_report(other, args.compare) + "\n" + text + "\n" + format_comparison(
            comparison, args.compare, str(site))
        failed = failed or bool(other.broken) or not comparison.same
    print(text)
    if args.summary:
        with Path(args.summary).open("a", encoding="utf-8") as handle:
            handle.write("## Kiểm tra liên kết\n\n" + text)
    return 1 if failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .publish.serve import serve

    return serve(Path(args.root).resolve(), host=args.host, port=args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder", description="Kế hoạch cải tiến chất lượng: kiểm tra và xuất bản."
    )
    parser.add_argument("--root", default=".", help="thư mục gốc của kho (mặc định: thư mục hiện tại)")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="kiểm tra mọi kế hoạch và tệp school.yml")
    check.add_argument("paths", nargs="*", help="chỉ kiểm tra các thư mục/tệp này")
    check.add_argument("--format", choices=["text", "github", "json"], default="text")
    check.add_argument("--summary", metavar="TỆP", help="ghi thêm báo cáo đầy đủ dạng Markdown vào tệp này "
                       "(ví dụ $GITHUB_STEP_SUMMARY)")
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="tạo kế hoạch năm học mới từ kế hoạch năm trước (trường chưa có kế hoạch "
                         "nào: kế hoạch trống theo bộ tiêu chuẩn của trường)")
    new.add_argument("school", help="mã trường (tên thư mục trong plans/), ví dụ th-quang-trung")
    new.add_argument("year", help="năm học mới, ví dụ 2025-2026")
    new.add_argument("--form", default=None, help="mẫu kế hoạch (mã trong catalogue/forms), ví dụ tt-2026; mặc định: "
                     "mẫu có hiệu lực đầu năm học mới")
    new.set_defaults(func=cmd_new)

    school = sub.add_parser("new-school", help="tạo thư mục và tệp school.yml cho một trường mới")
    school.add_argument("slug", help="mã trường: chữ thường không dấu, chữ số, dấu “-”, ví dụ mn-hoa-sen")
    school.add_argument("--name", help="tên chính thức, ví dụ “Trường Mầm non Hoa Sen”")
    school.add_argument("--short-name", dest="short_name", help="tên viết tắt trong số ký hiệu, ví dụ MNHS")
    school.add_argument("--level", help="cấp học: mầm non, tiểu học, THCS, THPT, nhiều cấp")
    school.add_argument("--governing-body", dest="governing_body", help="cơ quan chủ quản, ví dụ “UBND QUẬN 1”")
    school.add_argument("--address", help="địa chỉ: số nhà, đường")
    school.add_argument("--commune", help="xã / phường / thị trấn")
    school.add_argument("--district", help="quận / huyện")
    school.add_argument("--province", help="tỉnh / thành phố")
    school.add_argument("--website", help="trang thông tin điện tử (https://…)")
    school.add_argument("--framework", help="bộ tiêu chuẩn (mặc định: bộ của cấp học trong danh mục)")
    school.set_defaults(func=cmd_new_school)

    imp = sub.add_parser("import", help="nhập kế hoạch từ tệp Word (.docx) hoặc PDF có chữ")
    imp.add_argument("file", help="tệp .docx hoặc .pdf của nhà trường")
    imp.add_argument("--school", required=True, help="mã trường (tên thư mục trong plans/), ví dụ th-quang-trung")
    imp.add_argument("--year", help="năm học, ví dụ 2024-2025 (mặc định: đọc từ văn bản)")
    imp.add_argument("--force", action="store_true", help="ghi đè kế hoạch đã có")
    imp.set_defaults(func=cmd_import)

    export = sub.add_parser("export", help="xuất một kế hoạch ra tệp Word (.docx) theo thể thức Nghị định 30/2020")
    export.add_argument("plan", help="tệp kế hoạch, ví dụ plans/th-quang-trung/2024-2025.md")
    export.add_argument("--docx", action="store_true", required=True, help="xuất dạng Word (.docx)")
    export.add_argument("-o", "--output", help="tệp kết quả (mặc định: <mã trường>-<năm học>.docx)")
    export.set_defaults(func=cmd_export)

    build = sub.add_parser("build", help="tạo trang web (site/) từ plans/, catalogue/ và docs/")
    build.add_argument("--build-dir", help="thư mục trung gian (mặc định: build/)")
    build.add_argument("--site-dir", help="thư mục kết quả (mặc định: site/)")
    build.add_argument("--no-pdf", action="store_true", help="không tạo bản PDF")
    build.add_argument("--generator", choices=["mkdocs", "zensical"], default=None,
                       help="trình dựng trang (mặc định: biến môi trường SITE_GENERATOR, nếu không có thì mkdocs)")
    build.set_defaults(func=cmd_build)

    linkcheck = sub.add_parser("linkcheck", help="kiểm tra mọi liên kết (href, src) của trang đã dựng")
    linkcheck.add_argument("site", nargs="?", default="site", help="thư mục trang đã dựng (mặc định: site/)")
    linkcheck.add_argument("--compare", metavar="THƯ_MỤC", help="so với một bản dựng khác của cùng trang "
                           "(danh sách trang, liên kết của từng trang)")
    linkcheck.add_argument("--summary", metavar="TỆP", help="ghi thêm báo cáo Markdown vào tệp này "
                           "(ví dụ $GITHUB_STEP_SUMMARY)")
    linkcheck.set_defaults(func=cmd_linkcheck)

    pdf = sub.add_parser("pdf", help="tạo bản PDF chính thức của mọi kế hoạch (Nghị định 30/2020)")
    pdf.add_argument("--out", default="site", help="thư mục kết quả (mặc định: site/); PDF nằm ở "
                     "truong/<mã trường>/<năm học>/")
    pdf.add_argument("--jobs", type=int, default=None, help="số tiến trình song song (mặc định: số CPU)")
    pdf.add_argument("--tagged", action=argparse.BooleanOptionalAction, default=True,
                     help="PDF có gắn thẻ cho trình đọc màn hình (mặc định: có; --no-tagged để tắt)")
    pdf.add_argument("--shard", metavar="i/n", help="chỉ tạo phần thứ i trong n phần bằng nhau của các bản PDF "
                     "(chia theo mã băm đường dẫn kế hoạch, ổn định giữa các lần chạy), ví dụ 1/3")
    pdf.add_argument("--export-cache", metavar="THƯ_MỤC", help="chép các bản PDF của lần chạy này, đặt tên theo "
                     "khóa bộ đệm, vào thư mục này (để ghép các phần --shard vào bộ đệm .cache/pdf của máy dựng trang)")
    pdf.add_argument("--variant", default=None, help="thử nghiệm: biến thể PDF của WeasyPrint, ví dụ pdf/ua-1")
    pdf.set_defaults(func=cmd_pdf)

    serve = sub.add_parser("serve", help="xem trước trang web, tự tạo lại khi kế hoạch thay đổi")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    docs = sub.add_parser("docs", help="tạo lại các tệp hướng dẫn sinh tự động trong docs/ (trang ý nghĩa các "
                          "trường dữ liệu, kế hoạch trống theo từng bộ tiêu chuẩn)")
    docs.set_defaults(func=cmd_docs)

    schema = sub.add_parser("schema", help="in JSON Schema của phần thông tin kế hoạch")
    schema.add_argument("--school", action="store_true", help="JSON Schema của school.yml")
    schema.add_argument("--reference", action="store_true",
                        help="in trang “Ý nghĩa các trường dữ liệu” (Markdown), nội dung của "
                        "docs/huong-dan/truong-du-lieu.md")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; every SiteBuilderError is caught here, printed in Vietnamese, exit code 1."""
    args = build_parser().parse_args(argv)
    try:
        with fewer_collections():
            return int(args.func(args))
    except SiteBuilderError as err:
        print(f"lỗi: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
