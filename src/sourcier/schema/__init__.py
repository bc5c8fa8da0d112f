"""The published JSON Schema of ``sourcier.analysis/1``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "analysis-1.schema.json"


@lru_cache(maxsize=1)
def analysis_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every ``Analysis.to_dict()`` validates against."""
    return json.loads(resources.files("sourcier.schema").joinpath(SCHEMA_FILE).read_text("utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid analysis."""
    import jsonschema

    jsonschema.Draft202012Validator(analysis_schema()).validate(data)
