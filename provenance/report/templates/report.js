/* Filters for the graph, the search box (documents, names and quotes holding the typed words) and opening the
   section a link points to; the page reads the same without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("graph-filters");
  function applyFilters() {
    var min = parseFloat(form.elements.minscore.value);
    var shown = {};
    form.querySelectorAll("input[name=kind]").forEach(function (box) { shown[box.value] = box.checked; });
    document.querySelectorAll("[data-edge-kind]").forEach(function (el) {
      var visible = shown[el.getAttribute("data-edge-kind")] !== false && parseFloat(el.getAttribute("data-score")) >= min;
      el.classList.toggle("filtered", !visible);
    });
    form.elements.shown.value = min.toFixed(2);
  }
  if (form) {
    form.addEventListener("input", applyFilters);
    applyFilters();
  }
  var search = document.getElementById("search");
  var searchable = null;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function entries(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector), function (el) {
      return {el: el, text: fold(el.textContent)};
    });
  }
  function applySearch() {
    var query = fold(search.value.trim());
    if (searchable === null) {
      searchable = {items: entries("[data-search]:not([data-search-for])"), rows: entries("[data-search-for]"),
                    groups: entries("[data-search-group] > summary")};
    }
    var counts = {document: [0, 0], name: [0, 0], quote: [0, 0]};
    searchable.items.forEach(function (item) {
      var kind = item.el.getAttribute("data-search");
      var group = item.el.closest("[data-search-group]");
      var label = group ? fold(group.querySelector("summary").textContent) : "";
      var shown = !query || item.text.indexOf(query) >= 0 || (group !== null && label.indexOf(query) >= 0);
      item.el.classList.toggle("search-hidden", !shown);
      if (counts[kind]) { counts[kind][0] += shown ? 1 : 0; counts[kind][1] += 1; }
    });
    searchable.rows.forEach(function (row) {
      var target = document.getElementById(row.el.getAttribute("data-search-for"));
      var shown = !query || row.text.indexOf(query) >= 0 || (target !== null && !target.classList.contains("search-hidden"));
      row.el.classList.toggle("search-hidden", !shown);
    });
    searchable.groups.forEach(function (entry) {
      var group = entry.el.parentElement;
      var any = group.querySelector("[data-search]:not(.search-hidden)") !== null;
      group.classList.toggle("search-hidden", !any);
      if (query && any) { group.open = true; }
    });
    document.getElementById("search-count").value = !query ? "" : ["document", "name", "quote"].map(function (kind) {
      return counts[kind][0] + " of " + counts[kind][1] + " " + kind + "s";
    }).join(", ") + " match";
  }
  if (search) {
    var pending = null;
    search.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(applySearch, 120);
    });
  }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  reveal();
}());
