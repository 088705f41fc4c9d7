"""Pages of one document read on several threads: order kept, read-ahead bounded."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from semantha.pipeline import in_order
from semantha.records import Page


class Tracker:
    """Counts pages taken from the source and pages being read at the same time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.taken = self.done = self.reading = self.most_reading = self.most_ahead = 0

    def pages(self, count: int) -> Iterator[Page]:
        for index in range(count):
            with self.lock:
                self.taken += 1
                self.most_ahead = max(self.most_ahead, self.taken - self.done)
            yield Page(index, None, 300)

    def read(self, parcel: list[Page]) -> Page:
        page = parcel.pop()
        with self.lock:
            self.reading += 1
            self.most_reading = max(self.most_reading, self.reading)
        time.sleep(0.02 if page.index % 3 else 0.05)  # later pages may finish first
        with self.lock:
            self.reading -= 1
        return Page(page.index, None, page.dpi, text=f"page {page.index}")

    def consume(self, pages: Iterator[Page]) -> list[Page]:
        out = []
        for page in pages:
            with self.lock:
                self.done += 1
            out.append(page)
        return out


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_pages_come_back_in_order_and_few_are_held(threads: int) -> None:
    tracker = Tracker()
    read = tracker.consume(in_order(tracker.read, tracker.pages(12), threads))
    assert [p.text for p in read] == [f"page {i}" for i in range(12)]
    assert tracker.most_reading <= threads
    # Never more pages rendered than threads reading them (plus the one being handed out).
    assert tracker.most_ahead <= threads + 1


def test_threads_read_at_the_same_time() -> None:
    tracker = Tracker()
    tracker.consume(in_order(tracker.read, tracker.pages(8), 2))
    assert tracker.most_reading == 2


def test_a_failing_page_stops_the_document() -> None:
    def read(parcel: list[Page]) -> Page:
        page = parcel.pop()
        if page.index == 3:
            raise ValueError("page 4 is unreadable")
        return page

    taken: list[int] = []

    def pages() -> Iterator[Page]:
        for index in range(50):
            taken.append(index)
            yield Page(index, None, 300)

    with pytest.raises(ValueError, match="page 4"):
        list(in_order(read, pages(), 2))
    assert len(taken) < 10  # the rest of a long document is not rendered after a failure
