"""The status node's reading of the center's last verified backup: too old, never verified, or not said."""

from __future__ import annotations

from gerbang.status.domain.components import backup_section, backup_too_old

DAY = 24 * 3600.0


def test_a_backup_verified_within_the_limit_is_fine() -> None:
    section = backup_section({"status": "ready", "backup": {"last_verified": "central-1", "age_s": 3600.0}})
    assert section is not None
    assert not backup_too_old(section, max_age_s=DAY)


def test_a_backup_older_than_the_limit_is_too_old() -> None:
    assert backup_too_old({"last_verified": "central-1", "age_s": DAY + 1}, max_age_s=DAY)


def test_a_center_that_never_verified_a_backup_is_too_old() -> None:
    assert backup_too_old({"last_verified": None, "age_s": None}, max_age_s=DAY)


def test_a_center_that_says_nothing_of_backups_is_not_judged_on_them() -> None:
    assert backup_section({"status": "ready"}) is None
    assert not backup_too_old(None, max_age_s=DAY)
    assert backup_section({"backup": "garbled"}) is None
