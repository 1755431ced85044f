"""The review file as one self-contained HTML page: accept or reject each change, then export the decisions.

No external resource: the styles and the script are inline. The page lists every proposed
change with its sentence (the span marked), canonical name, method, score and competing
candidates; "Export CSV" downloads the review CSV with the ``accept`` column filled in (yes,
no, or empty for undecided), ready for ``provenance normalize CORPUS --apply FILE``.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4em;vertical-align:top}
th{text-align:left;background:#f4f4f4;position:sticky;top:0}mark{background:#ffe28a}
tr.yes{background:#eaf7ea}tr.no{background:#f9e7e7}.small{color:#666;font-size:.85em}
button{margin-right:.5em}label{white-space:nowrap;margin-right:.6em}
"""

_SCRIPT = """
const columns = JSON.parse(document.getElementById('columns').textContent);
const rows = JSON.parse(document.getElementById('rows').textContent);
function decide(index, value) {
  rows[index].accept = value;
  const tr = document.getElementById('row-' + index);
  tr.className = value;
  for (const input of tr.querySelectorAll('input')) { input.checked = input.value === value; }
  count();
}
function all(value) { rows.forEach((_, i) => decide(i, value)); }
function count() {
  const yes = rows.filter(r => r.accept === 'yes').length, no = rows.filter(r => r.accept === 'no').length;
  document.getElementById('count').textContent = yes + ' accepted, ' + no + ' rejected, ' +
    (rows.length - yes - no) + ' undecided';
}
function cell(value) {
  const text = String(value ?? '');
  return /[",\\r\\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}
function exportCsv() {
  const lines = [columns.join(',')].concat(rows.map(r => columns.map(c => cell(r[c])).join(',')));
  const blob = new Blob([lines.join('\\n') + '\\n'], {type: 'text/csv;charset=utf-8'});
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'review-decisions.csv';
  document.body.appendChild(link); link.click(); link.remove();
}
document.querySelectorAll('input[type=radio]').forEach(input =>
  input.addEventListener('change', () => decide(Number(input.dataset.row), input.value)));
count();
"""


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (no "</script>", no "<!--")."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _marked(sentence: str, surface: str) -> str:
    """The sentence, escaped, with the first occurrence of the surface marked."""
    at = sentence.find(surface)
    if at < 0 or not surface:
        return escape(sentence)
    return (escape(sentence[:at]) + "<mark>" + escape(surface) + "</mark>"
            + escape(sentence[at + len(surface):]))


def _row(index: int, row: Mapping[str, str]) -> str:
    radios = "".join(
        f'<label><input type="radio" name="r{index}" value="{value}" data-row="{index}"> {label}</label>'
        for value, label in (("yes", "accept"), ("no", "reject")))
    candidates = escape(row.get("candidates", "")) or "-"
    return (f'<tr id="row-{index}"><td>{radios}</td>'
            f'<td>{_marked(row.get("sentence", ""), row["surface"])}'
            f'<div class="small">{escape(row["doc"])} {escape(row["start"])}-{escape(row["end"])}</div></td>'
            f'<td>{escape(row["surface"])}</td><td><b>{escape(row["text"])}</b>'
            f'<div class="small">{escape(row.get("entity", ""))}</div></td>'
            f'<td>{escape(row.get("method", ""))} {escape(row.get("score", ""))}</td><td>{candidates}</td></tr>')


def review_page(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> str:
    """The review page of ``rows`` (review CSV rows), exporting ``columns``."""
    body = "\n".join(_row(i, row) for i, row in enumerate(rows))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>provenance normalize: review {len(rows)} changes</title>
<style>{_STYLE}</style></head><body>
<h1>Review {len(rows)} proposed name changes</h1>
<p>Accept or reject each change, then export the decisions as CSV and apply them with
<code>provenance normalize CORPUS --apply FILE.csv --out DIR</code>. Only accepted rows are applied.</p>
<p><button onclick="all('yes')">Accept all</button><button onclick="all('no')">Reject all</button>
<button onclick="exportCsv()"><b>Export CSV</b></button> <span id="count"></span></p>
<table><thead><tr><th>decision</th><th>sentence</th><th>written</th><th>becomes</th><th>link</th>
<th>other candidates</th></tr></thead>
<tbody>
{body}
</tbody></table>
<script type="application/json" id="columns">{_script_json(list(columns))}</script>
<script type="application/json" id="rows">{_script_json(list(rows))}</script>
<script>{_SCRIPT}</script>
</body></html>
"""
