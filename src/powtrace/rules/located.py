"""YAML read into plain dicts and lists that remember their line numbers.

``yaml.safe_load`` forgets where things were; a lawyer editing a rule needs "line 14: unknown
event type". We compose the node tree (which keeps marks) and build :class:`LDict` and
:class:`LList` from it, refusing duplicate keys that PyYAML would silently drop.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor


class LDict(dict):  # type: ignore[type-arg]
    """A mapping from a YAML file, with the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of ``key``, else of the mapping itself."""
        return self.key_lines.get(key, self.line)


class LList(list):  # type: ignore[type-arg]
    """A sequence from a YAML file, with the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """The line of item ``index``."""
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def line_of(value: Any, default: int = 0) -> int:
    """The line a located value starts on, or ``default`` for plain scalars."""
    return getattr(value, "line", default) or default


class DuplicateKey(yaml.YAMLError):
    """A key given twice in one mapping."""

    def __init__(self, key: Any, line: int) -> None:
        super().__init__(f"'{key}' is given twice in the same mapping")
        self.line = line


def load_located(text: str) -> Any:
    """Parse YAML text into LDict/LList/scalars; raise yaml.YAMLError with marks on bad YAML."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return None
    return _build(node, SafeConstructor())


def _build(node: yaml.Node, scalars: SafeConstructor) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _build(key_node, scalars)
            if isinstance(key, (LDict, LList)):
                raise DuplicateKey("a mapping or list used as a key", key_node.start_mark.line + 1)
            if key in out:
                raise DuplicateKey(key, key_node.start_mark.line + 1)
            out[key] = _build(value_node, scalars)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_build(item, scalars) for item in node.value)
        seq.line, seq.item_lines = line, [item.start_mark.line + 1 for item in node.value]
        return seq
    return scalars.construct_object(node, deep=True)
