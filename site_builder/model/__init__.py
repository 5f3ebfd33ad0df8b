"""The typed model: a plan (plan.py), the catalogue of the law (catalogue.py), git history of a file
(history.py) and the validated project that every renderer reads (project.py).

Takes nothing from the rest of the package (only paths and diagnostics); gives pydantic models,
their JSON Schema, and the Project / PlanDoc / SchoolDoc dataclasses."""
