"""PDF text through pypdf (it keeps two-column reading order), metadata from the document info."""

from __future__ import annotations

import io

from ..errors import EncryptedPdfError, NoTextError
from ..model import Metadata
from .published import parse_published
from .textfile import parse_text_document, split_authors


def parse_pdf(data: bytes, origin: str) -> tuple[str, Metadata]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _try_empty_password(reader):
            raise EncryptedPdfError(
                origin,
                "is encrypted with a password. Decrypt it first, e.g. "
                "`qpdf --password=PASSWORD --decrypt in.pdf out.pdf`, and ingest the copy.",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except PdfReadError as err:
        raise NoTextError(origin, f"is not a readable PDF ({err}). Re-export it from its source.") from None
    raw = "\n\n".join(p.strip() for p in pages if p.strip())
    if not raw.strip():
        raise NoTextError(
            origin,
            "has no text layer (a scanned or image-only PDF). Run OCR first, e.g. "
            "`ocrmypdf in.pdf out.pdf`, and ingest the result.",
        )
    text, meta = parse_text_document(raw, origin)
    return text, _with_pdf_info(meta, info)


def _try_empty_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - any failure means "needs a password"
        return False


def _with_pdf_info(meta: Metadata, info) -> Metadata:
    """Document-info fields win where present; the text convention fills the rest."""
    from dataclasses import replace

    title = (info.get("/Title") or "").strip() or meta.title
    authors = tuple(split_authors(info["/Author"])) if info.get("/Author") else meta.authors
    published = meta.published
    precision = meta.published_precision
    created = info.get("/CreationDate")
    if not published and created:
        parsed = _pdf_date(str(created))
        if parsed:
            published, precision = parsed, "day"
    return replace(meta, title=title, authors=authors, published=published, published_precision=precision)


def _pdf_date(value: str) -> str | None:
    digits = value.removeprefix("D:")[:8]
    if len(digits) == 8 and digits.isdigit():
        parsed = parse_published(f"{digits[:4]}-{digits[4:6]}-{digits[6:]}", strict=False)
        return parsed.local if parsed else None
    return None
