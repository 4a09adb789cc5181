"""Pure rules of the status node: component states, incidents, messages, history and signatures."""

from gerbang.status.domain.components import (
    CheckpointHealth,
    Component,
    Kind,
    Probe,
    State,
    assess_center,
    assess_checkpoint,
    assess_office,
    backlog_draining,
    catalogue,
    is_blind,
    is_failing,
    worst,
)
from gerbang.status.domain.incidents import Plan, Rules, Streak, Window, advance, plan_group, update_due

__all__ = [
    "CheckpointHealth",
    "Component",
    "Kind",
    "Plan",
    "Probe",
    "Rules",
    "State",
    "Streak",
    "Window",
    "advance",
    "assess_center",
    "assess_checkpoint",
    "assess_office",
    "backlog_draining",
    "catalogue",
    "is_blind",
    "is_failing",
    "plan_group",
    "update_due",
    "worst",
]
