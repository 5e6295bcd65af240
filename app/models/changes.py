"""The change-set a service operation returns, so views refresh only what it names."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Which records an operation inserted, updated or deleted, by entity name ('session', ...)."""

    inserted: dict[str, frozenset[str]] = field(default_factory=dict)
    updated: dict[str, frozenset[str]] = field(default_factory=dict)
    deleted: dict[str, frozenset[str]] = field(default_factory=dict)

    def touches(self, entity: str) -> bool:
        return any(entity in part for part in (self.inserted, self.updated, self.deleted))

    def ids(self, entity: str) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for part in (self.inserted, self.updated, self.deleted):
            out |= part.get(entity, frozenset())
        return out

    def __bool__(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)

    def __or__(self, other: Changes) -> Changes:
        def merge(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]):
            return {k: a.get(k, frozenset()) | b.get(k, frozenset()) for k in a.keys() | b.keys()}

        return Changes(
            merge(self.inserted, other.inserted),
            merge(self.updated, other.updated),
            merge(self.deleted, other.deleted),
        )
