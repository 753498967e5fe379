"""Where an index run's time goes: ``py-spy`` samples of the writer and its workers.

``bench/run.py --profile`` runs the index and update tasks under
``py-spy record --subprocesses --format raw`` and keeps, per process kind, the
functions that were on the stack in the largest share of samples. py-spy
samples the running processes from outside (no tracing overhead), so the
shares are those of an unprofiled run.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

# Frames every sample of a kind shares, which say nothing about where time goes.
_PLUMBING = re.compile(
    r"^(<module>|_bootstrap|run|worker|mapstar|start|_launch|__init__|_Popen|Pool|_repopulate"
    r"|Process\.|BaseProcess|Popen|ForkProcess|BaseContext|_call_with_frames|_find_and_load"
    r"|_load_unlocked|exec_module|_handle_fromlist)"
)
TOP = 15
COMMON = 0.9


def _frames(stack: str) -> tuple[str, list[str]]:
    """(process kind, readable frames) of one raw py-spy stack line.

    Each stack starts with its process (``process PID:"command"``); a worker's
    stack starts with the indexer's and then its own.
    """
    frames = stack.split(";")
    starts = [i for i, f in enumerate(frames) if f.startswith("process ")]
    kind = "workers" if len(starts) > 1 else "writer"
    out = []
    for frame in frames[(starts[-1] + 1 if starts else 0) :]:
        name, _, where = frame.partition(" (")
        module = re.sub(r"^.*/(site-packages|src)/", "", where.rstrip(")"))
        out.append(f"{name} ({re.sub(r':[0-9]+$', '', module)})")
    return kind, out


def summarise(raw: Path) -> dict[str, dict[str, object]]:
    """Per process kind: samples, and the top functions by inclusive share of them."""
    samples: collections.Counter[str] = collections.Counter()
    inclusive: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        kind, frames = _frames(stack)
        samples[kind] += int(count)
        for name in set(frames):
            if not _PLUMBING.match(name):
                inclusive[kind][name] += int(count)
    return {
        kind: {
            "samples": total,
            "top": [
                [name, round(n / total, 3)]
                for name, n in inclusive[kind].most_common()
                if n < COMMON * total  # on (almost) every stack: the way in, not a cost
            ][:TOP],
        }
        for kind, total in samples.items()
    }
