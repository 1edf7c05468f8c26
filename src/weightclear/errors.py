"""The errors weightclear raises on purpose; the CLI turns each into exit code 2."""

from __future__ import annotations


class WeightclearError(Exception):
    """Base of every error a user can cause and fix."""


class InputError(WeightclearError):
    """A file or argument given by the user is wrong; says what and where."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class ConfigError(WeightclearError):
    """weightclear.toml is invalid; names the file, key and line."""

    def __init__(
        self, message: str, *, path: str | None = None, key: str | None = None, line: int | None = None
    ) -> None:
        self.path = path
        self.key = key
        self.line = line
        parts = [p for p in (path, str(line) if line else None) if p]
        where = ":".join(parts)
        keypart = f" [{key}]" if key else ""
        super().__init__(f"{where}{keypart}: {message}" if where or keypart else message)


class KnowledgeError(WeightclearError):
    """The bundled knowledge base is inconsistent (a packaging bug, not a user error)."""


class RegistryError(WeightclearError):
    """The registry refused an operation (conflict, separation of duties, missing row)."""
