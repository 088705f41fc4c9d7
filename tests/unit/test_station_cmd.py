"""`semantha users add`: who may log in to the review station."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reviewdocs import write_config

from semantha.cli import main
from semantha.config import load_config
from semantha.station import users
from semantha.station.users import User, UsersFile


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)
    monkeypatch.setattr(users, "SCRYPT_P", 1)


def test_users_add_reads_the_password_from_stdin_for_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("Rathaus-Poststelle-7\n"))
    args = ["--config", str(config), "users", "add", "mueller", "--office", "63"]
    assert main([*args, "--password-stdin"]) == 0
    assert "added user mueller (office 63)" in capsys.readouterr().out
    users_file = UsersFile(load_config(config).users_file)
    assert users_file.authenticate("mueller", "Rathaus-Poststelle-7") == User("mueller", "63")


def test_users_add_asks_twice_at_the_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    answers = iter(["Rathaus-Poststelle-7", "Rathaus-Poststelle-8"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["--config", str(config), "users", "add", "mueller"]) == 1
    assert "the two passwords differ" in capsys.readouterr().err
    assert not load_config(config).users_file.exists()


def test_users_add_refuses_an_office_the_rules_do_not_know(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("Rathaus-Poststelle-7\n"))
    args = ["--config", str(config), "users", "add", "mueller", "--office", "99"]
    assert main([*args, "--password-stdin"]) == 1
    assert "there is no office '99'" in capsys.readouterr().err
