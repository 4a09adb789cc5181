"""The status page's words in Indonesian and English, and which language a visitor gets."""

from __future__ import annotations

from gerbang import words

LANGUAGES = ("id", "en")

# The page's texts by their catalogue key (status_page.KEY); each language's page reads them as t.KEY.
KEYS = (
    "title",
    "other_lang",
    "overall_operational",
    "overall_degraded",
    "overall_partial_outage",
    "overall_major_outage",
    "overall_unknown",
    "unknown_help",
    "observed",
    "never",
    "ongoing",
    "maintenance",
    "components",
    "history",
    "days_ago",
    "today",
    "uptime",
    "no_data",
    "notable",
    "past",
    "none_past",
    "started",
    "resolved",
    "ends",
    "state_open",
    "state_resolved",
    "state_scheduled",
    "state_in_progress",
    "edited",
    "subscribe",
    "subscribe_help",
    "email",
    "send",
    "subscribed",
    "feed",
    "json",
    "legend",
    "subscribe_failed",
    "unsubscribe_failed",
    "unsubscribed",
    "unsubscribed_more",
    "back",
    "independent",
    "overall_incident",
    "earlier_today",
    "in_incident",
    "refresh_note",
)
OTHER_CODE = {"id": "en", "en": "id"}
TEXTS: dict[str, dict[str, str]] = {
    language: {key: words.say(f"status_page.{key}", language) for key in KEYS}
    | {"other_code": OTHER_CODE[language]}
    for language in LANGUAGES
}


def choose_language(asked: str | None, accept_language: str) -> str:
    """`?lang=` when it names id or en, else the best of Accept-Language, else Indonesian."""
    if asked in LANGUAGES:
        return str(asked)
    best, best_q = "id", -1.0
    for item in accept_language.split(",")[:20]:
        tag, _, params = item.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        if code not in LANGUAGES:
            continue
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        if q > best_q:
            best, best_q = code, q
    return best
