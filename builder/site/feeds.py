"""Feeds for readers and other sites: an Atom feed of the latest events, the chronology in
TimelineJS's JSON format (https://timeline.knightlab.com/docs/json-format.html), and schema.org
Event metadata (JSON-LD) for event pages.

Every date comes from the records, never from the clock, so two builds write the same bytes.
Links are absolute when the site's address (MkDocs' `site_url`) is known; otherwise they are
relative to the file that holds them, and Atom ids are name-based UUIDs that stay the same
wherever the site is published.
"""

from __future__ import annotations

import html
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

from ..records.model import Event
from . import export, humanize, urls
from .view import SiteView

FEED_SIZE = 20
TITLE = "Incident chronology"
ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = date(1970, 1, 1)


# Characters XML 1.0 has no place for (controls but tab and line ends, lone surrogates, U+FFFE,
# U+FFFF): one in a feed makes it "not well-formed" for every reader.
_NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text an XML document can hold: each character XML forbids becomes a space."""
    return _NOT_IN_XML.sub(" ", text)


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(event: Event, site_url: str | None) -> str:
    """An Atom id that never changes: the page's address, or a UUID named by the event id."""
    if site_url:
        return urls.link(urls.record_address(event), site_url, urls.FEED)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"incident-chronology:{urls.record_address(event)}").urn


def last_reported(view: SiteView, event: Event) -> date:
    """The day the record was last supported by a source: the latest publication date of its
    sources, or the event's last day when no source is dated."""
    dates = [view.source_of(ref.article).published for ref in event.sources]
    return max([d for d in dates if d] or [event.date.end])


def _entry_summary(view: SiteView, event: Event) -> str:
    place = view.location_of(event)
    parts = [humanize.date_words(event.date, event.time), place.name if place else "",
             humanize.short_toll(event.fatalities, event.injured)]
    line = " · ".join(p for p in parts if p) + "."
    return f"{line} {event.summary}".strip()


def atom_feed(view: SiteView, site_url: str | None = None, title: str = TITLE,
              size: int = FEED_SIZE) -> str:
    """An Atom 1.0 feed of the `size` latest events, newest first."""
    events = view.latest(size)
    updated = max((last_reported(view, e) for e in events), default=_EPOCH)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
        element.text = xml_text(text) if text is not None else None
        return element

    sub(feed, "title", title)
    sub(feed, "subtitle", "The latest incidents of the chronology, each with its sources.")
    sub(feed, "id", urls.link(urls.FEED, site_url, urls.FEED) if site_url
        else uuid.uuid5(uuid.NAMESPACE_URL, f"incident-chronology:{title}").urn)
    sub(feed, "updated", _timestamp(updated))
    sub(feed, "link", rel="self", type="application/atom+xml", href=urls.link(urls.FEED, site_url, urls.FEED))
    sub(feed, "link", rel="alternate", type="text/html", href=urls.link(urls.address(urls.HOME), site_url, urls.FEED))
    author = sub(feed, "author")
    sub(author, "name", title)
    for event in events:
        entry = sub(feed, "entry")
        sub(entry, "title", event.title)
        sub(entry, "id", entry_id(event, site_url))
        sub(entry, "updated", _timestamp(last_reported(view, event)))
        sub(entry, "published", _timestamp(event.date.start))
        sub(entry, "link", rel="alternate", type="text/html",
            href=urls.link(urls.record_address(event), site_url, urls.FEED))
        sub(entry, "category", term=event.event_type)
        sub(entry, "summary", _entry_summary(view, event), type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _date_object(day: date, precision: str) -> dict:
    """A TimelineJS date: the year always, the month and day when the record knows them."""
    out: dict = {"year": day.year}
    if precision in ("day", "range", "month"):
        out["month"] = day.month
    if precision in ("day", "range"):
        out["day"] = day.day
    return out


def timeline_slide(view: SiteView, event: Event, site_url: str | None = None) -> dict:
    """One event as a TimelineJS slide."""
    place = view.location_of(event)
    facts = " · ".join(p for p in (place.name if place else "",
                                  humanize.short_toll(event.fatalities, event.injured)) if p)
    text = "".join(f"<p>{html.escape(p)}</p>" for p in (event.summary, facts) if p)
    if site_url:
        text += f'<p><a href="{html.escape(urls.link(urls.record_address(event), site_url, urls.TIMELINE))}">' \
                "The record and its sources</a></p>"
    slide: dict = {
        "unique_id": event.id,
        "start_date": _date_object(event.date.start, event.date.precision),
        "display_date": humanize.date_words(event.date, event.time),
        "text": {"headline": html.escape(event.title), "text": text},
        "group": event.event_type,
    }
    if event.date.precision == "range" and event.date.end != event.date.start:
        slide["end_date"] = _date_object(event.date.end, "day")
    return slide


def timeline_chunks(view: SiteView, site_url: str | None = None, title: str = TITLE) -> Iterator[str]:
    """The whole chronology in TimelineJS's JSON format, to embed it on another site, as
    pieces of text to write."""
    events = view.events
    intro = (f"{len(events)} incidents, from {humanize.date_words(events[0].date)} "
             f"to {humanize.date_words(events[-1].date)}." if events else "No incidents yet.")
    head = {"title": {"text": {"headline": html.escape(title), "text": f"<p>{html.escape(intro)}</p>"}}}
    return export.json_chunks(head, "events", (timeline_slide(view, e, site_url) for e in events))


def timeline_json(view: SiteView, site_url: str | None = None, title: str = TITLE) -> str:
    return "".join(timeline_chunks(view, site_url, title))


def _iso_date(day: date, precision: str) -> str:
    """ISO 8601 at the record's precision: 2020-03-11, 2020-06 or 2020."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def _place(view: SiteView, location_id: str | None) -> dict | None:
    chain = view.location_chain(location_id)
    if not chain:
        return None
    place: dict | None = None
    for loc in reversed(chain):
        node: dict = {"@type": "Place", "name": loc.name}
        if loc.has_coordinates:
            node["geo"] = {"@type": "GeoCoordinates", "latitude": loc.latitude, "longitude": loc.longitude}
        if loc.country:
            node["address"] = {"@type": "PostalAddress", "addressCountry": loc.country}
        if place:
            node["containedInPlace"] = place
        place = node
    return place


def event_jsonld(view: SiteView, event: Event, site_url: str | None = None) -> dict:
    """schema.org Event metadata for an event page: what, when, where, and the articles."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "identifier": event.id,
        "name": event.title,
        "description": event.summary or event.title,
        "startDate": _iso_date(event.date.start, event.date.precision),
        "keywords": [event.event_type, event.sub_event_type],
    }
    if event.date.end != event.date.start and event.date.precision in ("day", "range"):
        data["endDate"] = event.date.end.isoformat()
    if site_url:
        data["url"] = urls.link(urls.record_address(event), site_url, urls.record_address(event))
    place = _place(view, event.location)
    if place:
        data["location"] = place
    articles = []
    for ref in event.sources:
        source = view.source_of(ref.article)
        article: dict = {"@type": "NewsArticle", "headline": source.title, "inLanguage": source.language}
        if source.published:
            article["datePublished"] = source.published.isoformat()
        if source.publisher:
            article["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.link:
            article["url"] = source.link
        articles.append(article)
    if articles:
        data["subjectOf"] = articles
    return data


def changes_feed(view: SiteView, site_url: str | None = None, title: str = TITLE) -> str:
    """An Atom 1.0 feed of the newest changes to the chronology's events (new, changed,
    withdrawn), from the records' history, newest first."""
    changes = view.change_log()
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
        element.text = xml_text(text) if text is not None else None
        return element

    sub(feed, "title", f"{title}: changes")
    sub(feed, "subtitle", "New, changed and withdrawn events of the chronology.")
    sub(feed, "id", urls.link(urls.CHANGES_FEED, site_url, urls.CHANGES_FEED) if site_url
        else uuid.uuid5(uuid.NAMESPACE_URL, f"incident-chronology:{title}:changes").urn)
    sub(feed, "updated", _timestamp(changes[0].day if changes else _EPOCH))
    sub(feed, "link", rel="self", type="application/atom+xml",
        href=urls.link(urls.CHANGES_FEED, site_url, urls.CHANGES_FEED))
    sub(feed, "link", rel="alternate", type="text/html",
        href=urls.link(urls.address(urls.CHANGES), site_url, urls.CHANGES_FEED))
    author = sub(feed, "author")
    sub(author, "name", title)
    for change in changes:
        entry = sub(feed, "entry")
        sub(entry, "title", f"{change.what.capitalize()}: {change.title}")
        sub(entry, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"incident-chronology:change:{change.record_id}:"
                                    f"{change.day.isoformat()}:{change.what}:{change.subject}").urn)
        sub(entry, "updated", _timestamp(change.day))
        if change.event is not None:
            sub(entry, "link", rel="alternate", type="text/html",
                href=urls.link(urls.record_address(change.event), site_url, urls.CHANGES_FEED))
        sub(entry, "category", term=change.what)
        sub(entry, "summary", change.subject, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
