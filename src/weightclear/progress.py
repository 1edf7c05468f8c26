"""Progress reporting without Rich: library code calls a Progress, the CLI supplies one."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Observer of long runs; every method must be cheap and must never raise."""

    def start(self, description: str, total: int | None = None) -> None: ...

    def advance(self, amount: int = 1) -> None: ...

    def finish(self) -> None: ...


class NullProgress:
    """The default: reports nothing."""

    def start(self, description: str, total: int | None = None) -> None:
        return None

    def advance(self, amount: int = 1) -> None:
        return None

    def finish(self) -> None:
        return None
