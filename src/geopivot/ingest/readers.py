"""Which reader handles which input, and the walk over files and folders.

:func:`iter_records` yields, for every document found under the given paths,
either a :class:`Record` or the :class:`InputError` that stopped it. It never
raises for one bad input, so a batch always goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, MalformedRecordError, UnsupportedFormatError
from .decode import check_text, decode_text
from .html import parse_html
from .pdf import parse_pdf
from .records import Record
from .tabular import iter_csv, iter_jsonl, row_from_object
from .textfile import parse_text_document

TEXT_EXTENSIONS = (".txt", ".text", ".md")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
TABULAR_EXTENSIONS = (".jsonl", ".ndjson", ".csv", ".tsv")
SUPPORTED_EXTENSIONS = (*TEXT_EXTENSIONS, *HTML_EXTENSIONS, ".pdf", *TABULAR_EXTENSIONS)
SKIPPED_NAMES = frozenset({"README.md", "EXPECTED.md", "LICENSE.md", "LICENSE", ".DS_Store"})


def discover(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files under ``paths`` in a stable order; folders are walked, hidden files skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _hidden(child.relative_to(path)) and child.name not in SKIPPED_NAMES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "does not exist. Check the path (it is relative to the current folder).")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def iter_records(paths: Iterable[str | Path], max_chars: int) -> Iterator[Record | InputError]:
    for found in discover(paths):
        if isinstance(found, InputError):
            yield found
            continue
        try:
            yield from _read_file(found, max_chars)
        except InputError as err:
            yield err
        except OSError as err:
            yield InputError(str(found), f"cannot be read ({err.strerror}). Check its permissions.")


def iter_objects(objects: Iterable[object], origin: str, max_chars: int) -> Iterator[Record | InputError]:
    """Records from JSON objects sent by a client (the HTTP API), checked as rows of a JSONL file are;
    ``origin`` names the request, and each object is ``origin[i]``."""
    for index, obj in enumerate(objects):
        where = f"{origin}[{index}]"
        if not isinstance(obj, dict):
            yield MalformedRecordError(where, f"is a JSON {type(obj).__name__}, not an object with a text field")
            continue
        row = row_from_object(obj, where)
        if row.error is not None:
            yield row.error
            continue
        text, meta = row.record
        try:
            check_text(text, where, max_chars)
        except InputError as err:
            yield err
            continue
        yield Record(text, meta)


COMPRESSED = {".gz": "gzip"}


def _read_file(path: Path, max_chars: int) -> Iterator[Record | InputError]:
    origin = str(path)
    suffix = path.suffix.lower()
    compressed = suffix in COMPRESSED
    if compressed:  # "events.jsonl.gz": the format is the extension under the compression
        suffix = Path(path.stem).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFormatError(
            origin,
            f"has an unsupported extension {suffix or '(none)'!r}. geopivot reads "
            f"{', '.join(SUPPORTED_EXTENSIONS)} (also gzip-compressed, as .jsonl.gz); rename or convert the file.",
        )
    data = _gunzip(path, origin) if compressed else path.read_bytes()
    if suffix == ".pdf":
        text, meta = parse_pdf(data, origin)
        check_text(text, origin, max_chars)
        yield Record(text, meta)
        return
    # Tabular files hold many documents, so only each row is held to the document limit.
    text = decode_text(data, origin, max_chars if suffix not in TABULAR_EXTENSIONS else len(data) + 1)
    if suffix in TABULAR_EXTENSIONS:
        rows = iter_jsonl(text, origin) if suffix in (".jsonl", ".ndjson") else iter_csv(text, origin)
        for row in rows:
            if row.error is not None:
                yield row.error
                continue
            row_text, meta = row.record
            try:
                check_text(row_text, row.origin, max_chars)
            except InputError as err:
                yield err
                continue
            yield Record(row_text, meta)
        return
    parsed_text, meta = parse_html(text, origin) if suffix in HTML_EXTENSIONS else parse_text_document(text, origin)
    check_text(parsed_text, origin, max_chars)
    yield Record(parsed_text, replace(meta, origin=origin))


def _gunzip(path: Path, origin: str) -> bytes:
    import gzip
    import zlib

    try:
        return gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(origin, f"is not a readable gzip file ({err}). Re-download it or decompress it "
                                 "yourself and ingest the plain file.") from None
