"""Pages for the review station: rendered at screen resolution, upright, kept a while."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from reviewdocs import SAMPLES, put_in_review, station_config

from semantha.delivering import kepttext
from semantha.errors import InputError
from semantha.records import Document, Page, Reading
from semantha.service.review import ReviewQueue
from semantha.station.pages import PageImages

SCAN = SAMPLES / "035-none-private.jpg"  # A4 at 300 dpi


def size(jpeg: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG"
        return image.size


def test_a_page_is_shown_at_screen_resolution_and_turned_upright() -> None:
    images = PageImages(dpi=100)
    assert size(images.jpeg(SCAN, "a" * 64, 0)) == (827, 1169)
    assert size(images.jpeg(SCAN, "a" * 64, 0, turns=1)) == (1169, 827)


def test_the_last_pages_are_kept_and_the_oldest_let_go(tmp_path: Path) -> None:
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(SCAN.read_bytes())
    images = PageImages(dpi=50, kept=1)
    first = images.jpeg(scan, "a" * 64, 0)
    scan.unlink()  # kept: served without the file
    assert images.jpeg(scan, "a" * 64, 0) == first
    scan.write_bytes(SCAN.read_bytes())
    images.jpeg(scan, "b" * 64, 0)
    scan.unlink()
    with pytest.raises(InputError):  # let go: read again, and the file is gone
        images.jpeg(scan, "a" * 64, 0)


def test_a_page_warmed_in_the_background_is_served_without_the_file(tmp_path: Path) -> None:
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(SCAN.read_bytes())
    images = PageImages(dpi=50)
    images.warm(scan, "a" * 64, 0)
    images._warmer.shutdown(wait=True)  # the warming has finished
    scan.unlink()
    assert size(images.jpeg(scan, "a" * 64, 0)) == (413, 585)


def test_a_page_that_cannot_be_made_is_tried_again_next_time(tmp_path: Path) -> None:
    scan = tmp_path / "scan.jpg"
    images = PageImages(dpi=50)
    with pytest.raises(InputError):
        images.jpeg(scan, "a" * 64, 0)
    scan.write_bytes(SCAN.read_bytes())
    assert size(images.jpeg(scan, "a" * 64, 0)) == (413, 585)


def test_the_turns_found_in_reading_are_kept_for_the_review_queue(tmp_path: Path) -> None:
    config = station_config(tmp_path)
    review_id = put_in_review(config, SCAN.name, text="Antrag")
    queue = ReviewQueue(config)
    item = queue.find(review_id)
    assert queue.turns(item) == (0,)
    page = Page(0, None, 300, text="Antrag", reading=Reading.OCR, quarter_turns=3)
    kepttext.keep(config.paths.work, Document(item.sha256, item.file, datetime.now(UTC), (page,)))
    assert queue.turns(item) == (3,)
