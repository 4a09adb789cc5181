"""The center is degraded, not green, while its database has no running synchronous replica."""

from __future__ import annotations

from gerbang.status.domain.components import database_redundant


def member(role: str, state: str = "running") -> dict[str, object]:
    return {"name": role, "role": role, "state": state}


def test_a_running_synchronous_replica_means_two_copies() -> None:
    assert database_redundant({"members": [member("leader"), member("sync_standby", "streaming")]})


def test_a_primary_alone_is_one_copy() -> None:
    assert not database_redundant({"members": [member("leader")]})


def test_an_asynchronous_or_stopped_replica_is_not_a_second_copy() -> None:
    assert not database_redundant({"members": [member("leader"), member("replica")]})
    assert not database_redundant({"members": [member("leader"), member("sync_standby", "stopped")]})


def test_an_unreadable_answer_is_not_taken_for_redundancy() -> None:
    assert not database_redundant(None)
    assert not database_redundant({"members": "leader"})
    assert not database_redundant({"members": ["leader"]})
