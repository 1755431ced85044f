"""A SIGTERM at each write of ``report`` and ``normalize`` leaves ``--out`` as it was or complete.

The command runs in a child process under an audit hook that counts its writes below the test's
work folder (a file opened for writing, a rename or replace, a folder made, a mode set) and
sends the process SIGTERM at the k-th one. A first run counts the writes and gives the
complete output; then each k from 1 to that count is interrupted in turn.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

KILLER = """
import os, signal, sys
root, kill_at, count_file = os.environ["WATCH_ROOT"], int(os.environ["KILL_AT"]), os.environ["COUNT_FILE"]
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
count = 0

def hook(event, args):
    global count
    if event == "open":
        paths = args[:1] if args[2] & WRITE else ()
    elif event in ("os.rename", "os.mkdir", "os.chmod"):  # os.replace is audited as os.rename
        paths = args[:2] if event == "os.rename" else args[:1]
    else:
        return
    if any(isinstance(p, (str, bytes, os.PathLike)) and os.fsdecode(p).startswith(root) for p in paths):
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGTERM)

sys.addaudithook(hook)
sys.argv = ["provenance", *sys.argv[1:]]
from provenance.interrupt import main
try:
    main()
finally:
    with open(count_file, "w") as handle:
        handle.write(str(count))
"""


def run_killed(tmp_path: Path, args: list[str], kill_at: int) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``provenance ARGS`` with SIGTERM at the ``kill_at``-th write below ``tmp_path/work``
    (0: never); the result and the number of writes counted."""
    count_file = tmp_path / "count"
    env = {**os.environ, "WATCH_ROOT": str(tmp_path / "work"), "KILL_AT": str(kill_at),
           "COUNT_FILE": str(count_file), "PROVENANCE_CACHE": "off", "PROVENANCE_ENCODER": "none",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-c", KILLER, *args], capture_output=True, text=True, env=env, timeout=120)
    return result, int(count_file.read_text())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones included), by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Prime Minister Mustafa al-Kadhimi met Iraqi officials in Baghdad on Monday.\n"
                                  "Al-Kadhimi said the talks would go on.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Prime Minister Mustafa al-Kazemi met officials in Baghdad, the ministry said.\n",
                                  encoding="utf-8")
    return corpus


def assert_interrupted(result: subprocess.CompletedProcess[str], kill_at: int) -> None:
    assert result.returncode == 143, (kill_at, result.stderr)
    assert result.stderr.strip().splitlines()[-1] == "provenance: interrupted" and "Traceback" not in result.stderr


def test_a_sigterm_at_each_write_of_report_leaves_the_old_set_or_the_new_one(tmp_path: Path) -> None:
    corpus, work = small_corpus(tmp_path), tmp_path / "work"
    out = work / "out"
    args = ["report", str(corpus), "--out", str(out), "--quiet"]
    old = {name: f"an earlier run's {name}\n".encode() for name in ("report.html", "report.json", "report.md")}
    out.mkdir(parents=True)
    for name, data in old.items():
        (out / name).write_bytes(data)
    complete, writes = run_killed(tmp_path, args, 0)
    assert complete.returncode == 0, complete.stderr
    new = snapshot(out)
    assert sorted(new) == sorted(old) and new != old and writes >= 6  # 3 files, 3 renames
    outcomes = set()
    for kill_at in range(1, writes + 1):
        for name, data in old.items():
            (out / name).write_bytes(data)
        result, _ = run_killed(tmp_path, args, kill_at)
        assert_interrupted(result, kill_at)
        found = snapshot(work)
        assert found in ({f"out/{name}": data for name, data in old.items()},
                         {f"out/{name}": data for name, data in new.items()}), (kill_at, sorted(found))
        outcomes.add("new" if found["out/report.json"] == new["report.json"] else "old")
    assert "old" in outcomes  # the kills did land before the set was replaced


def test_a_sigterm_at_each_write_of_normalize_leaves_no_output_or_the_complete_one(tmp_path: Path) -> None:
    corpus, work = small_corpus(tmp_path), tmp_path / "work"
    work.mkdir()
    out = work / "normalized"
    args = ["normalize", str(corpus), "--out", str(out)]
    complete, writes = run_killed(tmp_path, args, 0)
    assert complete.returncode == 0, complete.stderr
    new = snapshot(out)
    assert {"a.txt", "b.txt", "normalization.json", "mentions.jsonl"} <= set(new)
    assert writes >= len(new) + 1  # each file, and the staging folder moved into place
    for kill_at in range(1, writes + 1):
        for leftover in work.iterdir():
            subprocess.run(["rm", "-rf", str(leftover)], check=True)
        result, _ = run_killed(tmp_path, args, kill_at)
        assert_interrupted(result, kill_at)
        assert sorted(p.name for p in work.iterdir()) in ([], ["normalized"]), kill_at  # no staging folder left
        if out.exists():
            assert snapshot(out) == new, kill_at
