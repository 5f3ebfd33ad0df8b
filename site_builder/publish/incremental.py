"""Rebuilding after a small change: only what changed is written, and MkDocs renders only those pages.

- Generated pages are written into a fresh folder and then synced into <build>/docs: a file whose bytes
  did not change keeps its modification time, a changed one is rewritten, one no longer generated is
  removed (sync_tree).
- MkDocs' `--dirty` renders only the pages whose source is newer than their output. The staged site starts
  as a copy of the published one (modification times kept) when that is safe (reuse_previous): the same
  MkDocs settings, theme override and versions (the fingerprint, kept in <build>), and no page removed
  (a dirty build would leave the removed page's HTML). Otherwise the build is clean, as before. After a dirty
  build the site it replaced is kept in <build>/site.previous rather than deleted, and the next dirty build
  starts from it (a rename) instead of copying the published site (take_kept).
- The safety audit then reads only the files written after the copy (everything else was audited by the
  build that published it).
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FINGERPRINT_FILE = "mkdocs-fingerprint"
REGENERATED = "pagefind"  # the search bundles (pagefind/, pagefind-<i>/): search.py decides which to reuse
VERSIONED = ("mkdocs", "mkdocs-material")
KEPT_SITE = "site.previous"  # in <build>: the site a dirty build replaced, the next dirty build's starting point
KEPT_STATE = "site.previous.state"  # the fingerprint and site folder it is valid for


@dataclass
class Sync:
    """What sync_tree did, as paths relative to the target."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: int = 0
    reused: int = 0  # of the kept: plans' pages not rendered at all, taken from the last build (web.reuse)


def _same(first: Path, second: Path) -> bool:
    if not second.is_file():
        return False
    one, other = first.stat(), second.stat()
    if os.path.samestat(one, other):  # a page taken from the last build (web.reuse): the same file
        return True
    return one.st_size == other.st_size and filecmp.cmp(first, second, shallow=False)


def sync_tree(fresh: Path, target: Path) -> Sync:
    """Make target hold exactly fresh's files; files with the same bytes are left untouched (mtime kept), the
    others are moved from fresh (a rename, not a copy: fresh is a scratch folder on the same disk)."""
    sync = Sync()
    target.mkdir(parents=True, exist_ok=True)
    wanted: set[str] = set()
    for source in sorted(fresh.rglob("*")):
        if source.is_dir():
            continue
        rel = source.relative_to(fresh).as_posix()
        wanted.add(rel)
        destination = target / rel
        if _same(source, destination):
            sync.kept += 1
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, destination)
        sync.written.append(rel)
    for existing in sorted(target.rglob("*"), reverse=True):
        rel = existing.relative_to(target).as_posix()
        if existing.is_file() and rel not in wanted:
            existing.unlink()
            sync.removed.append(rel)
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return sync


def _package_versions() -> bytes:
    found = []
    for name in VERSIONED:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}==?")
    return "\n".join(found).encode()


def fingerprint(config: Path, theme_dir: Path, docs_dir: Path, nav_titled: list[Path],
                generator: str = "mkdocs") -> str:
    """What every MkDocs page depends on besides its own source: the settings, the theme override, the
    MkDocs and Material versions, and the pages whose titles appear in the navigation of every page."""
    sha = hashlib.sha256(_package_versions() + generator.encode())
    parts = [config, *sorted(p for p in theme_dir.rglob("*") if p.is_file()), *sorted(nav_titled)]
    for path in parts:
        sha.update(f"\0{path.relative_to(path.anchor)}\0".encode())
        sha.update(path.read_bytes() if path.is_file() else b"-")
    sha.update(str(docs_dir).encode())
    return sha.hexdigest()


def reuse_previous(published: Path, staged: Path, build_dir: Path, current: str, sync: Sync) -> bool:
    """Start the staged site as a copy of the published one when a dirty MkDocs build is safe; say so."""
    stored = build_dir / FINGERPRINT_FILE
    previous = stored.read_text(encoding="ascii").strip() if stored.is_file() else ""
    if sync.removed or previous != current or not published.is_dir():
        stored.unlink(missing_ok=True)  # a failed build after this must not look reusable
        return False
    if not take_kept(build_dir, staged, published, current):
        copy_site(published, staged)
    return True


def copy_site(published: Path, staged: Path) -> None:
    """published's files into staged, times kept, without the search bundles: by `cp -a` (1.0 s for the 324 MB
    of 1,000 plans, where shutil.copytree takes 1.9 s), or by shutil where cp is missing or fails."""
    staged.mkdir(parents=True, exist_ok=True)
    names = sorted(n for n in os.listdir(published) if not n.startswith(REGENERATED))
    cp = shutil.which("cp")
    if names and cp:
        done = subprocess.run([cp, "-a", "--", *(str(published / n) for n in names), str(staged)],
                              capture_output=True, check=False)
        if done.returncode == 0:
            return
    shutil.copytree(published, staged, copy_function=shutil.copy2, dirs_exist_ok=True,
                    ignore=lambda folder, found: [n for n in found if n.startswith(REGENERATED)]
                    if Path(folder) == published else [])


def take_kept(build_dir: Path, staged: Path, published: Path, current: str) -> bool:
    """Start the staged site from the site published before the current one (kept by the last build) instead
    of copying the current one (~3 s at 1,000 plans), when that is safe: the current site was made from the
    kept one by a dirty build with the same fingerprint. The kept site then holds no page the current one lacks
    (a removed page makes a clean build), and every page changed since is older than its source, so --dirty
    renders it again (tests/e2e/test_incremental_build.py compares the result with a clean build, file by file)."""
    kept, state = build_dir / KEPT_SITE, build_dir / KEPT_STATE
    try:
        usable = state.read_text(encoding="utf-8") == _kept_state(current, published) and kept.is_dir()
    except OSError:
        usable = False
    state.unlink(missing_ok=True)  # taken now or stale: never used twice
    if not usable:
        return False
    shutil.rmtree(staged, ignore_errors=True)
    kept.rename(staged)
    for bundle in staged.glob(REGENERATED + "*"):  # the search bundles are indexed or copied again (search.py)
        shutil.rmtree(bundle)
    return True


def _kept_state(current: str, published: Path) -> str:
    return f"{current}\n{published}\n"


def remember(build_dir: Path, current: str, *, kept: bool = False, published: Path | None = None) -> None:
    """Record the fingerprint of a site that was published (called only after a successful build); kept: the
    site it replaced was kept in <build>/site.previous by a dirty build (Staging.publish), for take_kept."""
    target = build_dir / FINGERPRINT_FILE
    partial = target.with_suffix(f".{os.getpid()}.part")
    partial.write_text(current + "\n", encoding="ascii")
    partial.replace(target)
    state = build_dir / KEPT_STATE
    if kept and published is not None and (build_dir / KEPT_SITE).is_dir():
        state.write_text(_kept_state(current, published), encoding="utf-8")
    else:
        state.unlink(missing_ok=True)
        shutil.rmtree(build_dir / KEPT_SITE, ignore_errors=True)
