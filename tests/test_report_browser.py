"""The HTML report in a real browser: Debian's chromium driven by Playwright (no browser download).

Opens the seeds' report and the report of a 50-document multilingual corpus (the 44 texts of
the cross-lingual benchmark in 10 languages, three seeds, and three hostile texts: markup, a
400-character URL, an Arabic text), and checks what a reader sees. Screenshots go to a temporary
folder (and to $PROVENANCE_SCREENSHOTS when it is set).
"""
from __future__ import annotations

import json
import os
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

from provenance.glossary import default_glossary_paths, load_glossary  # noqa: E402
from provenance.pipeline import analyze  # noqa: E402
from provenance.report import write_reports  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CROSSLINGUAL = ROOT / "benchmarks" / "data" / "crosslingual" / "corpus"
LONG_URL = "https://example.org/archive/" + "/".join(f"section-{i:03d}-" + "x" * 30 for i in range(10))[:372]
HOSTILE = ('Breaking: <script>document.title="pwned"</script> officials said on Monday that '
           '<img src=x onerror="document.title=\'pwned\'"> the talks </textarea><b>ended</b> without a deal.\n')
ARABIC = "قال المتحدث باسم الحكومة العراقية إن المحادثات انتهت يوم الاثنين (دون اتفاق). وأضاف أن الجولة المقبلة ستعقد في بغداد.\n"


def multilingual_corpus(folder: Path) -> Path:
    """50 documents: the cross-lingual benchmark's 44, three seeds, a text with markup in it,
    a text holding a 400-character URL and an Arabic one, with a manifest of outlets and dates."""
    folder.mkdir()
    manifest = [json.loads(line) for line in (CROSSLINGUAL / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    records = []
    for entry in manifest:
        shutil.copy(CROSSLINGUAL / entry["id"], folder / entry["id"])
        records.append({k: entry[k] for k in ("id", "outlet", "date", "url") if entry.get(k)})
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:3]:
        shutil.copy(seed, folder / seed.name)
    extra = {"zz-markup.txt": HOSTILE, "zz-long-url.txt": f"The full statement is at {LONG_URL} for readers.\n",
             "zz-arabic.txt": ARABIC}
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    records.append({"id": "zz-long-url.txt", "outlet": "Wire", "date": "2021-02-01", "url": LONG_URL})
    (folder / "manifest.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                           encoding="utf-8")
    assert len(list(folder.glob("*.txt"))) == 50
    return folder


def write_report(corpus: Path, out: Path, encoder: str | None = None) -> dict[str, Any]:
    analysis = analyze(corpus, glossary=load_glossary(default_glossary_paths()), encoder=encoder)
    write_reports(analysis, out)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    work = tmp_path_factory.mktemp("browser")
    mixed = multilingual_corpus(work / "mixed")
    return {"seeds": (work / "seeds-out" / "report.html", write_report(ROOT / "seeds", work / "seeds-out")),
            "mixed": (work / "mixed-out" / "report.html", write_report(mixed, work / "mixed-out", "none"))}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("PROVENANCE_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield launched
        launched.close()


class Page:
    """A page of the report with what it logged and requested."""

    def __init__(self, browser, path: Path, width: int, scripts: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]

    def close(self) -> None:
        self.context.close()


def click_edge(page, edge) -> None:
    """Click a point of the edge's line that no label or other line covers (its bounding box's
    centre may lie off the curve)."""
    edge.evaluate("e => e.scrollIntoView({block: 'center'})")
    point = edge.evaluate("""a => { const p = a.querySelector('path'), m = p.getScreenCTM();
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
          const pt = p.getPointAtLength(p.getTotalLength() * f);
          const x = pt.x * m.a + pt.y * m.c + m.e, y = pt.x * m.b + pt.y * m.d + m.f;
          const hit = document.elementFromPoint(x, y);
          if (hit && hit.closest('a') === a) { return [x, y]; } }
        return null; }""")
    assert point is not None, "no point of the edge is free to click"
    page.mouse.click(*point)


@pytest.mark.parametrize("name", ["seeds", "mixed"])
def test_graph_nodes_arrows_and_no_network(browser, reports, shots, name) -> None:
    path, report = reports[name]
    view = Page(browser, path, 1400)
    page = view.page
    try:
        nodes = page.locator("svg.graph .node")
        assert nodes.count() == len(report["documents"]) + len(report["sources"])
        assert sorted(nodes.evaluate_all("ns => ns.map(n => n.dataset.node)")) == sorted(
            [d["id"] for d in report["documents"]] + [s["id"] for s in report["sources"]])
        drawn = page.locator("svg.graph a.edge").evaluate_all(
            "es => es.map(e => [e.getAttribute('href'), e.querySelector('path').hasAttribute('marker-end')])")
        expected = {f"#edge-{i}": e["directed"] for i, e in enumerate(report["edges"], 1)}
        assert dict(drawn) == expected
        assert any(expected.values())
        page.screenshot(path=str(shots / f"{name}-1400.png"))
        page.locator("#graph").screenshot(path=str(shots / f"{name}-graph.png"))
        assert view.errors == []
        assert view.outside_requests() == []
    finally:
        view.close()


def test_clicking_an_edge_scrolls_to_its_evidence_and_filters_hide_edges(browser, reports, shots) -> None:
    path, report = reports["seeds"]
    view = Page(browser, path, 1400)
    page = view.page
    try:
        number = next(i for i, e in enumerate(report["edges"], 1) if e["kind"] != "citation")
        edge = page.locator(f'svg.graph a.edge[href="#edge-{number}"]')
        click_edge(page, edge)
        page.wait_for_function(f"location.hash === '#edge-{number}'")
        top = page.locator(f"#edge-{number}").evaluate("e => e.getBoundingClientRect().top")
        assert -2 <= top < 100
        assert page.locator(f"#edge-{number} .diff mark.chg, #edge-{number} .diff span.same").count() > 0
        page.screenshot(path=str(shots / "seeds-evidence.png"))

        page.goto(view.url)
        page.locator('#graph-filters input[value="citation"]').uncheck()
        citations = page.locator('svg.graph a.edge[data-edge-kind="citation"]')
        assert citations.count() > 0 and all(not citations.nth(i).is_visible() for i in range(citations.count()))
        others = page.locator('svg.graph a.edge:not([data-edge-kind="citation"])')
        assert all(others.nth(i).is_visible() for i in range(others.count()))
        page.locator('#graph-filters input[name="minscore"]').fill("0.9")
        hidden = page.locator("svg.graph a.edge.filtered").evaluate_all("es => es.map(e => e.dataset.score)")
        weak = sum(1 for e in report["edges"] if e["kind"] == "citation" or e["score"] < 0.9)
        assert len(hidden) == weak
        page.locator("#graph").screenshot(path=str(shots / "seeds-graph-filtered.png"))
        assert view.errors == [] and view.outside_requests() == []
    finally:
        view.close()


def test_seeds_summary_fits_the_first_screen_and_names_sources_and_conflicts(browser, reports, shots) -> None:
    path, report = reports["seeds"]
    view = Page(browser, path, 1400)
    page = view.page
    try:
        summary = page.locator("#summary")
        assert summary.evaluate("e => e.getBoundingClientRect().bottom") <= 900
        text = summary.inner_text()
        labels = page.locator(".doc-index td:first-child").all_inner_texts()
        derived = [i for i, d in enumerate(report["documents"]) if d.get("derived_from")]
        assert derived and all(labels[i] in text for i in derived)
        assert report["conflicts"] and all(c["summary"] in text for c in report["conflicts"])
        page.screenshot(path=str(shots / "seeds-summary.png"))
    finally:
        view.close()


def test_scripts_off_still_reads(browser, reports) -> None:
    path, report = reports["seeds"]
    view = Page(browser, path, 1400, scripts=False)
    try:
        assert view.page.locator("#summary").is_visible()
        assert view.page.locator("svg.graph .node").count() == len(report["documents"]) + len(report["sources"])
        assert not view.page.locator("#graph-filters").is_visible()
        assert not view.page.locator("#search").is_visible()
    finally:
        view.close()


def test_mixed_corpus_directions_wrapping_and_markup(browser, reports, shots) -> None:
    path, report = reports["mixed"]
    view = Page(browser, path, 800)
    page = view.page
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 800
        page.screenshot(path=str(shots / "mixed-800.png"), full_page=False)
        numbers = {d["id"]: i for i, d in enumerate(report["documents"], 1)}
        directions = {doc: page.locator(f"#doc-{n} .doctext").evaluate("e => getComputedStyle(e).direction")
                      for doc, n in numbers.items()}
        arabic = [d["id"] for d in report["documents"] if d["language"] == "ar"]
        assert "zz-arabic.txt" in arabic and all(directions[doc] == "rtl" for doc in arabic)
        assert all(directions[d["id"]] == "ltr" for d in report["documents"] if d["language"] in ("en", "fr", "es"))
        page.locator(f"#doc-{numbers['zz-arabic.txt']}").screenshot(path=str(shots / "mixed-arabic.png"))

        markup = page.locator(f"#doc-{numbers['zz-markup.txt']} .doctext")
        assert "<script>" in markup.inner_text() and "</textarea>" in markup.inner_text()
        assert "onerror" in markup.inner_text()
        assert page.locator("img").count() == 0 and page.locator("script").count() == 1
        assert page.title() != "pwned"
        assert view.errors == [] and view.outside_requests() == []
    finally:
        view.close()


def folded(text: str) -> str:
    """Text as the search box compares it: accents dropped, lower case."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def test_typing_a_name_in_the_search_box_hides_the_documents_names_and_quotes_without_it(browser, reports,
                                                                                        shots) -> None:
    path, report = reports["seeds"]
    entity = next(e for e in report["entities"] if len(e["variants"]) > 1 and len(e["docs"]) < len(report["documents"]))
    spelling = max(entity["variants"], key=lambda v: (len(v), v))
    view = Page(browser, path, 1400)
    page = view.page
    try:
        page.locator("#search").fill(spelling)
        page.wait_for_function("document.getElementById('search-count').value !== ''")
        numbers = {d["id"]: i for i, d in enumerate(report["documents"], 1)}
        shown = {doc for doc, n in numbers.items() if page.locator(f"#doc-{n}").is_visible()}
        assert set(entity["docs"]) <= shown and shown != set(numbers)
        for doc, n in numbers.items():
            text = page.locator(f"#doc-{n}").text_content() or ""
            assert (doc in shown) == (folded(spelling) in folded(text))
        rows = page.locator(".doc-index tbody tr")
        assert sum(rows.nth(i).is_visible() for i in range(rows.count())) == len(shown)
        names = page.locator("#names tbody tr")
        visible = [names.nth(i).inner_text() for i in range(names.count()) if names.nth(i).is_visible()]
        assert visible and len(visible) < names.count() and all(folded(spelling) in folded(t) for t in visible)
        assert any(entity["entity"] in t for t in visible)
        quotes = page.locator("#quotes li[data-search]")
        assert quotes.count() > 0
        for i in range(quotes.count()):
            quote = quotes.nth(i)
            speaker = quote.evaluate("q => q.closest('details').querySelector('summary').textContent")
            holds = folded(spelling) in folded(quote.text_content() or "") or folded(spelling) in folded(speaker)
            assert quote.evaluate("q => !q.classList.contains('search-hidden')") == holds
        counted = page.locator("#search-count").inner_text()
        assert counted.startswith(f"{len(shown)} of {len(numbers)} documents")
        page.screenshot(path=str(shots / "seeds-search.png"))

        page.locator("#search").fill("")
        page.wait_for_function("document.getElementById('search-count').value === ''")
        assert all(page.locator(f"#doc-{n}").is_visible() for n in numbers.values())
        assert view.errors == [] and view.outside_requests() == []
    finally:
        view.close()
