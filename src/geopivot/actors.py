"""Which country or organisation a name stands for.

:class:`ActorIndex` maps surface forms (names, aliases, demonyms, capitals,
metonyms such as "the Kremlin") to a code: ISO 3166 alpha-3 for states,
IGO/UNO/NGO/IMG/... for organisations. It is built from the tables shipped
in ``geopivot/data`` by :func:`load_actor_index`, or from any rows a caller
passes, so tests can use a small fictional world.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigurationError
from .model import Resolution
from .tables import data_table, file_table

NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO", "EUR"})


@dataclass(frozen=True)
class ActorEntry:
    """One surface form and what it resolves to. ``label`` is the spaCy entity label it gets."""

    surface: str
    code: str
    name: str
    label: str  # GPE, NORP or ORG
    sector: str | None = None
    country: str | None = None  # for an organisation based in one state; for states, the state


@dataclass(frozen=True)
class NameEra:
    """'Congo' meant the Republic of the Congo until May 1997, and mostly the DRC since."""

    text: str
    code: str
    since: str | None
    until: str | None

    def holds(self, date: str | None) -> bool:
        if date is None:
            return self.until is None
        return (self.since is None or date[:10] >= self.since) and (self.until is None or date[:10] < self.until)


class ActorIndex:
    def __init__(self, entries: Iterable[ActorEntry], sectors: dict[str, str] | None = None,
                 eras: Iterable[NameEra] = ()):
        self._eras: dict[str, list[NameEra]] = {}
        for era in eras:
            self._eras.setdefault(era.text, []).append(era)
        self._by_surface: dict[str, ActorEntry] = {}
        self._by_folded: dict[str, ActorEntry] = {}
        self._state_names: dict[str, str] = {}
        for entry in entries:
            if entry.country == entry.code and entry.label == "GPE" and entry.sector is None:
                self._state_names.setdefault(entry.code, entry.name)  # a state's own name, not a metonym
            # first entry wins: country names outrank demonyms and capitals with the same spelling
            self._by_surface.setdefault(entry.surface, entry)
            self._by_folded.setdefault(_fold(entry.surface), entry)
        self.sectors = dict(sectors or {})

    def __len__(self) -> int:
        return len(self._by_surface)

    def entries(self) -> Iterator[ActorEntry]:
        return iter(self._by_surface.values())

    def lookup(self, text: str) -> ActorEntry | None:
        text = text.strip()
        entry = self._by_surface.get(text)
        if entry is None:
            entry = self._by_surface.get(_strip_article(text))
        if entry is None and len(text) > 4:  # short forms (US, AU) only match as written
            entry = self._by_folded.get(_fold(_strip_article(text)))
        return entry

    def resolve(self, text: str, date: str | None = None) -> Resolution:
        """What ``text`` names; ``date`` (the document's) settles names whose state changed."""
        for era in self._eras.get(_strip_article(text.strip()), ()):
            if era.holds(date):
                return Resolution(code=era.code, name=self._state_names.get(era.code, era.text), country=era.code)
        entry = self.lookup(text)
        if entry is None:
            return Resolution(code=None, reason=f"{text!r} is not in the actor index")
        return Resolution(
            code=entry.code, sector=entry.sector, name=entry.name, country=entry.country
        )

    def state_names(self) -> dict[str, str]:
        """Code -> name of every state as used in running text ("the United States"), and of EUR."""
        return {**{code: _with_article(name) for code, name in self._state_names.items()},
                "EUR": "the European Union", "IGO": "international organisations"}

    def sector_for(self, lemma: str) -> str | None:
        return self.sectors.get(lemma.lower())

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns: known names always become entities, with the code as id."""
        return [
            {"label": e.label, "pattern": e.surface, "id": e.code}
            for e in self._by_surface.values()
            if not e.surface.startswith("the ")
        ]


NAMES_WITH_ARTICLE = frozenset({"Netherlands", "Philippines", "Gambia", "Bahamas", "Comoros", "Maldives", "Vatican"})


def _with_article(name: str) -> str:
    """'the United States', 'the Central African Republic', 'the Netherlands'; 'Niger' stays bare."""
    needs = (name.startswith(("United ", "Democratic ", "Republic ")) or name.endswith(("Republic", "Islands"))
             or name in NAMES_WITH_ARTICLE)
    return f"the {name}" if needs and not name.startswith("the ") else name


def _fold(text: str) -> str:
    return text.casefold().replace("’", "'").replace(".", "")


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _split(field: str | None) -> list[str]:
    return [part.strip() for part in (field or "").split("|") if part.strip()]


def state_entries(rows: Iterable[dict[str, str]]) -> Iterator[ActorEntry]:
    """Names and aliases first, then demonyms, then capitals (as GOV metonyms)."""
    rows = list(rows)
    for row in rows:
        for surface in [row["name"], *_split(row.get("aliases"))]:
            yield ActorEntry(surface, row["iso3"], row["name"], "GPE", None, row["iso3"])
    for row in rows:
        for surface in _split(row.get("demonyms")):
            yield ActorEntry(surface, row["iso3"], row["name"], "NORP", None, row["iso3"])
    for row in rows:
        for surface in _split(row.get("capital")):
            yield ActorEntry(surface, row["iso3"], row["name"], "GPE", "GOV", row["iso3"])


def organisation_entries(rows: Iterable[dict[str, str]]) -> Iterator[ActorEntry]:
    """A group rooted in one state resolves to that state with its sector ("Hamas" is PSE REB)."""
    for row in rows:
        home = row.get("home") or None
        code, sector = (home, row.get("sector") or None) if home else (row["code"], None)
        for surface in [row["name"], *_split(row.get("aliases"))]:
            yield ActorEntry(surface, code, row["name"], "ORG", sector, home)


def metonym_entries(rows: Iterable[dict[str, str]]) -> Iterator[ActorEntry]:
    for row in rows:
        code = row["code"]
        yield ActorEntry(
            row["text"], code, row["text"].removeprefix("the "), row["label"],
            row.get("sector") or None, None if code in NON_STATE_CODES else code,
        )


USER_COLUMNS = ("text", "code", "sector", "label")
USER_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


def read_user_rows(path: str | Path | None) -> list[dict[str, str]]:
    if not path or not Path(path).is_file():
        return []
    rows = file_table(path)
    bad = [r for r in rows if not r.get("text") or not r.get("code")]
    if bad:
        raise ConfigurationError(
            f"{path}: {len(bad)} row(s) lack text or code; each row needs the columns {', '.join(USER_COLUMNS)}. "
            "Fix the file or re-create it with `geopivot actors add`."
        )
    return rows


def add_user_actor(path: str | Path, text: str, code: str, sector: str | None, label: str) -> None:
    """Append one name to the user's actor file, creating it with its header."""
    code = code.upper()
    if len(code) != 3 or not code.isalpha():
        raise ConfigurationError(f"code {code!r} is not three letters; use ISO 3166 alpha-3 or IGO/NGO/IMG/MNC")
    if label not in USER_LABELS:
        raise ConfigurationError(f"label {label!r} is not one of {', '.join(sorted(USER_LABELS))}")
    if "\t" in text or "\n" in text:
        raise ConfigurationError("the name may not contain tabs or line breaks")
    path = Path(path)
    new = not path.exists()
    with path.open("a", encoding="utf-8") as handle:
        if new:
            handle.write("\t".join(USER_COLUMNS) + "\n")
        handle.write("\t".join([text.strip(), code, (sector or "").upper(), label]) + "\n")


def load_actor_index(user_file: str | Path | None = None) -> ActorIndex:
    """The actor index shipped with geopivot (states, organisations, metonyms), after the user's rows."""
    entries = [
        *metonym_entries(read_user_rows(user_file)),
        *metonym_entries(data_table("metonyms.tsv")),
        *organisation_entries(data_table("organisations.tsv")),
        *state_entries(data_table("countries.tsv")),
    ]
    sectors = {row["word"]: row["sector"] for row in data_table("sectors.tsv")}
    eras = [NameEra(r["text"], r["code"], r["from"] or None, r["until"] or None) for r in data_table("name_eras.tsv")]
    return ActorIndex(entries, sectors, eras)
