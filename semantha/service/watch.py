"""Watch the inbox: report each file once, when it is complete and safe to take.

A file is ready when its size and mtime have been quiet for ``stable_after_s``, it
can be opened, and its format says it is complete (``filecomplete``: a scanner may
pause longer than the quiet time). A file that stays quiet but incomplete for
``incomplete_wait_s`` is taken as it is (the pipeline quarantines it with a reason).
Native file-system events (watchdog) only make us look sooner; a scan at start-up and
a periodic rescan find whatever the events missed, and the polling observer serves
network shares (SMB/NFS) that send no events. OS junk, partial uploads and hidden
files are never reported. Symbolic links, FIFOs, sockets and devices are never
opened for reading (a FIFO would block the service); they are logged once each and
listed in ``special`` for ``semantha status``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import structlog
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from semantha import filecomplete, fsutil
from semantha.config import Paths
from semantha.errors import ConfigError

log = structlog.get_logger(__name__)

JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})
PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".filepart", ".partial", ".download")


def is_junk(name: str) -> bool:
    """OS droppings, Office lock files, hidden files and unfinished uploads."""
    lower = name.lower()
    return lower in JUNK_NAMES or name.startswith(("~$", ".")) or lower.endswith(PARTIAL_SUFFIXES)


def source_folder(path: Path, inbox: Path) -> str:
    """The subfolder of the inbox a file came from ("" for the inbox itself), POSIX style."""
    return path.parent.relative_to(inbox).as_posix().removeprefix(".")


def check_layout(paths: Paths) -> None:
    """Refuse outputs that lie under the inbox once symlinks are resolved.

    config.py checks the paths as written; a symlink can still point an output back
    into the inbox, and then Semantha would read its own deliveries as new mail.
    """
    inbox = paths.inbox.resolve()
    for name, path in paths.outputs().items():
        real = path.resolve()
        if real == inbox or inbox in real.parents or real in inbox.parents:
            raise ConfigError(
                f"paths.{name} ({path} -> {real}) lies inside or contains the inbox ({inbox})",
                "point the output folders (and their symlinks) outside the inbox",
            )


@dataclass(frozen=True)
class ReadyFile:
    """A file in the inbox that is ready to take, with the subfolder it came from."""

    path: Path
    source_folder: str


def special_kind(mode: int) -> str:
    """What a directory entry that is neither a regular file nor a folder is."""
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def scan(inbox: Path, special: dict[Path, str]) -> Iterator[Path]:
    """Every non-junk regular file under the inbox; symlinks and hidden folders are skipped.

    Symlinks, FIFOs, sockets and devices found are put into ``special`` with their kind."""
    stack = [inbox]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            log.warning("watch.scan_failed", error=type(exc).__name__)
            continue
        for entry in entries:
            if is_junk(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                yield Path(entry.path)
            else:
                with contextlib.suppress(OSError):  # gone meanwhile
                    special[Path(entry.path)] = special_kind(
                        entry.stat(follow_symlinks=False).st_mode
                    )


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    quiet_since: float


class StabilityTracker:
    """Remembers size and mtime per file; a file is stable when both were quiet long enough
    and its format says it is complete (or it stayed quiet ``incomplete_wait_s``).

    Entries that turn out not to be regular files (a FIFO swapped in under a tracked
    name) are dropped and put into ``special``."""

    def __init__(
        self,
        stable_after_s: float,
        clock: Callable[[], float],
        incomplete_wait_s: float = 300.0,
    ) -> None:
        self._stable_after_s = stable_after_s
        self._incomplete_wait_s = max(incomplete_wait_s, stable_after_s)
        self._clock = clock
        self._seen: dict[Path, _Seen] = {}
        self.special: dict[Path, str] = {}

    def __len__(self) -> int:
        return len(self._seen)

    def observe(self, path: Path) -> None:
        self._seen.setdefault(path, _Seen(-1, -1, self._clock()))

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)

    def stable(self) -> list[Path]:
        """Re-stat every tracked file; return (and stop tracking) the ones that are ready."""
        now = self._clock()
        ready: list[Path] = []
        for path, seen in list(self._seen.items()):
            try:
                st = path.stat(follow_symlinks=False)
            except OSError:
                del self._seen[path]  # gone (moved away or deleted by its writer)
                continue
            if not stat.S_ISREG(st.st_mode):
                del self._seen[path]
                self.special[path] = special_kind(st.st_mode)
            elif (st.st_size, st.st_mtime_ns) != (seen.size, seen.mtime_ns):
                self._seen[path] = _Seen(st.st_size, st.st_mtime_ns, now)
            elif now - seen.quiet_since >= self._stable_after_s and self._ready(
                path, now - seen.quiet_since
            ):
                ready.append(path)
                del self._seen[path]
        return ready

    def _ready(self, path: Path, quiet_s: float) -> bool:
        """Openable (another program may hold it: Windows locks a file while writing)
        and complete, or quiet for so long that no writer will come back."""
        try:
            if filecomplete.complete(path):
                return True
        except fsutil.NotRegularFileError:
            return False  # swapped a moment ago: the next look sees what it is now
        except OSError:
            return False
        if quiet_s < self._incomplete_wait_s:
            return False
        log.warning("watch.incomplete_taken", quiet_s=round(quiet_s, 1))
        return True


class _Touched(FileSystemEventHandler):
    """Collects paths named by file-system events; the tracker decides when they are ready."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[Path] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                with self._lock:
                    self._paths.add(Path(os.fsdecode(raw)))

    def drain(self) -> set[Path]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


class InboxWatcher:
    """Reports each complete inbox file once, until the service says it is gone.

    ``poll()`` is called from the service loop; nothing here takes a file away, so a
    file that fails intake is simply reported again after ``release``.
    """

    def __init__(
        self,
        inbox: Path,
        stable_after_s: float,
        rescan_interval_s: float,
        polling: bool = False,
        poll_interval_s: float = 1.0,
        clock: Callable[[], float] | None = None,
        incomplete_wait_s: float = 300.0,
    ) -> None:
        self.inbox = inbox.resolve()
        self._clock = clock or time.monotonic
        self._tracker = StabilityTracker(stable_after_s, self._clock, incomplete_wait_s)
        self._special: dict[Path, str] = {}  # never taken; each logged once
        self._rescan_interval_s = rescan_interval_s
        self._next_scan = 0.0  # scan at the first poll
        self._queued: set[Path] = set()
        self._touched = _Touched()
        self._observer: BaseObserver | None = None
        self._polling = polling
        self._poll_interval_s = poll_interval_s

    def start(self) -> None:
        """Subscribe to file-system events (or poll, for network shares)."""
        observer: BaseObserver = (
            PollingObserver(timeout=self._poll_interval_s) if self._polling else Observer()
        )
        observer.schedule(self._touched, str(self.inbox), recursive=True)
        observer.daemon = True
        observer.start()
        self._observer = observer

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    @property
    def pending(self) -> int:
        """Files seen but not yet quiet long enough."""
        return len(self._tracker)

    @property
    def special(self) -> dict[str, str]:
        """Symlinks, FIFOs, sockets and devices in the inbox (relative POSIX path -> kind)."""
        return {
            path.relative_to(self.inbox).as_posix(): kind for path, kind in self._special.items()
        }

    def poll(self) -> list[ReadyFile]:
        """Files that became ready since the last call; each is reported once."""
        if self._clock() >= self._next_scan:
            found: dict[Path, str] = {}
            for path in scan(self.inbox, found):
                self._consider(path)
            self._note_special(found, rescanned=True)
            self._next_scan = self._clock() + self._rescan_interval_s
        for path in self._touched.drain():
            self._consider(path)
        ready: list[ReadyFile] = []
        for path in self._tracker.stable():
            self._queued.add(path)
            ready.append(ReadyFile(path, source_folder(path, self.inbox)))
        if self._tracker.special:
            self._note_special(self._tracker.special, rescanned=False)
            self._tracker.special = {}
        return ready

    def _note_special(self, found: dict[Path, str], rescanned: bool) -> None:
        """Log each new special entry once; a full rescan also forgets the ones gone."""
        for path, kind in found.items():
            if self._special.get(path) != kind:
                # A hash, not the name: file names may carry personal data (status shows it).
                entry = hashlib.sha256(os.fsencode(path.relative_to(self.inbox))).hexdigest()
                log.warning("watch.ignored", kind=kind, entry=entry[:12])
        self._special = dict(found) if rescanned else {**self._special, **found}

    def release(self, path: Path) -> None:
        """The service is done with ``path``: report it again if it (re)appears."""
        self._queued.discard(path)
        self._tracker.forget(path)

    def defer(self, path: Path) -> None:
        """The service could not take ``path`` now: watch it again from the start."""
        self.release(path)
        self._consider(path)

    def _consider(self, path: Path) -> None:
        if path in self._queued or not self._inside(path):
            return
        self._tracker.observe(path)

    def _inside(self, path: Path) -> bool:
        """A regular, non-junk file below the inbox, reached without following a symlink."""
        try:
            relative = path.relative_to(self.inbox)
        except ValueError:
            return False
        if any(is_junk(part) for part in relative.parts):
            return False
        current = self.inbox
        for part in relative.parts:
            current = current / part
            if current.is_symlink():
                return False
        return path.is_file()
