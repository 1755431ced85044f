/* Filters for the graph and opening the section a link points to; the page reads the same without it. */
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
