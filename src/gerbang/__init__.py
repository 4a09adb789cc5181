"""Gerbang: immigration services that keep working when the data center does not."""

__version__ = "0.1.0"
