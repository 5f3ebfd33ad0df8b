"""The site generators that turn <build>/docs into site/: MkDocs (the default) and Zensical.

Both read the same generated docs tree and a config written from the project's mkdocs.yml; the
differences live here and nowhere else:
- MkDocs: <build>/mkdocs.yml with absolute docs_dir and site_dir, `mkdocs build --strict`.
- Zensical: <build>/zensical.yml with docs_dir and site_dir inside the config's folder (it refuses
  anything else), the classic look of Material (`theme.variant: classic`; its default is "modern")
  and its own search off (Pagefind stays the search); it builds into <build>/site, which is then
  moved to the requested site_dir.
After either, a sitemap is written by us if the generator wrote none.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from ruamel.yaml import YAML

from .. import paths
from ..errors import BuildError
from ..parallel import worker_count

MKDOCS = "mkdocs"
ZENSICAL = "zensical"
GENERATORS = (MKDOCS, ZENSICAL)
GENERATOR_NAMES = {MKDOCS: "MkDocs", ZENSICAL: "Zensical"}
ZENSICAL_SITE = "site"  # Zensical's output folder inside the build folder
SHOWN_LOG_LINES = 30

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MKDOCS_MISSING = re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but the target '?([^' ]*)'? ?is not found")
MKDOCS_ANCHOR = re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but the doc '([^']+)' does not contain "
                           r"an anchor '#?([^']+)'")
ZENSICAL_WARNING = re.compile(r"Warning: (page does not exist|anchor does not exist)\s*╭─\[ ([^\]]+?) \]\s*"
                              r"(?:│\s*)?(\d+ │ .*)")


def check_generator(name: str) -> str:
    if name not in GENERATORS:
        raise BuildError(f"Không có trình dựng trang “{name}”; chọn một trong: {', '.join(GENERATORS)}.")
    if importlib.util.find_spec(name) is None:
        raise BuildError(f"Chưa cài {name}: chạy `.venv/bin/pip install -e '.[{name}]'` rồi dựng lại.")
    return name


def project_config(root: Path, url: str, nav: list[Any]) -> dict[str, Any]:
    """The project's mkdocs.yml with site_url, nav and the site-wide assets every page loads."""
    yaml = YAML(typ="rt")
    source = root / "mkdocs.yml"
    config = yaml.load(source.read_text(encoding="utf-8")) if source.exists() else {}
    config["site_url"] = url
    config["nav"] = nav
    for key, asset in (("extra_css", paths.STYLESHEET), ("extra_javascript", paths.SEARCH_JS),
                       ("extra_javascript", paths.SORT_JS)):
        listed = config.get(key) or []
        if asset not in listed:
            listed = [*listed, asset]
        config[key] = listed
    return config


def write_config(generator: str, root: Path, build_dir: Path, docs_dir: Path, site_dir: Path, url: str,
                 nav: list[Any], *, custom_dir: Path | None = None, extra: dict[str, Any] | None = None) -> Path:
    """Write the generator's config into build_dir; return its path. custom_dir: a theme override folder;
    extra: values for the config's `extra` (read by the theme override)."""
    config = project_config(root, url, nav)
    if custom_dir is not None:
        config.setdefault("theme", {"name": "material"})["custom_dir"] = str(custom_dir)
    if extra:
        config.setdefault("extra", {}).update(extra)
    if generator == ZENSICAL:
        if docs_dir.parent != build_dir:
            raise BuildError(f"Zensical cần thư mục docs nằm trong {build_dir}, không phải {docs_dir}.")
        config["docs_dir"] = docs_dir.name
        config["site_dir"] = ZENSICAL_SITE
        theme = config.get("theme") or {}
        theme["variant"] = "classic"
        config["theme"] = theme
        config["plugins"] = [{"search": {"enabled": False}}]
        target = build_dir / "zensical.yml"
    else:
        config["docs_dir"] = str(docs_dir)
        config["site_dir"] = str(site_dir)
        target = build_dir / "mkdocs.yml"
    build_dir.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        YAML(typ="rt").dump(config, handle)
    return target


def generator_command(generator: str, config: Path, *, dirty: bool = False, site_dir: Path | None = None) -> list[str]:
    """The generator's build command in strict mode (any warning, e.g. a link to a missing page, fails).
    dirty (MkDocs only): `--dirty` into a copy of the published site, rendering only pages whose source is newer
    (or, in a shard's environment, the shard's pages: mkdocs_dirty.py); site_dir (MkDocs): instead of the config's."""
    if generator == ZENSICAL:
        return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)]
    elsewhere = ["-d", str(site_dir)] if site_dir is not None else []
    if dirty:
        return [sys.executable, "-m", "site_builder.publish.mkdocs_dirty", "build", "--strict", "--dirty",
                "-f", str(config), *elsewhere]
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), *elsewhere]


GENERATOR_ENV = {"NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
SHARD_ENV = "SITE_BUILDER_MKDOCS_SHARD"  # "k/n": this MkDocs process is shard k of n (mkdocs_dirty.py)
PAGES_PER_SHARD = 300  # below this many pages a shard's start-up (settings, theme, every file listed) outweighs it


def mkdocs_shards(pages: int, cores: int | None = None) -> int:
    """How many MkDocs processes build a clean site of `pages` pages: one a core (at most SITE_BUILDER_WORKERS),
    at least PAGES_PER_SHARD pages each."""
    return worker_count(pages, PAGES_PER_SHARD, cores)


def run_generator(generator: str, config: Path, site_dir: Path, *, dirty: bool = False, shards: int = 1) -> str:
    """Build the site with the generator in strict mode; return its log (also kept as <build>/<generator>.log),
    or raise a BuildError that lists each broken link and the generator's warnings.
    shards (MkDocs, not dirty): that many MkDocs processes at once, each rendering its share (run_mkdocs_shards)."""
    if generator == MKDOCS and shards > 1 and not dirty:
        return run_mkdocs_shards(config, site_dir, shards)
    env = {**os.environ, **GENERATOR_ENV}
    command = generator_command(generator, config, dirty=dirty, site_dir=site_dir if generator == MKDOCS else None)
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=config.parent)
    log = _keep_log(generator, config, ANSI.sub("", done.stdout + done.stderr))
    if done.returncode != 0:
        raise BuildError(failure_message(generator, log) + f"\nNhật ký đầy đủ: {config.parent / f'{generator}.log'}.")
    if generator == ZENSICAL:
        _move(config.parent / ZENSICAL_SITE, site_dir)
    return log


def _keep_log(generator: str, config: Path, log: str) -> str:
    (config.parent / f"{generator}.log").write_text(log, encoding="utf-8")
    return log


def shard_dir(site_dir: Path, index: int) -> Path:
    """Where shard `index` writes: site_dir itself for the first, a sibling folder for the others."""
    return site_dir if index == 0 else site_dir.with_name(f"{site_dir.name}.mkdocs-{index}")


def run_mkdocs_shards(config: Path, site_dir: Path, shards: int) -> str:
    """A clean MkDocs build on `shards` processes at once (MkDocs renders on one core): each reads the whole
    docs tree and navigation and writes its share of the pages and files into its own folder
    (mkdocs_dirty.py), then the folders are merged into site_dir. Their log is kept as <build>/mkdocs.log."""
    folders = [shard_dir(site_dir, index) for index in range(shards)]
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    outputs = [config.parent / f"mkdocs-{index + 1}.log" for index in range(shards)]
    processes = []
    for index, (folder, output) in enumerate(zip(folders, outputs, strict=True)):
        with output.open("w", encoding="utf-8") as handle:  # a file, not a pipe: a long log never stalls a shard
            processes.append(subprocess.Popen(generator_command(MKDOCS, config, dirty=True, site_dir=folder),
                                              stdout=handle, stderr=subprocess.STDOUT, cwd=config.parent,
                                              env={**os.environ, **GENERATOR_ENV, SHARD_ENV: f"{index}/{shards}"}))
    for process in processes:
        process.wait()
    logs = [ANSI.sub("", output.read_text(encoding="utf-8", errors="replace")) for output in outputs]
    for output in outputs:
        output.unlink()
    log = _keep_log(MKDOCS, config, "".join(f"--- MkDocs {i + 1}/{shards}\n{text}" for i, text in enumerate(logs)))
    failed = [process.returncode for process in processes if process.returncode != 0]
    try:
        if failed:
            raise BuildError(failure_message(MKDOCS, log) + f"\nNhật ký đầy đủ: {config.parent / 'mkdocs.log'}.")
        for folder in folders[1:]:
            merge_into(folder, site_dir)
    finally:
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)
    return log


def merge_into(source: Path, target: Path) -> None:
    """Move source's files into target. A file both have (the theme's 404 page and sitemap, which every shard
    writes) keeps target's copy; two different pages at one path would be a bug, and stop the build."""
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(source)
        destination = target / rel
        if destination.exists():
            if destination.suffix == ".html" and destination.read_bytes() != path.read_bytes():
                raise BuildError(f"Hai tiến trình MkDocs viết hai nội dung khác nhau cho {rel.as_posix()}.")
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        path.rename(destination)


def failure_message(generator: str, log: str) -> str:
    """The generator's failure in Vietnamese: each broken link as 'page -> target', then its warnings and
    errors (no traceback)."""
    lines = [f"- trang {page} liên kết tới {target or link}, nhưng không có trang hay tệp đó"
             for page, link, target in MKDOCS_MISSING.findall(log)]
    lines += [f"- trang {page} liên kết tới {doc}#{anchor}, nhưng trang đó không có mục #{anchor}"
              for page, _link, doc, anchor in MKDOCS_ANCHOR.findall(log)]
    lines += [f"- {where}: {'liên kết tới trang không tồn tại' if kind.startswith('page') else 'mục không tồn tại'}"
              f" ({source.strip()})" for kind, where, source in ZENSICAL_WARNING.findall(log)]
    head = f"{generator} build --strict thất bại"
    if lines:
        head += f": {len(lines)} liên kết hỏng\n" + "\n".join(lines)
    return f"{head}\n{log_problems(log)}"


def log_problems(log: str) -> str:
    """What to show of a failed run: the generator's warnings and errors, or the last line of a crash."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    problems = [line for line in lines if line.startswith(("WARNING", "ERROR", "Error:", "Warning:", "╭─["))]
    problems += [line for line in lines if line.startswith("Aborted")]
    if not problems and lines:
        problems = [lines[-1]]
    shown = problems[:SHOWN_LOG_LINES]
    if len(problems) > SHOWN_LOG_LINES:
        shown.append(f"… và {len(problems) - SHOWN_LOG_LINES} dòng khác")
    return "\n".join(f"  {line}" for line in shown)


def _move(built: Path, site_dir: Path) -> None:
    if built.resolve() == site_dir.resolve():
        return
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(site_dir))


def ensure_sitemap(site_dir: Path, site_url: str) -> bool:
    """Write site_dir/sitemap.xml from the built pages when the generator wrote none; True if written."""
    target = site_dir / paths.SITEMAP
    if target.exists():
        return False
    urls = sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
    entries = "".join(
        f"  <url><loc>{xml_escape(paths.absolute(site_url, '' if u == '.' else u + '/'))}</loc></url>\n"
        for u in urls
    )
    target.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                      f"{entries}</urlset>\n", encoding="utf-8")
    return True
