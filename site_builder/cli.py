"""The site-builder command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .diagnostics import format_github, format_json, format_summary, format_text
from .model import plan_json_schema, school_json_schema
from .structure import Project
from .validate import load_project


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
    return 1 if project.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    schema = school_json_schema() if args.school else plan_json_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Kế hoạch cải tiến chất lượng: kiểm tra và xuất bản.")
    parser.add_argument("--root", default=".", help="thư mục gốc của kho (mặc định: thư mục hiện tại)")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="kiểm tra mọi kế hoạch và tệp school.yml")
    check.add_argument("paths", nargs="*", help="chỉ kiểm tra các thư mục/tệp này")
    check.add_argument("--format", choices=["text", "github", "json"], default="text")
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="in JSON Schema của phần thông tin kế hoạch")
    schema.add_argument("--school", action="store_true", help="JSON Schema của school.yml")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
