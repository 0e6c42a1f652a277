"""From bytes to text, refusing what is not text with a message that says what to do."""

from __future__ import annotations

from ..errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

# A text file has no NUL bytes; binary formats (images, archives, office files) nearly always do
# within their first few kilobytes.
BINARY_SNIFF_BYTES = 8192


def decode_text(data: bytes, origin: str, max_chars: int) -> str:
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BinaryInputError(
            origin,
            "looks like a binary file (it contains NUL bytes). geopivot reads .txt, .html, .pdf, "
            ".jsonl and .csv; convert the file to one of these first.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise EncodingError(
            origin,
            f"is not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r}). "
            "Re-encode it, e.g. `iconv -f windows-1252 -t utf-8 FILE > FILE.utf8.txt`, and ingest that.",
        ) from None
    check_text(text, origin, max_chars)
    return text


def check_text(text: str, origin: str, max_chars: int) -> None:
    if not text.strip():
        raise EmptyInputError(origin, "is empty (no text to code). Remove it or fill it.")
    if len(text) > max_chars:
        raise TooLargeError(
            origin,
            f"has {len(text):,} characters, more than max_document_chars={max_chars:,}. "
            "Split it into smaller documents (one article each), or raise GEOPIVOT_MAX_DOCUMENT_CHARS "
            "if you have the memory (about 1 GB per 100,000 characters).",
        )
