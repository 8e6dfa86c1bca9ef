"""Placing a place an article names that the hand-kept base lacks: the GeoNames place it is,
chosen among namesakes by the article's context (the countries, divisions and points of the
known places it names, the place the phrase puts it in first), and what that gives its draft
location record: coordinates, GeoNames id, precision, country and a nearer parent."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from ..records.model import Location
from ..records.places import chain
from ..records.vocab import vocabulary
from .choose import Choice, Context, choose, levels_for
from .index import Gazetteer, GeoPlace


def article_context(gazetteer: Gazetteer, locations: Mapping[str, Location], first: str | None,
                    around: Iterable[str]) -> Context:
    """The context of a name: the countries of `first` (the place the phrase puts it in) and
    of the known places of the article (`around`, most named first), the GeoNames divisions
    they are or lie in, and the points of the towns and sites among them."""
    context = Context()
    for place_id in [first, *around] if first else list(around):
        places = chain(locations, place_id)
        for location in places:
            if location.country and location.country not in context.countries:
                context.countries.append(location.country)
                break
        known = places[0] if places else None
        if known is None or known.kind == "country":
            continue
        geo = gazetteer.get(known.geonames) if known.geonames else None
        if geo is not None and geo.division:
            context.divisions.add(geo.code)
        elif known.has_coordinates and vocabulary().kind_precision(known.kind) in ("site", "town"):
            context.points.append((known.latitude or 0.0, known.longitude or 0.0))
    return context


def locate(gazetteer: Gazetteer, name: str, kind: str, context: Context) -> tuple[Choice, str]:
    """The GeoNames place a name of a place of `kind` designates, and the precision its
    coordinates give the place: a base or a camp named after a town ("the Okhtyrka base") is
    placed at the town, with the precision `town`."""
    precision = vocabulary().kind_precision(kind)
    if not levels_for(precision):
        precision = "town"
    return choose(gazetteer, [name], precision, context), precision


def placed(gazetteer: Gazetteer, location: Location, place: GeoPlace, precision: str,
           locations: Mapping[str, Location]) -> Location:
    """A draft location given what the gazetteer knows of it: coordinates, id, precision (when
    its kind says another), country, and as parent the base's entry for the division it lies
    in when its parent was only the country (or none)."""
    parent_id = location.parent
    parent = locations.get(parent_id or "")
    if parent is None or parent.kind == "country":
        parent_id = division_entry(gazetteer, place, locations) or parent_id
    default = vocabulary().kind_precision(location.kind)
    return replace(location, latitude=round(place.latitude or 0.0, 4), longitude=round(place.longitude or 0.0, 4),
                   geonames=place.geonames, precision=None if default == precision else precision,
                   country=location.country or place.country, parent=parent_id)


def division_entry(gazetteer: Gazetteer, place: GeoPlace, locations: Mapping[str, Location]) -> str | None:
    """The id of the entry for the district, else the region, a GeoNames place lies in, among
    `locations` (by their GeoNames ids)."""
    by_geonames = {loc.geonames: loc.id for loc in locations.values() if loc.geonames}
    for code in (place.admin2, place.admin1):
        division = gazetteer.division(code) if code and code != place.code else None
        if division is not None and division.geonames in by_geonames:
            return by_geonames[division.geonames]
    return None


class Placer:
    """Places the draft locations of one extraction run from the gazetteer, opened only when a
    place the base lacks turns up (most articles name none)."""

    def __init__(self, locations: Mapping[str, Location], gazetteer: Callable[[], Gazetteer]):
        self.locations = locations
        self._open = gazetteer
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened on first use."""
        if self._gazetteer is None:
            self._gazetteer = self._open()
        return self._gazetteer

    def place(self, draft: Location, name: str, around: Iterable[str]) -> Location:
        """The draft, placed when the gazetteer knows the name in the article's context (its
        parent first, then `around`: the known places the article names); else as it was."""
        context = article_context(self.gazetteer, self.locations, draft.parent, around)
        choice, precision = locate(self.gazetteer, name, draft.kind, context)
        if choice.place is None or choice.place.latitude is None:
            return draft
        return placed(self.gazetteer, draft, choice.place, precision, self.locations)
