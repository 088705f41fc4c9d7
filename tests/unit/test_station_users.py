"""The review station's users file and session secret: scrypt hashes, private files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from semantha.errors import ConfigError, SemanthaError, StartupError
from semantha.station import users
from semantha.station.secret import session_secret
from semantha.station.users import User, UsersFile

PASSWORD = "Rathaus-Poststelle-7"


@pytest.fixture
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap scrypt parameters (stored with each hash) where cost is not the point."""
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)
    monkeypatch.setattr(users, "SCRYPT_P", 1)


def test_a_hash_is_salted_keeps_its_parameters_and_checks_only_its_password() -> None:
    first, second = users.hash_password(PASSWORD), users.hash_password(PASSWORD)
    assert first != second  # a random salt each time
    scheme, n, r, p, _salt, _key = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 3)
    assert users.password_matches(PASSWORD, first)
    assert not users.password_matches(PASSWORD + "x", first)
    assert not users.password_matches(PASSWORD, "garbage")


def test_a_hash_made_with_other_parameters_still_checks() -> None:
    # Parameters raised later must not lock out users whose hashes are older.
    salt = b"0123456789abcdef"
    key = users._scrypt(PASSWORD, salt, 2**10, 8, 1)
    stored = f"scrypt$1024$8$1${users._b64(salt)}${users._b64(key)}"
    assert users.password_matches(PASSWORD, stored)


@pytest.mark.usefixtures("fast_hashes")
def test_users_are_added_privately_and_authenticated(tmp_path: Path) -> None:
    file = UsersFile(tmp_path / "work" / "users.json")
    assert file.add("mueller", PASSWORD, "63") is True
    assert file.add("schmidt", PASSWORD + "!", None) is True
    assert stat.S_IMODE(file.path.stat().st_mode) == 0o600
    assert PASSWORD not in file.path.read_text(encoding="utf-8")
    assert file.authenticate("mueller", PASSWORD) == User("mueller", "63")
    assert file.authenticate("mueller", PASSWORD + "!") is None
    assert file.authenticate("niemand", PASSWORD) is None
    assert file.find("schmidt") == User("schmidt", None)


@pytest.mark.usefixtures("fast_hashes")
def test_adding_a_user_again_changes_password_and_office(tmp_path: Path) -> None:
    file = UsersFile(tmp_path / "users.json")
    file.add("mueller", PASSWORD, "63")
    assert file.add("mueller", "ein ganz neues Passwort", None) is False
    assert file.authenticate("mueller", PASSWORD) is None
    assert file.authenticate("mueller", "ein ganz neues Passwort") == User("mueller", None)
    assert list(json.loads(file.path.read_text(encoding="utf-8"))["users"]) == ["mueller"]


@pytest.mark.parametrize("name", ["", " mueller", "a\nb", "x" * 65])
def test_unusable_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(SemanthaError) as caught:
        UsersFile(tmp_path / "users.json").add(name, PASSWORD, None)
    assert caught.value.hint


def test_short_passwords_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SemanthaError, match="shorter"):
        UsersFile(tmp_path / "users.json").add("mueller", "kurz", None)


def test_a_damaged_users_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError):
        UsersFile(path).find("mueller")


def test_the_session_secret_is_made_once_and_private(tmp_path: Path) -> None:
    work = tmp_path / "work"
    secret = session_secret(work)
    assert len(secret) >= 64
    assert session_secret(work) == secret
    path = next(work.iterdir())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_session_secret_others_can_read_stops_the_start(tmp_path: Path) -> None:
    session_secret(tmp_path)
    path = next(tmp_path.iterdir())
    path.chmod(0o644)
    with pytest.raises(StartupError, match="can be read by other users"):
        session_secret(tmp_path)
