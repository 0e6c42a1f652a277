"""Plain-text articles and briefs with a headline / dateline / byline convention.

The layout wire copy and think-tank pages are saved in::

    Headline
    10:44 AM EDT, March 25, 2024        <- dateline: publication date and time
    By Jane Doe, John Roe               <- byline (optional)
    20.500.12592/b2rbv89                <- identifier: handle, DOI or URL (optional)
    Kind: policy brief                  <- document kind (optional)

    Bottom Line                          <- a brief's summary bullets (optional)
      • ...
    Body paragraphs ...

    Authors / <names>                    <- trailer blocks (optional)
    Published in / <place>
    Source: PAP

Header lines are read until the first line that is none of these; the text
geopivot codes is the headline, the summary and the body, without the
metadata lines, with paragraphs separated by blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Identifier, Metadata
from .published import parse_published

HANDLE = re.compile(r"^(?:hdl:\s*|https?://hdl\.handle\.net/)?(\d+(?:\.\d+)+/[^\s/]+)$")
DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.I)
URL = re.compile(r"^https?://\S+$")
BYLINE = re.compile(r"^by\s+(.+)$", re.I)
KIND = re.compile(r"^kind:\s*(.+)$", re.I)
SOURCE = re.compile(r"^source:\s*(.+)$", re.I)
BULLET = re.compile(r"^\s*[•\-\*\u2022\u25aa\u25cf]\s+")
SUMMARY_HEADINGS = frozenset({"bottom line", "bottom line up front", "key takeaways", "summary", "key points"})
TRAILER_HEADINGS = {"authors": "authors", "author": "authors", "published in": "published_in"}
MAX_HEADING_WORDS = 8  # a short line followed by a capitalised one is a subheading, not a wrapped line
SENTENCE_END = re.compile(r"[.!?\"'”’:)]$")


@dataclass
class _Parts:
    title: str | None = None
    published: object = None
    authors: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    kind: str | None = None
    source: str | None = None
    summary: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)


def parse_text_document(raw: str, origin: str | None = None) -> tuple[str, Metadata]:
    """Split a plain-text document into the text to code and its metadata."""
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    parts = _Parts()
    body_start = _read_header(lines, parts)
    body_end = _read_trailer(lines, body_start, parts)
    body_lines = _read_summary(lines[body_start:body_end], parts)
    paragraphs = [p for p in [parts.title, *parts.summary, *_paragraphs(body_lines)] if p]
    published = parts.published
    meta = Metadata(
        title=parts.title,
        published=published.local if published else None,
        published_utc=published.utc if published else None,
        published_precision=published.precision if published else None,
        source=parts.source,
        authors=tuple(parts.authors),
        identifiers=tuple(parts.identifiers),
        kind=parts.kind or ("policy brief" if parts.summary else "article"),
        summary=tuple(parts.summary),
        origin=origin,
        extra=tuple(parts.extra),
    )
    return "\n\n".join(paragraphs), meta


def _read_header(lines: list[str], parts: _Parts) -> int:
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if parts.title is None:
            parts.title = text
        elif text == parts.title:
            continue
        elif not _header_field(text, parts):
            return index
    return len(lines)


def _header_field(text: str, parts: _Parts) -> bool:
    if match := DOI.match(text):
        parts.identifiers.append(Identifier("doi", match.group(1)))
    elif match := HANDLE.match(text):
        parts.identifiers.append(Identifier("handle", match.group(1)))
    elif URL.match(text):
        parts.identifiers.append(Identifier("url", text))
    elif match := BYLINE.match(text):
        parts.authors.extend(split_authors(match.group(1)))
    elif match := KIND.match(text):
        parts.kind = match.group(1).strip().lower()
    elif parts.published is None and (published := parse_published(text)) is not None:
        parts.published = published
    else:
        return False
    return True


def _read_trailer(lines: list[str], body_start: int, parts: _Parts) -> int:
    """Consume metadata blocks at the end; returns where the body ends."""
    end = len(lines)
    while end > body_start:
        while end > body_start and not lines[end - 1].strip():
            end -= 1
        if end <= body_start:
            break
        last = lines[end - 1].strip()
        if match := SOURCE.match(last):
            parts.source = match.group(1).strip()
            end -= 1
            continue
        heading_at = _previous_nonblank(lines, end - 1, body_start)
        heading = lines[heading_at].strip().lower() if heading_at is not None else ""
        if heading in TRAILER_HEADINGS and len(last.split()) <= 20:
            if TRAILER_HEADINGS[heading] == "authors":
                parts.authors.extend(a for a in split_authors(last) if a not in parts.authors)
            else:
                parts.extra.append((TRAILER_HEADINGS[heading], last))
            end = heading_at
            continue
        break
    return end


def _previous_nonblank(lines: list[str], index: int, floor: int) -> int | None:
    index -= 1
    while index >= floor:
        if lines[index].strip():
            return index
        index -= 1
    return None


def _read_summary(lines: list[str], parts: _Parts) -> list[str]:
    """Take a summary heading and its bullets off the top of the body."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip().lower() not in SUMMARY_HEADINGS:
        return lines
    index = first + 1
    while index < len(lines) and (BULLET.match(lines[index]) or not lines[index].strip()):
        if lines[index].strip():
            parts.summary.append(BULLET.sub("", lines[index]).strip())
        index += 1
    return lines[index:]


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines split paragraphs; a line ending a sentence also ends one; wrapped lines are joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(text)
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        heading = len(text.split()) <= MAX_HEADING_WORDS and not following[:1].islower()
        if SENTENCE_END.search(text) or heading:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def split_authors(text: str) -> list[str]:
    names = re.split(r",\s*|\s+and\s+|\s*;\s*|\s*&\s*", text.strip())
    return [n.strip() for n in names if n.strip()]
