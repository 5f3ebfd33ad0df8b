"""Reading catalogue/ into the typed Catalogue (model.catalogue).

Takes the repository root; gives a Catalogue, or raises CatalogueError naming
file:line:column and, in Vietnamese, what is wrong. Adding a framework or a
circular is a new YAML file, not a code change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import CatalogueError, YamlSyntaxError
from ..model.catalogue import (
    Catalogue,
    Form,
    Framework,
    _AbbreviationsFile,
    _DisclosureFile,
    _DocumentsFile,
    _ReviewsFile,
)
from .files import CATALOGUE_MAX_BYTES, Kind, Refusal, kind, read_bounded
from .yamlsource import SourceMap, load_yaml

OPTIONAL_FILES: list[tuple[str, type[BaseModel]]] = [
    ("legal-documents.yml", _DocumentsFile),
    ("abbreviations.yml", _AbbreviationsFile),
    ("disclosure.yml", _DisclosureFile),
    ("progress-reviews.yml", _ReviewsFile),
]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read(path: Path, root: Path, model: type[BaseModel]) -> tuple[Any, SourceMap]:
    rel = _rel(path, root)
    raw = read_bounded(path, CATALOGUE_MAX_BYTES)
    if isinstance(raw, Refusal):
        raise CatalogueError(f"{raw.message} {raw.fix}", path=rel)
    try:
        data, source = load_yaml(raw.decode("utf-8-sig"))
    except YamlSyntaxError as err:
        raise CatalogueError(f"Tệp danh mục không đúng cú pháp YAML: {err.problem}.", path=rel,
                             line=err.line, column=err.column) from None
    except UnicodeDecodeError as err:
        raise CatalogueError(f"Không đọc được tệp danh mục ({err}).", path=rel) from None
    try:
        return model.model_validate(data), source
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        line, column = source.value(loc)
        where = ".".join(str(part) for part in loc) or "(gốc)"
        raise CatalogueError(
            f"Tệp danh mục không đúng lược đồ tại “{where}”: {first['msg']}. "
            "Sửa theo lược đồ trong catalogue/README.md.", path=rel, line=line, column=column) from None


def refuse_links(base: Path, root: Path) -> None:
    """Stop on any symbolic link under catalogue/: the law as data is read only from real files here."""
    if kind(base) is Kind.symlink:
        raise CatalogueError("Thư mục danh mục là liên kết tượng trưng (symlink); liên kết không được đọc.",
                             path=_rel(base, root))
    for folder, dirs, files in os.walk(base):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if kind(path) is Kind.symlink:
                raise CatalogueError("Đây là liên kết tượng trưng (symlink); danh mục chỉ đọc tệp thật trong kho. "
                                     "Xóa liên kết và đặt tệp thật vào đúng chỗ.", path=_rel(path, root))


def _read_folder(folder: Path, root: Path, model: type[Framework] | type[Form], what: str) -> dict[str, Any]:
    """Every <id>.yml of a folder, each id equal to its file name stem."""
    found: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yml")):
        item, source = _read(path, root, model)
        if item.id != path.stem:
            line, column = source.value(("id",))
            raise CatalogueError(
                f"Mã {what} “{item.id}” khác tên tệp “{path.name}”. "
                f"Đổi “id” thành “{path.stem}” hoặc đổi tên tệp thành “{item.id}.yml”.",
                path=_rel(path, root), line=line, column=column)
        found[item.id] = item
    return found


def load_catalogue(root: Path) -> Catalogue:
    """Read catalogue/ under root."""
    base = root / "catalogue"
    refuse_links(base, root)
    cat = Catalogue()
    cat.frameworks = _read_folder(base / "frameworks", root, Framework, "bộ tiêu chuẩn")
    cat.forms = _read_folder(base / "forms", root, Form, "mẫu kế hoạch")
    cat.files.extend(sorted((base / "frameworks").glob("*.yml")) + sorted((base / "forms").glob("*.yml")))
    for name, model in OPTIONAL_FILES:
        path = base / name
        if not path.exists():
            continue
        cat.files.append(path)
        parsed, _ = _read(path, root, model)
        if isinstance(parsed, _DocumentsFile):
            cat.documents = {d.id: d for d in parsed.documents}
        elif isinstance(parsed, _AbbreviationsFile):
            cat.abbreviations = list(parsed.abbreviations)
        elif isinstance(parsed, _DisclosureFile):
            cat.disclosure = list(parsed.rules)
        elif isinstance(parsed, _ReviewsFile):
            cat.review_checkpoints = list(parsed.checkpoints)
    return cat
