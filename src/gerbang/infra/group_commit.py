"""Group commit: the writes of callers that arrive together share one transaction and one durable commit.

On SQLite every commit waits for its fsync (synchronous=FULL), and writers on several connections
take turns through the busy handler, which sleeps (1, 2, 5, 10, ... ms) between tries. Here the
callers of one process queue for one leader instead: the leader takes every write waiting, runs each
in a savepoint of one transaction, commits once, and only then does each caller get its answer. So a
caller is answered only once its rows are on disk, as with a commit of its own, and one write that
fails rolls back only itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from sqlalchemy.orm import Session

from gerbang.infra.database import Database

T = TypeVar("T")


@dataclass
class _Write(Generic[T]):
    work: Callable[[Session], T]
    result: T | None = None
    error: BaseException | None = None
    done: bool = False

    def finished(self) -> bool:
        # A method, not the attribute: another thread's leader sets `done` while this one waits.
        return self.done


@dataclass
class GroupCommit:
    """Runs `work(session)` for concurrent callers in shared transactions, at most `most` per commit."""

    database: Database
    most: int = 32
    _waiting: list[_Write[Any]] = field(default_factory=list)
    _queue: threading.Lock = field(default_factory=threading.Lock)
    _leader: threading.Lock = field(default_factory=threading.Lock)

    def run(self, work: Callable[[Session], T]) -> T:
        """`work`'s result once it is committed; its exception if it (or the shared commit) failed."""
        write = _Write(work)
        with self._queue:
            self._waiting.append(write)
        while not write.finished():
            with self._leader:
                if write.finished():  # a leader before this one wrote it
                    break
                with self._queue:
                    batch, self._waiting = self._waiting[: self.most], self._waiting[self.most :]
                self._write(batch)
        if write.error is not None:
            raise write.error
        return cast(T, write.result)

    def _write(self, batch: list[_Write[Any]]) -> None:
        try:
            with self.database.transaction() as session:
                if len(batch) == 1:  # alone: no savepoint, its failure rolls back its own transaction
                    batch[0].result = batch[0].work(session)
                else:
                    for write in batch:
                        try:
                            with session.begin_nested():
                                write.result = write.work(session)
                        except Exception as exc:  # handed to its own caller, the others go on
                            write.error, write.result = exc, None
        except BaseException as exc:  # the commit (or a lone write) failed: nothing of the batch is stored
            for write in batch:
                if write.error is None:
                    write.error, write.result = exc, None
        finally:
            for write in batch:
                write.done = True
