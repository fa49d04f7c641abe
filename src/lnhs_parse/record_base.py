"""What the plain records of a plan (`lnhs_parse.records`, generated) have in common: the `Record`
base (equality and a repr by field, `model_copy`), the box of floats the models make, and the
three ways out of a record: `to_data` (the model's `model_dump(mode="json")`), `to_json` (the
model's `to_json`, byte for byte) and `to_model` (validated into the pydantic model, which is
imported only then).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from lnhs_parse.codes import BBoxModel

if TYPE_CHECKING:
    from lnhs_parse import model

__all__ = ["Record", "float_box", "to_data", "to_json", "to_model"]


class Record:
    """What every record has: equality and a repr by field, a copy with fields changed. A
    record's `__slots__` are its model's fields, in the model's order (the JSON's)."""

    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, as the models are

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A shallow copy with the fields of `update` changed (the models' `model_copy`)."""
        new = object.__new__(type(self))
        for name in self.__slots__:
            object.__setattr__(new, name, getattr(self, name))
        for name, value in (update or {}).items():
            if name not in self.__slots__:
                raise AttributeError(f"{type(self).__name__} has no field {name!r}")
            object.__setattr__(new, name, value)
        return new


def float_box(box: BBoxModel) -> BBoxModel:
    """A box of floats, as the models make it of numbers of any kind."""
    return (float(box[0]), float(box[1]), float(box[2]), float(box[3]))


def to_data(record: Record) -> dict[str, Any]:
    """A record as the JSON data of its model (`model_dump(mode="json")`), fields in order."""
    return {name: _data(getattr(record, name)) for name in record.__slots__}


def _data(value: Any) -> Any:
    if isinstance(value, Record):
        return to_data(value)
    if isinstance(value, list | tuple):
        return [_data(v) for v in value]
    return value


def to_json(plan: Record, indent: int | None = 2) -> str:
    """A plan record as JSON text, as `lnhs_parse.model.Plan.to_json` writes the same plan
    (`indent=None`: one line, pydantic's compact separators)."""
    if indent is None:
        return json.dumps(to_data(plan), ensure_ascii=False, separators=(",", ":"))
    return json.dumps(to_data(plan), ensure_ascii=False, indent=indent)


def to_model(plan: Record) -> model.Plan:
    """A plan record validated into the pydantic model (`pydantic.ValidationError` when a field
    breaks a constraint of the model)."""
    from lnhs_parse.model import Plan

    return Plan.model_validate(to_data(plan))
