"""Settings of the status node: what it probes, how often, and how it reaches subscribers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import SettingsConfigDict

from gerbang.infra.settings import TomlSettings, read_settings

STATUS_FILE = "status.toml"


class Target(BaseModel):
    """A checkpoint or office the status node probes; `token` lets it read a checkpoint's health."""

    name: str
    site: str
    url: str
    token: str | None = None


class StatusSettings(TomlSettings):
    """Read from GERBANG_STATUS_* variables, then `status.toml` in the node's data directory."""

    model_config = SettingsConfigDict(env_prefix="GERBANG_STATUS_", extra="forbid")

    checkpoints: list[Target] = Field(default_factory=list)
    offices: list[Target] = Field(default_factory=list)
    # 10 s rounds and 3 failures open an incident at most 10*3 + 3 = 33 s after an outage (< 60 s).
    probe_interval_s: float = Field(default=10.0, gt=0)
    probe_timeout_s: float = Field(default=3.0, gt=0, le=10)
    fail_after: int = Field(default=3, ge=1)
    recover_after: int = Field(default=3, ge=1)
    silence_for_s: float = Field(
        default=0.0,
        ge=0,
        description="A node whose probes only time out (a busy host, not a refusal) opens an incident once "
        "the silence has also lasted this long; 0 counts rounds alone.",
    )
    update_interval_s: float = Field(default=1800.0, gt=0)
    slow_after_s: float = Field(default=2.0, gt=0)
    backup_max_age_h: float = Field(
        default=26.0, gt=0, description="The center shows degraded when its last verified backup is older."
    )
    draining_window: int = Field(default=5, ge=2)
    center_canary_path: str = "/api/v1/me"
    database_members: list[str] = Field(
        default_factory=list,
        description="Patroni REST URLs of the center's PostgreSQL members; while /cluster lists no running "
        "synchronous replica, the center shows as degraded (one copy of its data).",
    )
    control_url: str | None = Field(
        default=None,
        description="A URL that answers whenever this node's network works; own /healthz if unset.",
    )
    public_url: str | None = Field(default=None, description="Where the public reaches this node.")
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "status@gerbang.invalid"
    deliver_interval_s: float = Field(default=2.0, gt=0)
    deliver_max_attempts: int = Field(default=8, ge=1)
    webhook_timeout_s: float = Field(default=5.0, gt=0)
    allow_private_webhooks: bool = Field(
        default=False,
        description="Let webhooks reach loopback and private addresses: for a lab on one machine only.",
    )

    @model_validator(mode="after")
    def _opens_within_a_minute(self) -> StatusSettings:
        # The promise to the public: an outage shows as an incident within 60 seconds.
        rounds = max(self.probe_interval_s * self.fail_after, self.silence_for_s + self.probe_interval_s)
        if rounds + self.probe_timeout_s > 60:
            raise ValueError(
                "max(probe_interval_s * fail_after, silence_for_s + probe_interval_s) + probe_timeout_s "
                "must not exceed 60 seconds"
            )
        return self


def load_status_settings(data_dir: Path, **overrides: Any) -> StatusSettings:
    """Settings from `overrides`, the environment and DATA_DIR/status.toml; InvalidInput if bad."""
    path = data_dir / STATUS_FILE
    return read_settings(
        StatusSettings, path if path.is_file() else None, what="status settings", **overrides
    )
