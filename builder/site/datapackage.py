"""The downloads described for data users' tools: a Frictionless Data Package
(https://specs.frictionlessdata.io/data-package/) naming the CSV and the JSON, every column
with its type and meaning (from builder/site/words/columns.yml), the data's licence, and
GeoNames credited as the source of places' coordinates (CC BY 4.0)."""

from __future__ import annotations

import json
import posixpath

from . import export, urls
from .view import SiteView
from .words import words


def _fields(view: SiteView, kind: str) -> list[dict]:
    return [{"name": name, "type": field["type"], "description": field["description"]}
            for name, field in words().columns[kind].items()]


def package(view: SiteView) -> dict:
    """The data package as a dict: its name, licence, and the CSV and JSON resources."""
    licence = view.extra.licence
    here = posixpath.dirname(urls.DATAPACKAGE)
    out: dict = {
        "profile": "data-package",
        "name": "incident-chronology",
        "title": view.extra.title,
        "description": "Armed incidents drawn from news articles, each with its date, place, actors, "
                       "toll and the sentences of its sources; ACLED's column names where one exists.",
        "licenses": [{"name": licence.id, "title": licence.title, "path": licence.url}],
        # where places' coordinates and ids come from, with the credit its licence asks for
        "sources": [{"title": "GeoNames", "path": "https://www.geonames.org/",
                     "description": export.ATTRIBUTION}],
        "resources": [
            {"name": "events-csv", "path": posixpath.relpath(urls.EXPORTS["csv"], here),
             "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [f for f in _fields(view, "csv") if f["name"] in export.CSV_COLUMNS],
                        "primaryKey": "event_id_cnty", "missingValues": [""]}},
            {"name": "events-json", "path": posixpath.relpath(urls.EXPORTS["json"], here),
             "profile": "data-resource", "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "description": "An object whose `events` holds one object per event, with these fields, "
                            "and whose `attribution` credits GeoNames.",
             "schema": {"fields": _fields(view, "json")}},
        ],
    }
    if view.data_date:
        out["version"] = view.data_date.isoformat()
    if view.site_url:
        out["homepage"] = view.site_url
    return out


def text(view: SiteView) -> str:
    """datapackage.json's text."""
    return json.dumps(package(view), ensure_ascii=False, indent=2) + "\n"
