"""A bounded store, least recently used first out: what the process keeps of computed
figures and of their drawings. No I/O; one event loop uses it, so no lock."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedLru(Generic[V]):
    """At most `entries` values by key; reading or writing one makes it the most recent."""

    def __init__(self, entries: int) -> None:
        if entries < 1:
            raise ValueError("keep at least one entry")
        self._entries = entries
        self._kept: OrderedDict[Hashable, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable) -> V | None:
        value = self._kept.get(key)
        if value is not None:
            self._kept.move_to_end(key)
        return value

    def put(self, key: Hashable, value: V) -> V:
        self._kept[key] = value
        self._kept.move_to_end(key)
        while len(self._kept) > self._entries:
            self._kept.popitem(last=False)
        return value

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        value = self.get(key)
        return self.put(key, make()) if value is None else value

    def items(self) -> Iterator[tuple[Hashable, V]]:
        return iter(list(self._kept.items()))

    def pop(self, key: Hashable) -> V | None:
        return self._kept.pop(key, None)

    def clear(self) -> None:
        self._kept.clear()
