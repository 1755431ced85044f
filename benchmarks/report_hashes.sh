#!/usr/bin/env bash
# Reports on the seeds, the 29 originals and a generated 500-document corpus, with the
# SHA-256 of each file: run before and after a refactor and compare the two listings.
#   bash benchmarks/report_hashes.sh WORKDIR [PYTHON]
set -euo pipefail
work="${1:?usage: report_hashes.sh WORKDIR [PYTHON]}"
py="${2:-python3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$work"
cd "$root"
# the generated corpus lies at one relative path, so that its reports do not name WORKDIR
gen=benchmarks/_work/gen500
[ -d "$gen" ] || "$py" benchmarks/gen_corpus.py "$gen" --docs 500 >/dev/null
for corpus in seeds tests/data/originals "$gen"; do
  name="$(basename "$corpus")"
  "$py" -m provenance report "$corpus" --out "$work/out-$name" >/dev/null 2>&1
  (cd "$work/out-$name" && sha256sum report.json report.md report.html | sed "s|  |  $name/|")
done
