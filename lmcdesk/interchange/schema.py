"""The JSON Schema (Draft 2020-12) of the meeting file, built from ``spec``.

The shipped file ``lmcdesk/schemas/meeting-file.v1.schema.json`` (and its copy
``docs/meeting-file.schema.json``) is the output of :func:`build_schema`; a
test keeps them identical, so edit ``spec.py`` and run
``python -m lmcdesk.interchange.schema`` to rewrite both.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .spec import RECORDS, TOP_LEVEL, F

FORMAT = "lmcdesk-meeting-file"
VERSION = 1
SCHEMA_ID = "https://lmcdesk.example/schemas/meeting-file.v1.schema.json"

ID_PATTERN = r"\S"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
FRACTION_PATTERN = r"^[0-9]+/[0-9]+$"
SHA256_PATTERN = r"^([0-9a-f]{64})?$"

#: Plain words for each pattern, used when a value does not match.
PATTERN_WORDS = {
    ID_PATTERN: "must be an id with at least one letter or digit",
    DATE_PATTERN: "must be a date written YYYY-MM-DD, e.g. \"2026-03-12\"",
    TIME_PATTERN: "must be a time written HH:MM on the 24-hour clock, e.g. \"14:05\"",
    DATETIME_PATTERN: "must be a date and time written YYYY-MM-DDTHH:MM:SS, e.g. \"2026-03-12T19:30:00\"",
    FRACTION_PATTERN: "must be a fraction written like \"1/2\" or \"2/3\"",
    SHA256_PATTERN: "must be 64 lower-case hexadecimal characters (a SHA-256), or empty",
}


def _types(base: str, nullable: bool) -> str | list[str]:
    return [base, "null"] if nullable else base


def _field_schema(f: F) -> dict:
    s: dict
    if f.kind == "id":
        s = {"type": _types("string", f.nullable), "minLength": 1, "maxLength": 200, "pattern": ID_PATTERN}
    elif f.kind == "text":
        s = {"type": "string"}
    elif f.kind == "count":
        s = {"type": _types("integer", f.nullable), "minimum": 0}
    elif f.kind == "positive":
        s = {"type": "integer", "minimum": 1}
    elif f.kind == "bool":
        s = {"type": "boolean"}
    elif f.kind == "date":
        s = {"type": _types("string", f.nullable), "pattern": DATE_PATTERN, "format": "date"}
    elif f.kind == "time":
        s = {"type": _types("string", f.nullable), "pattern": TIME_PATTERN}
    elif f.kind == "datetime":
        s = {"type": "string", "pattern": DATETIME_PATTERN}
    elif f.kind == "sha256":
        s = {"type": "string", "pattern": SHA256_PATTERN}
    elif f.kind == "enum":
        assert f.enum is not None
        values: list = [m.value for m in f.enum]
        if f.nullable:
            values.append(None)
        s = {"enum": values}
    elif f.kind == "quorum":
        s = {
            "type": ["object", "null"],
            "title": "quorum",
            "properties": {
                "minimum": {"type": "integer", "minimum": 1,
                            "description": "At least this many voting members."},
                "fraction": {"type": "string", "pattern": FRACTION_PATTERN,
                             "description": "At least this fraction of the voting members, rounded up."},
                "withdrawn_count": {"type": "boolean",
                                    "description": "Do members who withdrew for a conflict still count? (default false)"},
            },
            "patternProperties": {"^_": {}},
            "additionalProperties": False,
        }
    elif f.kind == "list":
        s = {"type": "array", "items": {"$ref": f"#/$defs/{f.record}"}}
    elif f.kind == "refs":
        s = {"type": "array",
             "items": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": ID_PATTERN}}
    else:  # pragma: no cover - a mistake in spec.py
        raise ValueError(f"unknown field kind {f.kind!r}")
    if f.doc:
        s = {"description": f.doc, **s}
    return s


def build_schema() -> dict:
    defs = {}
    for name, rec in RECORDS.items():
        defs[name] = {
            "title": name,
            "description": rec.doc,
            "type": "object",
            "properties": {f.name: _field_schema(f) for f in rec.fields},
            "required": [f.name for f in rec.fields if f.required],
            "patternProperties": {"^_": {}},
            "additionalProperties": False,
        }
    props: dict = {
        "format": {"const": FORMAT, "description": "Always \"lmcdesk-meeting-file\"."},
        "version": {"const": VERSION, "description": "The version of this format: 1."},
        "exported_at": {"type": "string", "pattern": DATETIME_PATTERN,
                        "description": "When the file was written (informative only)."},
    }
    for key, rec in TOP_LEVEL:
        props[key] = {"type": "array", "items": {"$ref": f"#/$defs/{rec}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "LMC Desk meeting file, version 1",
        "description": "Bodies, people, registers and meetings; see docs/meeting-file.md. "
                       "Fields whose names begin with an underscore are ignored (use them for notes).",
        "type": "object",
        "properties": props,
        "required": ["format", "version"],
        "patternProperties": {"^_": {}},
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def load_schema() -> dict:
    """The shipped schema (package data)."""
    text = resources.files("lmcdesk").joinpath("schemas/meeting-file.v1.schema.json").read_text("utf-8")
    return json.loads(text)


def _write_files() -> None:  # pragma: no cover - developer tool
    root = Path(__file__).resolve().parents[2]
    text = schema_text()
    for path in (root / "lmcdesk/schemas/meeting-file.v1.schema.json", root / "docs/meeting-file.schema.json"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    _write_files()
