"""The pydantic models a plan or school.yml is made of, walked from the top (for tests that cover every field)."""

from __future__ import annotations

import typing

from pydantic import BaseModel


def leaves(annotation: typing.Any) -> list[typing.Any]:
    """The plain types inside an annotation (through Optional, Annotated, unions and lists)."""
    args = typing.get_args(annotation)
    return [leaf for arg in args for leaf in leaves(arg)] if args else [annotation]


Models = dict[str, type[BaseModel]]


def reachable_models(model: type[BaseModel], seen: Models | None = None) -> Models:
    """Every model reachable from model, by class name."""
    seen = {} if seen is None else seen
    seen[model.__name__] = model
    for info in model.model_fields.values():
        for leaf in leaves(info.annotation):
            if isinstance(leaf, type) and issubclass(leaf, BaseModel) and leaf.__name__ not in seen:
                reachable_models(leaf, seen)
    return seen
