"""How to cite geopivot output: the software, the store it came from, the sources, the licences."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from ..store import SQLiteStore
from ..summary import summarize

TITLE = "geopivot: sourced, time-resolved political events and realignments from news and policy briefs"


@dataclass(frozen=True)
class Citation:
    version: str
    documents: int
    events: int
    first_published: str | None
    last_published: str | None

    @property
    def software(self) -> str:
        return f"The geopivot authors. geopivot (version {self.version}) [software]. MIT licence."

    @property
    def data(self) -> str:
        span = (f", published {self.first_published} to {self.last_published}"
                if self.first_published else "")
        return (f"Events machine-coded by geopivot {self.version} in PLOVER (with CAMEO codes) from "
                f"{self.documents} documents{span}: {self.events} event mentions.")

    @property
    def bibtex(self) -> str:
        return ("@software{geopivot,\n"
                "  author = {{The geopivot authors}},\n"
                f"  title = {{{TITLE}}},\n"
                f"  version = {{{self.version}}},\n"
                "  license = {MIT},\n"
                "}")

    def text(self) -> str:
        return "\n".join([
            "Cite the software:",
            f"  {self.software}",
            "Describe the data:",
            f"  {self.data}",
            "  The events are coded by rules and contain errors: report the coder's measured accuracy",
            "  (`geopivot evaluate`) with any count.",
            "Cite the sources:",
            "  Every event row carries the outlet (source), headline (title), publication date (published)",
            "  and origin of the document its sentence was read from. Cite each sentence you quote, or an",
            "  event you rely on, by its outlet and date, not by geopivot.",
            "Licences:",
            "  geopivot's code is MIT. Its PLOVER tables (geopivot/data/plover.json) derive from the PLOVER",
            "  manual (Open Event Data Alliance, CC BY-SA 4.0) and the CAMEO codebook.",
            "  Sentences in an export stay under their sources' terms: text from CC BY-SA sources (such as",
            "  Wikipedia's Current Events Portal) stays CC BY-SA, so attribute it and share alike; news",
            "  articles remain their publishers' copyright, so publish their sentences only as short",
            "  quotations, or leave the sentence column out.",
            "BibTeX:",
            self.bibtex,
        ])

    def as_dict(self) -> dict:
        return {"version": self.version, "documents": self.documents, "events": self.events,
                "first_published": self.first_published, "last_published": self.last_published,
                "software": self.software, "data": self.data, "bibtex": self.bibtex, "text": self.text()}


def geopivot_version() -> str:
    try:
        return metadata.version("geopivot")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        from .. import __version__

        return __version__


def citation(store: SQLiteStore) -> Citation:
    """How to cite what ``store`` holds."""
    summary = summarize(store, top=0)
    return Citation(geopivot_version(), summary.documents, summary.events, summary.first_date, summary.last_date)
