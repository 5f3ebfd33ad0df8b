"""Benchmark (not a test): loading the example plans' front matter, and `check` on the repository.

    .venv/bin/python benchmarks/yaml_load.py

Issue 12 asks for loading and validating at most 5 ms a plan. Measured on the same machine
before the loader moved to libyaml's event parser (ruamel.yaml round-trip loader): 33 ms a plan
for the YAML alone, first pass and warm alike; after: about 2 ms.
"""

from __future__ import annotations

import time
from pathlib import Path

from site_builder.check.assemble import load_project
from site_builder.source.reader import split_front_matter
from site_builder.source.yamlsource import load_yaml

ROOT = Path(__file__).resolve().parent.parent
RUNS = 20


def front_matters() -> list[str]:
    texts = []
    for path in sorted((ROOT / "plans").glob("*/*.md")):
        split = split_front_matter(path.read_text(encoding="utf-8"), path.name, [])
        assert split is not None
        texts.append(split[0])
    return texts


def main() -> None:
    texts = front_matters()
    started = time.perf_counter()
    for text in texts:
        load_yaml(text, line_offset=1)
    first = (time.perf_counter() - started) / len(texts)
    started = time.perf_counter()
    for _ in range(RUNS):
        for text in texts:
            load_yaml(text, line_offset=1)
    warm = (time.perf_counter() - started) / RUNS / len(texts)
    print(f"YAML front matter, {len(texts)} plans: first pass {first * 1000:.2f} ms a plan, "
          f"warm {warm * 1000:.2f} ms a plan")
    started = time.perf_counter()
    project = load_project(ROOT)
    whole = time.perf_counter() - started
    print(f"load_project (read, check, history; {project.files} files): {whole * 1000:.0f} ms, "
          f"{whole * 1000 / max(1, len(project.plans)):.1f} ms a plan")


if __name__ == "__main__":
    main()
