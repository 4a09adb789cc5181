"""The Atom feed: one entry per public update, newest first, in both languages."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom(
    *, base_url: str, feed_id: str, incidents: list[dict[str, Any]], now: datetime, limit: int = 50
) -> bytes:
    """A valid Atom 1.0 document (RFC 4287) from incidents as the JSON API shows them."""
    ET.register_namespace("", ATOM)
    entries = sorted(
        ((incident, update) for incident in incidents for update in incident["updates"]),
        key=lambda pair: str(pair[1]["at"]),
        reverse=True,
    )[:limit]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_id)
    _sub(feed, "title", "Status layanan Imigrasi / Immigration service status")
    _sub(feed, "updated", str(entries[0][1]["at"]) if entries else now.isoformat())
    _sub(feed, "link", href=f"{base_url}/feed.atom", rel="self", type="application/atom+xml")
    _sub(feed, "link", href=f"{base_url}/", rel="alternate", type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", "Gerbang status")
    for incident, update in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:uuid:{update['id']}")
        state = "selesai / resolved" if incident["state"] == "resolved" else "berlangsung / ongoing"
        _sub(entry, "title", f"{incident['title_id']} / {incident['title_en']} ({state})")
        _sub(entry, "updated", str(update["edited_at"] or update["at"]))
        _sub(entry, "published", str(update["at"]))
        _sub(entry, "link", href=f"{base_url}/#incident-{incident['id']}", rel="alternate", type="text/html")
        for component in incident["components"]:
            _sub(entry, "category", term=str(component))
        _sub(entry, "content", f"{update['text_id']}\n\n{update['text_en']}", type="text")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
