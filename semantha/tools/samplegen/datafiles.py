"""The generator's word lists, phrases and topic tables, shipped as files in ``data/``.

YAML files are checked against a pydantic model when a module loads them, so a
misspelt key or a list where a pair belongs fails at import, not in letter 4,000.
"""

from __future__ import annotations

from importlib import resources
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict

# libyaml's parser when PyYAML was built with it; same results, much faster
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PACKAGE = "semantha.tools.samplegen"


class DataFile(BaseModel):
    """Base of the models of the data files: unknown keys are errors, fields read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


M = TypeVar("M", bound=DataFile)


def read_text(name: str) -> str:
    """The text of ``data/<name>`` from the installed package."""
    return (resources.files(PACKAGE) / "data" / name).read_text(encoding="utf-8")


def load(name: str, model: type[M]) -> M:
    """The YAML file ``data/<name>`` as ``model``."""
    return model.model_validate(yaml.load(read_text(name), Loader=_Loader))
