"""What awaits a maintainer: tolls the sources disagree on, tolls no source gives, draft
events, and draft places without coordinates.

`python -m builder review` lists these as `path:line: message`; the event page shows the
same disagreements in words, through `toll_figures`, so the two never tell different stories.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .folder import Chronology
from .model import Event, Location, Toll
from .problems import Problem

TOLLS = ("fatalities", "injured")
REVIEW = "review"  # the severity of a review item: neither an error nor a warning


@dataclass(frozen=True)
class Figure:
    """One source's own figure for a toll."""

    source: str
    value: int


@dataclass(frozen=True)
class TollFigures:
    """What the sources of an event say about one of its tolls, and what the record says."""

    toll: str  # "fatalities" or "injured"
    figures: list[Figure]
    record: Toll | None

    @property
    def values(self) -> list[int]:
        return [f.value for f in self.figures]

    @property
    def differ(self) -> bool:
        """The sources give more than one figure."""
        return len(set(self.values)) > 1

    @property
    def settled(self) -> bool:
        """The record gives a range (best, low, high) that holds every source's figure:
        the maintainer has recorded the disagreement."""
        return (self.record is not None and self.record.disputed
                and self.record.low <= min(self.values) and max(self.values) <= self.record.high)

    @property
    def unsupported(self) -> bool:
        """The record's value is none of the figures its sources give."""
        return self.record is None or self.record.best not in self.values

    def by_value(self) -> list[tuple[int, list[str]]]:
        """Each figure given, with the sources giving it, in the order the sources are listed."""
        groups: dict[int, list[str]] = {}
        for f in self.figures:
            sources = groups.setdefault(f.value, [])
            if f.source not in sources:
                sources.append(f.source)
        return list(groups.items())


def toll_figures(event: Event) -> list[TollFigures]:
    """For each toll some source of the event gives a figure for, the figures and the record's value."""
    out = []
    for name in TOLLS:
        figures = [Figure(ref.article, value) for ref in event.sources
                   if (value := getattr(ref, name)) is not None]
        if figures:
            out.append(TollFigures(name, figures, getattr(event, name)))
    return out


def disagreements(event: Event) -> list[TollFigures]:
    """The tolls the event's sources give different figures for."""
    return [t for t in toll_figures(event) if t.differ]


# --- review items -------------------------------------------------------------------------


@dataclass
class Review:
    """Everything awaiting a maintainer, by kind, each as a `path:line: message` item."""

    disagreements: list[Problem] = field(default_factory=list)
    unsupported: list[Problem] = field(default_factory=list)
    draft_events: list[Problem] = field(default_factory=list)
    unplaced_locations: list[Problem] = field(default_factory=list)
    record_problems: list[Problem] = field(default_factory=list)

    def items(self) -> list[Problem]:
        """Every item, in file and line order."""
        found = (self.record_problems + self.disagreements + self.unsupported
                 + self.draft_events + self.unplaced_locations)
        return sorted(found, key=lambda p: (p.path, p.line or 0, p.message))

    @property
    def empty(self) -> bool:
        return not self.items()


def _said(toll: Toll | None) -> str:
    if toll is None:
        return "null"
    return f"{toll.best} ({toll.low} to {toll.high})" if toll.disputed else str(toll.best)


def _figures_text(chron: Chronology, tolls: TollFigures) -> str:
    return ", ".join(f"{f.value} per {chron.article_name(f.source)}" for f in tolls.figures)


def _unsupported_text(tolls: TollFigures, figures: str) -> str:
    if tolls.record is None:
        return f"{tolls.toll}: record says null, but the sources give {figures}"
    return f"{tolls.toll}: record says {_said(tolls.record)}, but no source does ({figures})"


def _where(chron: Chronology, kind: str, record_id: str, path: tuple) -> tuple[str, int | None]:
    rf = chron.files.get((kind, record_id))
    return (rf.display, rf.doc.line_of(path)) if rf else (f"{kind}/{record_id}", None)


def toll_items(chron: Chronology, event: Event) -> tuple[list[Problem], list[Problem]]:
    """The event's unsettled toll disagreements, and its tolls no source gives."""
    differ, unsupported = [], []
    for tolls in toll_figures(event):
        where, line = _where(chron, "events", event.id, (tolls.toll,))
        figures = _figures_text(chron, tolls)
        if tolls.differ and not tolls.settled:
            differ.append(Problem(where, line, f"sources differ on {tolls.toll}: {figures}; "
                                               f"record says {_said(tolls.record)}", REVIEW))
        elif tolls.unsupported:
            unsupported.append(Problem(where, line, _unsupported_text(tolls, figures), REVIEW))
    return differ, unsupported


def review(chron: Chronology, record_problems: Iterable[Problem] = (),
           proposal: Callable[[Location], str] | None = None) -> Review:
    """What awaits a maintainer in a chronology (rejected events are never listed); `proposal`
    says what the gazetteer proposes for a draft location without coordinates."""
    out = Review(record_problems=list(record_problems))
    for event in sorted(chron.events.values(), key=lambda e: e.id):
        if event.status == "rejected":
            continue
        differ, unsupported = toll_items(chron, event)
        out.disagreements += differ
        out.unsupported += unsupported
        if event.status == "draft":
            where, line = _where(chron, "events", event.id, ("status",))
            out.draft_events.append(Problem(where, line, f"draft event, not yet reviewed: "
                                                         f"{event.title}", REVIEW))
    for loc in sorted(chron.locations.values(), key=lambda loc: loc.id):
        if loc.status == "draft" and not loc.has_coordinates:
            where, line = _where(chron, "locations", loc.id, ("latitude",))
            hint = f"; {proposal(loc)}" if proposal else ""
            out.unplaced_locations.append(Problem(where, line, f"draft location without "
                                                               f"coordinates: {loc.name}; give "
                                                               f"its latitude and longitude{hint}", REVIEW))
    return out


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def summary(found: Review) -> str:
    """One line saying how much awaits, by kind (kinds with nothing are left out)."""
    kinds = Counter(p.severity for p in found.record_problems)
    counts = [
        _count(len(found.draft_events), "draft event"),
        _count(len(found.disagreements), "toll the sources disagree on",
               "tolls the sources disagree on"),
        _count(len(found.unsupported), "toll no source gives", "tolls no source gives"),
        _count(len(found.unplaced_locations), "draft location without coordinates",
               "draft locations without coordinates"),
        _count(kinds["error"], "record error"),
        _count(kinds["warning"], "warning"),
    ]
    awaiting = [c for c in counts if not c.startswith("0 ")]
    return "awaiting review: " + ", ".join(awaiting) if awaiting else "nothing awaits review"
