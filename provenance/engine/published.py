"""Objects pickled into files for the pool's workers, their arrays apart and mapped.

An object is pickled into ``NAME.pickle``, its arrays (protocol 5's out-of-band buffers) into
``NAME.arrays``, each aligned to :data:`ALIGNMENT` bytes; the arrays file ends with the places
of the arrays (file name, offset, size) and where that list starts (8 bytes). Loading maps the
arrays files read-only and gives the pickle views of them, so the processes that load one object
share one copy of its arrays. An object the calling process loads back (:meth:`Publisher.share`)
is shared with the workers too: its arrays, met again in another object, are written as
references to the file already there, not copied.
"""
from __future__ import annotations

import contextlib
import mmap
import pickle
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

ALIGNMENT = 64
"""Byte alignment of each array in an arrays file (a page-aligned map keeps them so)."""

T = TypeVar("T")
_Place = tuple[str, int, int]
"""File name (in the folder of the pickle), offset, size."""


@dataclass(frozen=True)
class _Region:
    """Memory this process maps from an arrays file: its address and size, and where it lies."""

    address: int
    size: int
    file: str
    offset: int


class Publisher:
    """Writes objects into a temporary folder (removed at :meth:`close`) and remembers the arrays of
    the objects it shared."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._count = 0
        self._regions: list[_Region] = []
        self._maps: weakref.WeakSet[mmap.mmap] = weakref.WeakSet()

    def publish(self, obj: object) -> Path:
        """Pickle ``obj`` into files of its own; the path a worker loads it from (:func:`load`)."""
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="provenance-engine-"))
        self._count += 1
        path = self._folder / f"object-{self._count}.pickle"
        buffers: list[pickle.PickleBuffer] = []
        with path.open("wb") as handle:  # streamed: the pickle of a large corpus is never whole in memory
            pickle.dump(obj, handle, protocol=5, buffer_callback=buffers.append)
        places: list[_Place] = []
        arrays = _arrays_of(path)
        with arrays.open("wb") as handle:
            for buffer in buffers:
                with buffer.raw() as raw:
                    known = self._known(raw)
                    if known is not None:
                        places.append(known)
                        continue
                    handle.write(bytes(-handle.tell() % ALIGNMENT))
                    places.append((arrays.name, handle.tell(), raw.nbytes))
                    handle.write(raw)
            index = handle.tell()
            handle.write(pickle.dumps(places))
            handle.write(index.to_bytes(8, "little"))
        return path

    def share(self, obj: T) -> T:
        """``obj`` as the workers will load it: its arrays read-only maps of a file, which later
        objects holding them refer to instead of copying. The file goes when the last of these
        arrays does (the map is closed then)."""
        path = self.publish(obj)
        loaded, views = _load(path)
        path.unlink()
        arrays = _arrays_of(path)
        own = [(place, view) for place, view in views if place[0] == arrays.name and view.nbytes]
        if not own:
            arrays.unlink()
            return loaded
        regions = [_Region(_address(view), view.nbytes, file, offset) for (file, offset, _), view in own]
        self._regions += regions
        if isinstance(mapped := own[0][1].obj, mmap.mmap):
            self._maps.add(mapped)
        weakref.finalize(own[0][1].obj, self._forget, regions, arrays)  # the map, alive while an array is
        return loaded

    def release(self) -> None:
        """Drop this process's pages of the shared arrays (clean pages of a file mapped read-only:
        the next read of one maps it again from the file, or the page cache)."""
        if hasattr(mmap, "MADV_DONTNEED"):
            for shared in list(self._maps):
                shared.madvise(mmap.MADV_DONTNEED)

    def remove(self, path: Path) -> None:
        """Delete the files of a published object (a shared object's arrays stay while it lives).
        A file still mapped where that forbids deleting it (Windows) goes at :meth:`close`."""
        for published in (path, _arrays_of(path)):
            with contextlib.suppress(OSError):
                published.unlink(missing_ok=True)

    def close(self) -> None:
        """Delete every file written."""
        self._regions.clear()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _known(self, raw: memoryview) -> _Place | None:
        """Where an array lies in a shared file, when its memory is a map of one."""
        if not raw.nbytes or not self._regions:
            return None
        address = _address(raw)
        for region in self._regions:
            if region.address <= address and address + raw.nbytes <= region.address + region.size:
                return region.file, region.offset + address - region.address, raw.nbytes
        return None

    def _forget(self, regions: list[_Region], arrays: Path) -> None:
        """A shared file's arrays are gone, and its map closed: that memory may be mapped again for
        something else."""
        self._regions = [r for r in self._regions if r not in regions]
        with contextlib.suppress(OSError):  # still mapped by a worker where that forbids it: close removes it
            arrays.unlink(missing_ok=True)


def load(path: Path) -> Any:
    """The object published at ``path``, its arrays read-only views of the mapped arrays files."""
    return _load(path)[0]


def _load(path: Path) -> tuple[Any, list[tuple[_Place, memoryview]]]:
    maps: dict[str, memoryview] = {}
    with _arrays_of(path).open("rb") as handle:
        own = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    index = int.from_bytes(own[-8:], "little")
    places: list[_Place] = pickle.loads(own[index:-8])
    maps[_arrays_of(path).name] = memoryview(own)
    for name, _, _ in places:
        if name not in maps:
            with (path.parent / name).open("rb") as handle:
                maps[name] = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    views = [(place, maps[place[0]][place[1]:place[1] + place[2]]) for place in places]
    with path.open("rb") as handle:
        return pickle.load(handle, buffers=[view for _, view in views]), views


def _arrays_of(path: Path) -> Path:
    return path.with_suffix(".arrays")


def _address(view: memoryview) -> int:
    """Where a buffer's memory starts in this process."""
    return int(np.frombuffer(view, np.uint8).ctypes.data)
