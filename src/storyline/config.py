"""Settings: package defaults -> user file -> environment -> command-line flags.

Defaults ship inside the package (``defaults.toml``). A user file overrides only the keys it
sets, so an upgrade that adds a setting never breaks an old user file.
"""

from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError

USER_FILES = (Path("storyline.toml"), Path.home() / ".config" / "storyline" / "config.toml")


@dataclass(frozen=True)
class Settings:
    """Merged settings, read with ``settings.get("nlp.model")``."""

    values: dict[str, Any]

    def get(self, dotted: str) -> Any:
        node: Any = self.values
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError(f"unknown setting {dotted!r}")
            node = node[part]
        return node

    def with_overrides(self, overrides: dict[str, Any]) -> "Settings":
        """Return new settings with dotted keys replaced (``None`` values are ignored)."""
        values = copy.deepcopy(self.values)
        for dotted, value in overrides.items():
            if value is None:
                continue
            *parents, leaf = dotted.split(".")
            node = values
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        return Settings(values)


def load_settings(config_file: str | Path | None = None) -> Settings:
    """Merge package defaults, the user file (if any) and ``STORYLINE_*`` environment variables."""
    values = _read_defaults()
    user_file = _find_user_file(config_file)
    if user_file is not None:
        _merge(values, _read_toml(user_file))
    settings = Settings(values)
    return settings.with_overrides(
        {
            "store.db": os.environ.get("STORYLINE_DB"),
            "nlp.model": os.environ.get("STORYLINE_MODEL"),
            "resolve.aliases_file": os.environ.get("STORYLINE_ALIASES"),
        }
    )


def _read_defaults() -> dict[str, Any]:
    text = resources.files("storyline").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _find_user_file(explicit: str | Path | None) -> Path | None:
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file {path} does not exist; pass an existing TOML file")
        return path
    env_file = os.environ.get("STORYLINE_CONFIG")
    if env_file:
        return _find_user_file(env_file)
    return next((path for path in USER_FILES if path.is_file()), None)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc


def _merge(base: dict[str, Any], override: dict[str, Any]) -> None:
    """Recursively copy ``override`` into ``base``: tables merge, other values replace."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
