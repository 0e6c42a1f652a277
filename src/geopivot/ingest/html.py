"""HTML pages through trafilatura: main text, title, author, date and site name."""

from __future__ import annotations

from ..errors import NoTextError
from ..model import Identifier, Metadata
from .published import parse_published
from .textfile import split_authors


def parse_html(html: str, origin: str) -> tuple[str, Metadata]:
    import trafilatura  # heavy import kept off module import time

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    body = (data.get("text") or "").strip()
    if not body:
        raise NoTextError(
            origin,
            "no article text could be extracted from this HTML (broken markup, or a page whose "
            "text is filled in by JavaScript). Save the rendered page or its text as .txt and ingest that.",
        )
    title = (data.get("title") or "").strip() or None
    published = parse_published(data["date"], strict=False) if data.get("date") else None
    identifiers = (Identifier("url", data["url"]),) if data.get("url") else ()
    # Title and paragraphs are joined with blank lines so spaCy never fuses "United States\nNIAMEY".
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    text = "\n\n".join([title, *paragraphs] if title else paragraphs)
    meta = Metadata(
        title=title,
        published=published.local if published else None,
        published_utc=published.utc if published else None,
        published_precision=published.precision if published else None,
        source=(data.get("sitename") or data.get("hostname") or None),
        authors=tuple(split_authors(data["author"])) if data.get("author") else (),
        identifiers=identifiers,
        origin=origin,
    )
    return text, meta
