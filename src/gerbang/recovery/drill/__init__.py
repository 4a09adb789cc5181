"""The outage drill: replay a day against the whole platform, destroy the center, recover, and judge."""
