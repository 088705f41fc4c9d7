"""Templates in rule files: ``{name}`` and ``{name|fallback}``, checked and filled."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import regex

TEMPLATE_FIELD = regex.compile(r"\{([^{}]*)\}")
NAME = regex.compile(r"[A-Za-z_][A-Za-z0-9_]*")
"""A value name: a field, a regex group or a built-in value."""


def check_template(value: str) -> str:
    """``value`` unchanged; ValueError when a ``{...}`` is not a name or a brace is unbalanced."""
    for content in TEMPLATE_FIELD.findall(value):
        names = content.split("|")
        if not all(NAME.fullmatch(n.strip()) for n in names):
            raise ValueError(
                f"'{{{content}}}' is not a template value; write {{name}} or {{name|fallback}}"
            )
    if regex.search(r"(?<!\{)\{(?![^{}]*\})|(?<!\{[^{}]*)\}", value):
        raise ValueError("unbalanced '{' or '}' in template")
    return value


def render_template(
    template: str, values: Mapping[str, str], clean: Callable[[str], str] | None = None
) -> str:
    """Fill ``{name}`` and ``{name|fallback}`` from ``values`` (missing -> empty text).

    ``clean`` is applied to each value before it is inserted (route uses it so that no
    value can add a path separator).
    """

    def fill(match: regex.Match[str]) -> str:
        for name in match.group(1).split("|"):
            value = values.get(name.strip(), "")
            value = clean(value) if clean is not None else value
            if value:
                return value
        return ""

    return str(TEMPLATE_FIELD.sub(fill, template))


def template_names(value: str) -> list[str]:
    """The value names a template uses, including fallbacks: ``{a|b}`` -> a, b."""
    return [n.strip() for content in TEMPLATE_FIELD.findall(value) for n in content.split("|")]
