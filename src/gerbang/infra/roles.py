"""Roles and what each may do: the one table every route's permission check reads."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Roles held by accounts (people) and by node credentials (machines)."""

    APPLICANT = "applicant"
    OFFICE_OFFICER = "office-officer"
    CHECKPOINT_OFFICER = "checkpoint-officer"
    SUPERVISOR = "supervisor"
    VISA_OFFICER = "visa-officer"
    OPERATOR = "operator"
    ADMIN = "admin"
    # Machines: each edge or status node authenticates with its own credential.
    NODE_CHECKPOINT = "node-checkpoint"
    NODE_OFFICE = "node-office"
    NODE_STATUS = "node-status"


class Permission(StrEnum):
    """Things a caller may do; routes ask for a permission, never for a role."""

    SELF_READ = "self:read"
    APPLICATIONS_OWN = "applications:own"
    APPLICATIONS_PROCESS = "applications:process"
    CROSSINGS_DECIDE = "crossings:decide"
    CROSSINGS_OVERRIDE = "crossings:override"
    CROSSINGS_READ = "crossings:read"
    ALERTS_READ = "alerts:read"
    VISAS_APPLY = "visas:apply"
    VISAS_ISSUE = "visas:issue"
    VISAS_REVOKE = "visas:revoke"
    STATUS_OPERATE = "status:operate"
    AUDIT_READ = "audit:read"
    # The audit chain's head (a sequence number and a MAC), which the status node keeps as a witness.
    AUDIT_HEAD = "audit:head"
    ACCOUNTS_MANAGE = "accounts:manage"
    NODES_MANAGE = "nodes:manage"
    SYNC_UPLOAD = "sync:upload"
    SYNC_REFERENCE = "sync:reference"
    OUTAGES_DECLARE = "outages:declare"
    METRICS_READ = "metrics:read"


_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.APPLICANT: frozenset({_P.SELF_READ, _P.APPLICATIONS_OWN, _P.VISAS_APPLY}),
    Role.OFFICE_OFFICER: frozenset({_P.SELF_READ, _P.APPLICATIONS_PROCESS}),
    Role.CHECKPOINT_OFFICER: frozenset({_P.SELF_READ, _P.CROSSINGS_DECIDE, _P.CROSSINGS_READ}),
    Role.SUPERVISOR: frozenset(
        {
            _P.SELF_READ,
            _P.CROSSINGS_DECIDE,
            _P.CROSSINGS_OVERRIDE,
            _P.CROSSINGS_READ,
            _P.ALERTS_READ,
            _P.APPLICATIONS_PROCESS,
            _P.AUDIT_READ,
        }
    ),
    Role.VISA_OFFICER: frozenset({_P.SELF_READ, _P.VISAS_ISSUE, _P.VISAS_REVOKE}),
    Role.OPERATOR: frozenset(
        {_P.SELF_READ, _P.STATUS_OPERATE, _P.OUTAGES_DECLARE, _P.AUDIT_READ, _P.METRICS_READ}
    ),
    Role.ADMIN: frozenset(Permission),
    Role.NODE_CHECKPOINT: frozenset({_P.SYNC_UPLOAD, _P.SYNC_REFERENCE}),
    Role.NODE_OFFICE: frozenset({_P.SYNC_UPLOAD, _P.SYNC_REFERENCE}),
    Role.NODE_STATUS: frozenset({_P.OUTAGES_DECLARE, _P.METRICS_READ, _P.AUDIT_HEAD}),
}

PERSON_ROLES = frozenset(r for r in Role if not r.value.startswith("node-"))
NODE_ROLES = {"checkpoint": Role.NODE_CHECKPOINT, "office": Role.NODE_OFFICE, "status": Role.NODE_STATUS}


def permissions_of(roles: frozenset[Role]) -> frozenset[Permission]:
    """Everything that any of `roles` allows."""
    allowed: set[Permission] = set()
    for role in roles:
        allowed |= ROLE_PERMISSIONS[role]
    return frozenset(allowed)
