"""The view a node decides with, swapped whole for a newer one so each request sees one version."""

from __future__ import annotations

import threading
from typing import Generic, Protocol, TypeVar


class Versioned(Protocol):
    """A view built from one version of the center's reference data."""

    @property
    def version(self) -> int: ...


V = TypeVar("V", bound=Versioned)


class ViewHolder(Generic[V]):
    """Holds the current view; a new one is built aside and swapped in, never an older one."""

    def __init__(self, view: V) -> None:
        self._view = view
        self._lock = threading.Lock()

    @property
    def view(self) -> V:
        return self._view

    def replace(self, view: V) -> None:
        with self._lock:
            if view.version >= self._view.version:
                self._view = view
