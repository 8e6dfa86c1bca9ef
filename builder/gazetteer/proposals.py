"""What the gazetteer proposes for the places of the hand-kept knowledge base: the GeoNames
place each one is, with the coordinates, id, precision and parent to fill in where the base
leaves them empty. Namesakes are told apart by the place's country and by the division its
parent is (a Vasylivka under Zaporizhzhia Oblast is the one in UA.26), so parents are
proposed for before the places within them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..records.model import Location
from ..records.places import chain
from ..records.vocab import vocabulary
from .choose import Choice, Context, choose
from .index import Gazetteer, GeoPlace
from .locate import division_entry


@dataclass(frozen=True)
class Proposal:
    """The gazetteer's answer for one place of the base: its choice, and the values it would
    fill (only those the entry leaves empty)."""

    location: Location
    choice: Choice
    fill: dict[str, object] = field(default_factory=dict)

    def describe(self) -> str:
        """The proposal in words, for `review` and `knowledge fill`."""
        place = self.choice.place
        if place is None:
            names = "; ".join(f"{p.name} ({p.country}, pop. {p.population:,})" for p in self.choice.candidates[:4])
            return f"no proposal: {self.choice.reason}" + (f" ({names})" if names else "")
        where = f"{place.latitude:.4f}, {place.longitude:.4f}"
        return (f"GeoNames {place.geonames}: {place.name} ({place.level}, {place.country}, pop. {place.population:,}) "
                f"at {where}, precision {place.precision} ({self.choice.reason})")


class Proposer:
    """Proposals for the places of one knowledge base, each worked out once."""

    def __init__(self, gazetteer: Gazetteer, locations: Mapping[str, Location]):
        self.gazetteer = gazetteer
        self.locations = locations
        self._done: dict[str, Proposal] = {}

    def place_of(self, location: Location) -> GeoPlace | None:
        """The GeoNames place an entry is: the one its id names, else the one proposed."""
        if location.geonames:
            return self.gazetteer.get(location.geonames)
        return self.propose(location).choice.place

    def context(self, location: Location) -> Context:
        """The entry's country, and the division and point of the nearest place above it that
        the gazetteer knows."""
        context = Context(countries=[location.country] if location.country else [])
        for above in chain(self.locations, location.parent):
            if above.kind == "country":
                break
            place = self.place_of(above)
            if place is not None:
                if place.division:
                    context.divisions.add(place.code)
                elif place.latitude is not None and place.longitude is not None:
                    context.points.append((place.latitude, place.longitude))
                break
        return context

    def propose(self, location: Location) -> Proposal:
        """What the gazetteer proposes for an entry."""
        if location.id in self._done:
            return self._done[location.id]
        precision = vocabulary().kind_precision(location.kind)
        self._done[location.id] = Proposal(location, Choice(None, [], "being worked out"))  # a parent cycle stops here
        if location.country:
            choice = choose(self.gazetteer, location.all_names, precision, self.context(location))
        else:  # a stretch of border, a sea, the Sahel: no one country's place
            choice = Choice(None, [], "the base gives it no country")
        proposal = Proposal(location, choice, self._fill(location, choice.place))
        self._done[location.id] = proposal
        return proposal

    def _fill(self, location: Location, place: GeoPlace | None) -> dict[str, object]:
        if place is None:
            return {}
        fill: dict[str, object] = {}
        if location.latitude is None and location.longitude is None and place.latitude is not None:
            fill["latitude"], fill["longitude"] = round(place.latitude, 4), round(place.longitude or 0.0, 4)
            if location.precision is None and place.precision != vocabulary().kind_precision(location.kind):
                fill["precision"] = place.precision  # a town placed at its district's point
        if location.geonames is None:
            fill["geonames"] = place.geonames
        if location.parent is None and location.kind != "country":
            parent = self._parent_of(place)
            if parent:
                fill["parent"] = parent
        return fill

    def _parent_of(self, place: GeoPlace) -> str | None:
        """The base's entry for the division a place lies in, else for its country."""
        countries = [loc.id for loc in self.locations.values()
                     if loc.kind == "country" and loc.country == place.country]
        return division_entry(self.gazetteer, place, self.locations) or (countries[0] if countries else None)
