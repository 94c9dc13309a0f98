"""The JSON meeting file: a documented, versioned interchange format (pure Python).

``to_document(directory, meetings) -> dict`` and ``from_document(doc) ->
(Directory, list[Meeting])``; the format is described for people in
``docs/meeting-file.md`` and for machines in
``lmcdesk/schemas/meeting-file.v1.schema.json``.  No SQLAlchemy, no Qt.

Modules: ``spec`` (one table of every record's fields), ``schema`` (the JSON
Schema built from it), ``encode``, ``problems`` (schema layer and messages),
``decode`` (meaning layer).
"""

from .decode import from_document
from .encode import to_document
from .problems import MAX_LISTED, MeetingFileInvalid, schema_problems
from .schema import FORMAT, VERSION, build_schema, load_schema

__all__ = [
    "FORMAT",
    "MAX_LISTED",
    "VERSION",
    "MeetingFileInvalid",
    "build_schema",
    "from_document",
    "load_schema",
    "schema_problems",
    "to_document",
]
