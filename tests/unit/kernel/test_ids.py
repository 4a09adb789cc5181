"""Time-ordered ids sort by the time they were made."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gerbang.kernel.ids import uuid7, uuid7_time

moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))


@given(moments, st.binary(min_size=10, max_size=10))
def test_uuid7_has_version_7_rfc_variant_and_its_time(at: datetime, rand: bytes) -> None:
    identifier = uuid7(at, rand)
    assert identifier.version == 7
    assert identifier.variant == "specified in RFC 4122"
    assert uuid7_time(identifier) == int(at.timestamp() * 1000)


@given(moments, st.integers(min_value=1, max_value=10**9))
def test_later_ids_sort_after_earlier_ones(at: datetime, millis: int) -> None:
    earlier = uuid7(at, os.urandom(10))
    later = uuid7(at + timedelta(milliseconds=millis), os.urandom(10))
    assert str(earlier) < str(later)
