"""How fast the review station shows a document (budget: 300 ms for the page, 300 ms for
a page image seen for the first time), served through the app with a busy queue.

Run: .venv/bin/pytest benchmarks/test_bench_station.py -p no:cacheprovider
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from reviewdocs import put_in_review, station_config

from semantha.cli.logsetup import configure_logging
from semantha.service.worker import build_context
from semantha.station.app import Station, create_app
from semantha.station.users import UsersFile

BUDGET_S = 0.300
QUEUE = 40  # documents waiting: a busy morning in a city's mailroom
PASSWORD = "Benchmark-Passwort-1"
LETTER = "Stadt Musterstadt\nOrdnungsamt\n" + "Sehr geehrte Damen und Herren,\n" * 40
# A scanner's PDF (one JPEG a page), a bitonal G4 TIFF, a born-digital PDF (rendered).
KINDS = {
    "pdf-scan": "001-10-hausmitteilung-named.pdf",
    "tiff-g4": "003-12-antrag-named-g4.tiff",
    "pdf-digital": "009-33-sonstiges-named-digital.pdf",
}


def median_s(benchmark: BenchmarkFixture) -> float:
    """Median seconds per call: robust against other jobs on a shared machine."""
    assert benchmark.stats is not None
    return float(statistics.median(benchmark.stats.stats.data))


@pytest.fixture(scope="module")
def station(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A logged-in client and the review id of each kind of scan among ``QUEUE`` waiting."""
    configure_logging(None, "INFO", console_level=None)  # as `semantha serve` runs
    config = station_config(tmp_path_factory.mktemp("station"))
    ids = {kind: put_in_review(config, sample, text=LETTER) for kind, sample in KINDS.items()}
    for n in range(QUEUE - len(ids)):
        put_in_review(config, KINDS["pdf-scan"], text=LETTER, copy_as=f"scan-{n:03d}.pdf")
    UsersFile(config.users_file).add("clerk", PASSWORD, None)
    with TestClient(create_app(config, build_context(config))) as client:
        page = client.get("/anmelden").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        form = {"name": "clerk", "password": PASSWORD, "csrf_token": token.group(1)}
        assert client.post("/anmelden", data=form).status_code == 200
        yield client, ids


@pytest.mark.parametrize("kind", list(KINDS))
def test_document_page(
    benchmark: BenchmarkFixture, station: tuple[TestClient, dict[str, str]], kind: str
) -> None:
    client, ids = station
    answer = benchmark(client.get, f"/dokument/{ids[kind]}")
    assert answer.status_code == 200 and "Erkannter Text" in answer.text
    assert median_s(benchmark) <= BUDGET_S


@pytest.mark.parametrize("kind", list(KINDS))
def test_page_image_seen_first(
    benchmark: BenchmarkFixture, station: tuple[TestClient, dict[str, str]], kind: str
) -> None:
    client, ids = station
    kept: Station = client.app.state.station  # type: ignore[attr-defined]

    def forget() -> None:
        kept.images._pages.clear()  # every round renders the page anew

    answer = benchmark.pedantic(
        client.get, args=(f"/dokument/{ids[kind]}/seite/1",), setup=forget, rounds=15
    )
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg"
    assert median_s(benchmark) <= BUDGET_S


def test_page_image_seen_again(
    benchmark: BenchmarkFixture, station: tuple[TestClient, dict[str, str]]
) -> None:
    client, ids = station
    answer = benchmark(client.get, f"/dokument/{ids['pdf-scan']}/seite/1")
    assert answer.status_code == 200
    assert median_s(benchmark) <= BUDGET_S
