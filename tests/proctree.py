"""Memory of a process and all its descendants (fork server, workers), read from /proc."""

from __future__ import annotations

from pathlib import Path


def tree_memory_kb(pid: int, field: str = "VmRSS") -> dict[int, int]:
    """``field`` of /proc/<pid>/status (VmRSS now, VmHWM peak) for ``pid`` and descendants, kB."""
    parents: dict[int, int] = {}
    values: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(proc.name)] = int(fields.get("PPid", "0").strip())
        values[int(proc.name)] = int(fields.get(field, "0 kB").split()[0])
    tree = {pid}
    while children := {c for c, p in parents.items() if p in tree} - tree:
        tree |= children
    return {p: values.get(p, 0) for p in tree}
