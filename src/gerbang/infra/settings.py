"""Settings from GERBANG_* environment variables, an optional TOML file, and defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from gerbang.kernel.errors import InvalidInput

S = TypeVar("S", bound="TomlSettings")
NodeRole = Literal["central", "checkpoint", "office", "status"]


class TomlSettings(BaseSettings):
    """Settings read from explicit arguments, then the environment, then an optional TOML file."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if _TOML_FILE[0] is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=_TOML_FILE[0]))
        return tuple(sources)


class Settings(TomlSettings):
    """Everything a Gerbang node needs to know about where it runs; nothing here is a secret."""

    model_config = SettingsConfigDict(env_prefix="GERBANG_", extra="forbid")

    data_dir: Path = Field(default=Path("gerbang-data"), description="Where the node keeps its files.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; SQLite in the data directory when unset."
    )
    role: NodeRole = "central"
    node_name: str = "central"
    site: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    center_url: str | None = Field(
        default=None,
        description="Where an edge node reaches the center: one URL or several, comma-separated.",
    )
    node_key: str | None = Field(default=None, description="This edge node's credential at the center.")
    log_level: str = "info"
    # Edge nodes
    timezone: str = Field(default="Asia/Jakarta", description="The site's time zone; local dates count.")
    lanes: str = Field(
        default="C1:counter,C2:counter,C3:counter,A1:autogate,A2:autogate",
        description="Lanes of a checkpoint as NAME:counter|autogate, comma-separated.",
    )
    trust_file: Path | None = Field(default=None, description="The center's reference public keys.")
    reference_poll_s: float = Field(default=30.0, gt=0)
    upload_batch_size: int = Field(default=500, ge=1, le=5000)
    upload_retry_cap_s: float = Field(
        default=30.0, gt=0, le=300, description="Longest wait between uploads while the center is away."
    )
    retention_days: int = Field(default=30, ge=1)
    max_reference_age_h: float = Field(default=6.0, gt=0)
    backup_dir: Path | None = Field(
        default=None, description="A second disk an edge backs its store up to on a schedule."
    )
    backup_key_file: Path | None = Field(
        default=None, description="The key those backups are encrypted with; escrowed, off the data disk."
    )
    backup_every_s: float = Field(default=300.0, gt=0)
    backup_keep: int = Field(default=48, ge=1)
    # Center: passports
    payment_callback_secret: str | None = Field(
        default=None,
        description="The bank callback's shared secret; generated into the data directory when unset.",
    )
    service_clock_s: float = Field(default=60.0, gt=0, description="How often the passport clock runs.")
    smtp_host: str | None = Field(default=None, description="SMTP server for applicant notices.")
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "paspor@gerbang.invalid"
    mailer_every_s: float = Field(default=10.0, gt=0, description="How often queued notices are mailed.")
    demo_bank: bool = Field(
        default=False, description="Serve the simulated bank page /demo-bank (the demo platform only)."
    )
    keys_dir: Path | None = Field(
        default=None,
        description="The center's signing keys and payment secret, kept apart from the data directory "
        "so every site can hold the same copy; DATA/keys when unset.",
    )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("sqlite", "postgresql")):
            raise ValueError("GERBANG_DATABASE_URL must start with sqlite:// or postgresql://")
        return url

    @property
    def effective_trust_file(self) -> Path:
        """Where an edge finds the center's reference public keys."""
        return self.trust_file or self.data_dir / "trust" / "reference-keys.json"

    @property
    def effective_keys_dir(self) -> Path:
        """Where the center keeps its signing keys and the payment secret."""
        return self.keys_dir or self.data_dir / "keys"

    @property
    def center_urls(self) -> list[str]:
        """Every center an edge may use, in the order to try them (center_url is comma-separated)."""
        return [url.strip().rstrip("/") for url in (self.center_url or "").split(",") if url.strip()]

    @property
    def effective_database_url(self) -> str:
        """The database to use: the configured URL, or SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'gerbang.db').as_posix()}"


# The TOML path is module state only for the duration of one read_settings() call.
_TOML_FILE: list[Path | None] = [None]


def read_settings(cls: type[S], toml_file: Path | None, *, what: str, **overrides: Any) -> S:
    """Build `cls` from `overrides`, the environment and `toml_file`; raise InvalidInput if bad."""
    _TOML_FILE[0] = toml_file
    try:
        return cls(**overrides)
    except ValueError as exc:
        raise InvalidInput("settings.invalid", what=what, exc=exc) from exc
    finally:
        _TOML_FILE[0] = None


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from `overrides`, the environment and `config_file`; raise InvalidInput if bad."""
    if config_file is not None and not config_file.is_file():
        raise InvalidInput("settings.no_file", field="config", config_file=config_file)
    given = {k: v for k, v in overrides.items() if v is not None}
    return read_settings(Settings, config_file, what="settings", **given)
