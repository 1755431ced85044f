"""Undoing a normalization: the original documents back from a normalization folder, checked by hash."""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..atomic import staged_folder, write_new_file
from ..corpus import MANIFEST_NAMES
from .rewrite import NormalizeError, restore_text
from .store import FORMAT, JSONL_FILE, MANIFEST_FILE, MENTIONS_FILE, ManifestEntry, inside

_OCTAL_MODE = re.compile(r"0?[0-7]{3}")  # the permission bits normalize records; setuid and the like are not restored
_Changes = dict[str, list[dict[str, Any]]]  # the mentions.jsonl records of each document


@dataclass
class UndoSummary:
    """What :func:`undo_normalization` restored."""

    restore_dir: str
    documents: int = 0
    verified: int = 0
    problems: list[str] = field(default_factory=list)


def undo_normalization(out_dir: str | Path, restore_dir: str | Path) -> UndoSummary:
    """Restore the original documents of a normalization in ``out_dir`` into ``restore_dir``.

    Folder corpora come back file for file (byte for byte when the normalization knew the
    source folder); other corpora come back as ``restored.jsonl`` with every text exact.
    A document whose normalized copy was edited since, or whose bytes do not match the
    recorded SHA-256, is reported in ``problems`` and not written. ``restore_dir`` (new, or an
    empty folder) appears whole at the end: everything is restored into a staging folder beside
    it, put on disk, and moved into place.
    """
    out = Path(out_dir).resolve()
    restore = Path(restore_dir).resolve()
    if inside(restore, out) or inside(out, restore):
        raise NormalizeError(f"{restore}: restore into a folder apart from the normalization {out}")
    manifest = _read_manifest(out)
    source = manifest.get("source")
    if source and inside(restore, Path(source)) and Path(source).is_dir():
        raise NormalizeError(f"{restore}: restoring into the original corpus folder would overwrite it")
    changes = _read_changes(out)
    summary = UndoSummary(str(restore))
    entries = {record["doc"]: ManifestEntry.from_dict(record) for record in manifest["documents"]}
    if restore.exists() and (not restore.is_dir() or any(restore.iterdir())):
        raise NormalizeError(f"{restore}: exists and is not an empty folder (nothing is overwritten)")
    with staged_folder(restore) as staging:  # everything is restored there, then moved into place at once
        if manifest["layout"] == "files":
            _restore_files(manifest.get("corpus_manifests", ()), entries, changes, out, staging, summary)
        else:
            _restore_jsonl(entries, changes, out, staging, summary)
    return summary


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NormalizeError(f"{out}: not a normalization folder ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise NormalizeError(f"{out / MANIFEST_FILE}: unknown format {manifest.get('format')!r}")
    return manifest


def _read_changes(out: Path) -> _Changes:
    changes: _Changes = {}
    with open(out / MENTIONS_FILE, encoding="utf-8", newline="") as handle:
        for line in handle:
            if line.strip():
                change = json.loads(line)
                changes.setdefault(change["doc"], []).append(change)
    return changes


def _restore_files(corpus_manifests: list[str], entries: dict[str, ManifestEntry], changes: _Changes, out: Path,
                   restore: Path, summary: UndoSummary) -> None:
    """Restore a folder corpus file for file, with the corpus manifests the normalization carried."""
    for name in corpus_manifests:
        if name in MANIFEST_NAMES and (out / name).is_file():
            write_new_file(restore / name, (out / name).read_bytes())
    for doc_id, entry in entries.items():
        summary.documents += 1
        path = entry.path or doc_id
        fenced = [_fenced(folder, relative) for folder, relative in
                  ((out, path), (restore, path), (out, entry.original_copy or path))]
        if any(p is None for p in fenced):
            summary.problems.append(f"{doc_id}: its recorded path leaves the normalization or restore folder; "
                                    "not restored")
            continue
        text = (out / path).read_bytes().decode("utf-8")
        write = partial(_write_restored, restore / path, entry)
        _restore_one(entry, text, changes.get(doc_id, []), out, summary, write)


def _write_restored(path: Path, entry: ManifestEntry, data: bytes) -> None:
    """Write a restored file (into the staging folder), with the permissions and modification time
    recorded for its original."""
    try:
        write_new_file(path, data)
    except FileExistsError:
        raise NormalizeError(f"{path.name}: two documents of the manifest restore to this file") from None
    mode, mtime = entry.file_mode, entry.mtime_ns
    if isinstance(mode, str) and _OCTAL_MODE.fullmatch(mode):
        os.chmod(path, int(mode, 8) & 0o777)
    if isinstance(mtime, int) and not isinstance(mtime, bool) and mtime >= 0:
        os.utime(path, ns=(mtime, mtime))


def _fenced(folder: Path, relative: str) -> Path | None:
    """``folder / relative`` when that stays inside ``folder`` (no absolute path, no ``..``
    out of it, no link leading out of it); None otherwise."""
    target = (folder / relative).resolve()
    return target if not Path(relative).is_absolute() and target.is_relative_to(folder.resolve()) else None


def _restore_jsonl(entries: dict[str, ManifestEntry], changes: _Changes, out: Path, restore: Path,
                   summary: UndoSummary) -> None:
    """Restore a JSONL corpus as ``restored.jsonl``, one record a line as normalized."""
    with open(out / JSONL_FILE, encoding="utf-8", newline="") as handle, \
            open(restore / "restored.jsonl", "x", encoding="utf-8", newline="") as restored:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            entry = entries.get(record["id"])
            summary.documents += 1
            if entry is None:
                summary.problems.append(f"{record['id']}: not in {MANIFEST_FILE}")
                continue

            def write(data: bytes, record: dict[str, Any] = record) -> None:
                restored.write(json.dumps({**record, "text": data.decode("utf-8")}, ensure_ascii=False) + "\n")

            _restore_one(entry, record["text"], changes.get(record["id"], []), out, summary, write)


def _restored_bytes(entry: ManifestEntry, text: str, out: Path) -> bytes:
    """The original bytes of one document from its restored text and its manifest entry."""
    if entry.original_copy:
        copy = _fenced(out, entry.original_copy)
        if copy is None:
            raise NormalizeError(f"{out / MANIFEST_FILE}: an original copy outside the folder: {entry.original_copy}")
        return copy.read_bytes()
    return (codecs.BOM_UTF8 if entry.bom else b"") + text.encode(entry.encoding or "utf-8")


def _restore_one(entry: ManifestEntry, normalized: str, changes: list[dict[str, Any]], out: Path,
                 summary: UndoSummary, write: Callable[[bytes], None]) -> None:
    """Restore one document, check it against the recorded hash, and hand its bytes to ``write``."""
    if hashlib.sha256(normalized.encode("utf-8")).hexdigest() != entry.normalized_sha256:
        summary.problems.append(f"{entry.doc}: the normalized copy was edited; not restored")
        return
    try:
        text = restore_text(normalized, changes)
    except NormalizeError as exc:
        summary.problems.append(str(exc))
        return
    data = _restored_bytes(entry, text, out)
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        summary.problems.append(f"{entry.doc}: restored bytes differ from the original; not restored")
        return
    write(data)
    summary.verified += 1
