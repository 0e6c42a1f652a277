"""JSONL and CSV: one document per line or row, with text and metadata columns.

Column names are matched case-insensitively against the aliases below, so
WCEP (`text`, `date`, `sources`, `id`, `topics`), Wikinews (`url`, `date`,
`title`, `text`) and most scraped exports load without a mapping.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from ..errors import InputError, MalformedRecordError
from ..model import Identifier, Metadata
from .published import parse_published
from .textfile import split_authors

COLUMNS = {
    "text": ("text", "body", "content", "article", "full_text", "sentence"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "pubdate", "published_at", "datetime", "timestamp"),
    "source": ("source", "sources", "outlet", "publisher", "sitename", "site", "media"),
    "authors": ("authors", "author", "byline"),
    "url": ("url", "link", "source_url"),
    "id": ("id", "doc_id", "document_id", "guid"),
    "doi": ("doi",),
    "handle": ("handle",),
    "language": ("language", "lang"),
    "kind": ("kind", "type", "doc_type"),
}
# CSV fields may hold whole articles; Python's default field limit (128 KiB) is too small for them.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


class Row:
    """One JSONL line or CSV row that has been read, or the error it raised."""

    __slots__ = ("origin", "record", "error")

    def __init__(self, origin: str, record: tuple[str, Metadata] | None = None, error: InputError | None = None):
        self.origin, self.record, self.error = origin, record, error


def iter_jsonl(text: str, origin: str) -> Iterator[Row]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Row(where, error=MalformedRecordError(
                where, f"is not valid JSON ({err.msg} at column {err.colno}). Fix or delete the line; "
                "the other lines were ingested."))
            continue
        if not isinstance(obj, dict):
            yield Row(where, error=MalformedRecordError(
                where, f"is a JSON {type(obj).__name__}, not an object. Each line must be one "
                "object with a text field."))
            continue
        yield row_from_object(obj, where)


def iter_csv(text: str, origin: str) -> Iterator[Row]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    dialect = csv.excel_tab if origin.lower().endswith(".tsv") else csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            if None in row:
                yield Row(where, error=MalformedRecordError(
                    where, f"has {len(row) - 1 + len(row[None])} fields but the header has "
                    f"{len(reader.fieldnames)}. Quote fields that contain the delimiter."))
                continue
            yield row_from_object(row, where)
    except csv.Error as err:
        yield Row(f"{origin}:{reader.line_num}", error=MalformedRecordError(
            f"{origin}:{reader.line_num}", f"cannot be parsed as CSV ({err}); rows after it were not read. "
            "Check the quoting, then ingest the file again (rows already stored are not duplicated)."))


def row_from_object(obj: dict, where: str) -> Row:
    fields = {str(k).strip().lower(): v for k, v in obj.items()}
    text = _get(fields, "text")
    if not isinstance(text, str) or not text.strip():
        names = ", ".join(sorted(fields)) or "none"
        return Row(where, error=MalformedRecordError(
            where, f"has no text. Looked for a column named one of {', '.join(COLUMNS['text'])}; "
            f"found columns: {names}."))
    return Row(where, record=(text.strip(), _metadata(fields, where)))


def _get(fields: dict, key: str):
    for name in COLUMNS[key]:
        value = fields.get(name)
        if value not in (None, "", []):
            return value
    return None


def _metadata(fields: dict, where: str) -> Metadata:
    date = _get(fields, "date")
    published = parse_published(str(date), strict=False) if date is not None else None
    identifiers = []
    for scheme in ("doi", "handle", "url"):
        if (value := _get(fields, scheme)) is not None:
            identifiers.append(Identifier(scheme, str(value)))
    if (value := _get(fields, "id")) is not None:
        identifiers.append(Identifier("id", str(value)))
    source = _get(fields, "source")
    authors = _get(fields, "authors")
    extra = tuple(
        (k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
        for k, v in fields.items()
        if k in ("topics", "category", "page") and v not in (None, "", [])
    )
    return Metadata(
        title=_as_text(_get(fields, "title")),
        published=published.local if published else None,
        published_utc=published.utc if published else None,
        published_precision=published.precision if published else None,
        source="; ".join(map(str, source)) if isinstance(source, list) else _as_text(source),
        authors=tuple(authors) if isinstance(authors, list) else tuple(split_authors(str(authors))) if authors else (),
        identifiers=tuple(identifiers),
        kind=_as_text(_get(fields, "kind")) or "article",
        language=_as_text(_get(fields, "language")),
        origin=where,
        extra=extra,
    )


def _as_text(value) -> str | None:
    return None if value is None else str(value).strip() or None
