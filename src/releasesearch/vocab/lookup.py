"""The derived lookup tables of the dictionary: their file form and their records.

Shared by :mod:`.dictionary` (reading) and :mod:`.dictionary_build` (writing).
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = [
    "FILES",
    "LANGUAGES",
    "Candidate",
    "KeyTable",
    "decode_candidate",
    "encode_candidate",
    "join_items",
    "split_items",
]

FILES = {("en", "de"): "freedict-eng-deu", ("de", "en"): "freedict-deu-eng"}
LANGUAGES = ("en", "de")
_FIELD = "\x1f"
_ITEM = "\x1e"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One translation of a key, with what ranks it among the key's translations."""

    text: str  # as the dictionary writes it ("river", "power supply", "Fluss")
    rank: int  # the entry's place among the key's entries (0 = first), capped at 9
    position: int  # the translation's place within its line, capped at 9
    labelled: bool  # the line carries a domain label ([phys.], [bot.]): a specialist sense
    back: bool  # the reverse dictionary translates ``text`` back to the key
    zipf: float  # frequency of ``text`` in the target language (wordfreq zipf, 0 = unknown)


class KeyTable:
    """Sorted ``key<TAB>value`` lines in one file, searched in place through mmap."""

    def __init__(self, path: Path) -> None:
        self._offsets: npt.NDArray[np.int64] = np.load(path.with_suffix(".npy"), mmap_mode="r")
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self.size = len(self._offsets) - 1

    @staticmethod
    def write(path: Path, items: Mapping[str, str]) -> None:
        """Write ``items`` as a table at ``path`` (values must not hold newlines)."""
        offsets = [0]
        with path.open("wb") as handle:
            for key in sorted(items):
                line = f"{key}\t{items[key]}\n".encode()
                handle.write(line)
                offsets.append(offsets[-1] + len(line))
        np.save(path.with_suffix(".npy"), np.array(offsets, dtype=np.int64))

    def get(self, key: str) -> str | None:
        """The value of ``key``, or None (binary search over the sorted lines)."""
        wanted = key.encode()
        low, high = 0, self.size
        while low < high:
            middle = (low + high) // 2
            start, end = int(self._offsets[middle]), int(self._offsets[middle + 1])
            line = self._data[start:end]
            tab = line.index(b"\t")
            current = line[:tab]
            if current == wanted:
                return line[tab + 1 : -1].decode()
            if current < wanted:
                low = middle + 1
            else:
                high = middle
        return None


def split_items(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(_ITEM)) if value else ()


def decode_candidate(item: str) -> Candidate:
    text, code = item.split(_FIELD)
    return Candidate(
        text=text,
        rank=int(code[0]),
        position=int(code[1]),
        labelled=code[2] == "1",
        back=code[3] == "1",
        zipf=int(code[4:]) / 10,
    )


def encode_candidate(c: Candidate) -> str:
    """The table form of a candidate (the inverse of reading one)."""
    flags = f"{min(c.rank, 9)}{min(c.position, 9)}{int(c.labelled)}{int(c.back)}"
    return f"{c.text}{_FIELD}{flags}{min(99, round(c.zipf * 10)):02d}"


def join_items(values: Iterable[str]) -> str:
    return _ITEM.join(values)
