"""Roles grant exactly the permissions the table says."""

from __future__ import annotations

from gerbang.infra.roles import NODE_ROLES, PERSON_ROLES, Permission, Role, permissions_of


def test_admin_may_do_everything() -> None:
    assert permissions_of(frozenset({Role.ADMIN})) == frozenset(Permission)


def test_applicant_cannot_touch_borders_or_accounts() -> None:
    allowed = permissions_of(frozenset({Role.APPLICANT}))
    assert Permission.APPLICATIONS_OWN in allowed
    assert not allowed & {Permission.CROSSINGS_DECIDE, Permission.ACCOUNTS_MANAGE, Permission.VISAS_ISSUE}


def test_only_supervisors_and_admins_override_decisions() -> None:
    overriders = {r for r in Role if Permission.CROSSINGS_OVERRIDE in permissions_of(frozenset({r}))}
    assert overriders == {Role.SUPERVISOR, Role.ADMIN}


def test_roles_combine() -> None:
    both = permissions_of(frozenset({Role.VISA_OFFICER, Role.OPERATOR}))
    assert {Permission.VISAS_ISSUE, Permission.STATUS_OPERATE} <= both


def test_machines_and_people_hold_different_roles() -> None:
    assert not PERSON_ROLES & set(NODE_ROLES.values())
    assert Permission.SYNC_UPLOAD not in permissions_of(frozenset({Role.CHECKPOINT_OFFICER}))
