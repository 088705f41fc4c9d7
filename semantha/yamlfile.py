"""Read YAML files for people who are not programmers: errors name file, line and column.

PyYAML's composed node tree keeps the position of every key and value; we walk it
along a pydantic error location to point at the exact spot to change.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from semantha.errors import ConfigError

M = TypeVar("M", bound=BaseModel)
# Rule files of a large city are tens of KB; megabytes are a mistake (a generated or
# pasted file) that would take minutes to check and slow every document down.
MAX_YAML_BYTES = 2 * 1024 * 1024
# libyaml's parser, 20 times faster than PyYAML's own; the same nodes, marks and errors.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Return (data, node tree) of a YAML file; raise ConfigError with the position.

    A key given twice in one mapping is an error (YAML would keep the last silently),
    and so is a file larger than ``MAX_YAML_BYTES``."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise ConfigError(
                f"{path}: the file is {size:,} bytes, more than the limit of "
                f"{MAX_YAML_BYTES:,} bytes for a configuration or rule file — remove "
                "generated or repeated entries (a city's rules take a few dozen KB)",
                "shorten the file; the previous rules stay in use until then",
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found", "create it or fix the path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}", "save it as UTF-8 text") from exc
    # One parse gives both: the data is constructed from the node tree.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        _refuse_duplicate_keys(path, node)
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(
            f"{where}: not valid YAML: {exc.problem}",
            "check indentation (spaces, not tabs) and that every ':' is followed by a space",
        ) from exc
    finally:
        loader.dispose()
    return data, node


def _refuse_duplicate_keys(path: Path, root: yaml.Node | None) -> None:
    """ConfigError naming every key that appears twice in one mapping, with both lines."""
    problems: list[tuple[int, str]] = []
    seen_nodes: set[int] = set()  # aliases share nodes: each is checked once
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key, value in node.value:
                stack.append(value)
                if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                    continue
                if key.value in first:
                    mark, earlier = key.start_mark, first[key.value].start_mark
                    problems.append(
                        (
                            mark.line,
                            f"{path}:{mark.line + 1}:{mark.column + 1}: key '{key.value}' is "
                            f"given twice in the same block (first at line {earlier.line + 1})"
                            " — keep one",
                        )
                    )
                else:
                    first[key.value] = key
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    if problems:
        raise ConfigError(
            "\n".join(text for _, text in sorted(problems)),
            "keep one of each: YAML would use the last and silently ignore the first",
        )


def locate(node: yaml.Node | None, loc: Sequence[str | int]) -> tuple[int, int] | None:
    """1-based (line, column) of the deepest node along ``loc`` that exists."""
    if node is None:
        return None
    found = node
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(found, yaml.MappingNode):
            for key, value in found.value:
                if key.value == str(part):
                    # point at the key when the key itself is the problem (extra key)
                    child = value if part != loc[-1] else key
                    break
        elif (
            isinstance(found, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(found.value)
        ):
            child = found.value[part]
        if child is None:
            break
        found = child
    return found.start_mark.line + 1, found.start_mark.column + 1


def describe_errors(path: Path, node: yaml.Node | None, error: ValidationError) -> list[str]:
    """One line per problem: ``file:line:col: key.path: message``."""
    lines = []
    for item in error.errors():
        loc = [p for p in item["loc"] if isinstance(p, str | int)]
        pos = locate(node, loc)
        where = f"{path}:{pos[0]}:{pos[1]}" if pos else str(path)
        key = ".".join(str(p) for p in loc) or "(top level)"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key; remove it or check its spelling"
        lines.append(f"{where}: {key}: {message}")
    return lines


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` for the closest candidate, or "" when none is close."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def key_names(model: type[BaseModel]) -> set[str]:
    """Every key (alias if any) that ``model`` and the models nested in it accept."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(info.alias or name)
            for arg in _nested_types(info.annotation):
                visit(arg)

    visit(model)
    return names


def _nested_types(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _nested_types(arg)]


def load_model(path: Path, model: type[M], context: dict[str, Any] | None = None) -> M:
    """Validate a YAML file against a pydantic model; ConfigError lists every problem."""
    data, node = read_yaml(path)
    try:
        return model.model_validate(data if data is not None else {}, context=context)
    except ValidationError as exc:
        problems = describe_errors(path, node, exc)
        raise ConfigError(
            "\n".join(problems), f"fix {len(problems)} problem(s) in {path.name}"
        ) from exc
