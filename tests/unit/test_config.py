"""config.yaml: validated on load, errors name key, file and line; paths resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from semantha.config import CONFIG_ENV, AppConfig, config_path, load_config
from semantha.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
paths:
  inbox: in
  work: work
  dms_root: dms
  review: review
  quarantine: quarantine
  archive: archive
"""


def test_the_embedded_default_config_loads() -> None:
    config = load_config(ROOT / "config.yaml")
    assert config.paths.inbox == ROOT / "var" / "inbox"
    assert config.rules_dir == ROOT / "rules"
    assert config.ocr.languages == "deu+eng"


def test_relative_paths_are_resolved_against_the_config_folder(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, MINIMAL))
    assert config.paths.dms_root == tmp_path.resolve() / "dms"
    assert config.logging.file.is_absolute()


def test_unknown_key_names_key_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "ocr:\n  languages: deu\n  dpii: 300\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert f"{path}:10:3" in message
    assert "ocr.dpii" in message
    assert "unknown key" in message


def test_wrong_type_names_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "classify:\n  min_confidence: high\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"{path}:9:3: classify.min_confidence" in str(caught.value)
    assert "valid number" in str(caught.value)


def test_out_of_range_value_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"ocr\.dpi"):
        load_config(write(tmp_path, MINIMAL + "ocr:\n  dpi: 5000\n"))


def test_missing_paths_section_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="paths"):
        load_config(write(tmp_path, "ocr:\n  dpi: 300\n"))


def test_outputs_inside_the_inbox_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("dms_root: dms", "dms_root: in/dms"))
    with pytest.raises(ConfigError, match="inbox"):
        load_config(path)


def test_broken_yaml_points_at_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "ocr:\n\tdpi: 300\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"{path}:9:" in str(caught.value)
    assert "spaces, not tabs" in caught.value.hint


def test_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nowhere.yaml")
    assert CONFIG_ENV in caught.value.hint


def test_config_path_prefers_flag_then_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "env.yaml"))
    assert config_path(tmp_path / "flag.yaml") == tmp_path / "flag.yaml"
    assert config_path(None) == tmp_path / "env.yaml"
    monkeypatch.delenv(CONFIG_ENV)
    assert config_path(None) == Path("config.yaml")


def test_the_station_listens_on_this_machine_only_and_keeps_users_in_work(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, MINIMAL))
    assert config.station.host == "127.0.0.1"
    assert config.station.auth == "password"
    assert config.users_file == tmp_path / "work" / "users.json"


def test_a_relative_users_file_is_resolved_against_the_config_folder(tmp_path: Path) -> None:
    text = MINIMAL + "station:\n  users_file: etc/users.json\n  auth: proxy\n"
    config = load_config(write(tmp_path, text))
    assert config.users_file == tmp_path / "etc" / "users.json"
    assert config.station.proxy_header == "X-Remote-User"


def test_workers_are_local_unless_celery_is_chosen(tmp_path: Path) -> None:
    assert load_config(ROOT / "config.yaml").service.executor == "local"
    config = load_config(
        write(tmp_path, MINIMAL + "service:\n  executor: celery\n  broker_url: redis://q:6379/1\n")
    )
    assert (config.service.executor, config.service.broker_url) == ("celery", "redis://q:6379/1")
    with pytest.raises(ConfigError, match="executor"):
        load_config(write(tmp_path, MINIMAL + "service:\n  executor: rabbit\n"))


def test_stacks_are_not_cut_by_celery_workers(tmp_path: Path) -> None:
    names = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    paths = {name: str(tmp_path / name) for name in names}
    celery = {"executor": "celery"}
    AppConfig.model_validate({"paths": paths, "service": celery, "separation": {"*": "none"}})
    with pytest.raises(ValueError, match=r"separation .* local only"):
        AppConfig.model_validate(
            {"paths": paths, "service": celery, "separation": {"stapel": "auto"}}
        )
