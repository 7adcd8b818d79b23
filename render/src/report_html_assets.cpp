// The stylesheet and script inlined into report.html (no external request, works from file://).
#include "report_html_internal.hpp"

namespace zonepath::render::detail {

const char* const kReportCss = R"CSS(
:root{--fg:#1b1b1b;--muted:#666;--line:#d0d0d0;--head:#f3f3f3;--accent:#2166ac}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);margin:0;padding:0 2rem 3rem;max-width:1400px}
header{border-bottom:3px solid var(--accent);margin-bottom:1rem;padding:1rem 0 .5rem}
h1{margin:.2rem 0;font-size:1.7rem}h2{margin-top:2.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{margin-top:1.4rem;font-size:1.05rem}
nav a{margin-right:1rem;color:var(--accent);text-decoration:none}
.muted{color:var(--muted)}.small{font-size:.85em}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92em}
th,td{border:1px solid var(--line);padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:var(--head)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th.asc::after{content:" \25B2"}table.sortable th.desc::after{content:" \25BC"}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:.5rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;min-width:10rem}
.card b{display:block;font-size:1.5rem}
.heat td.cell{text-align:center;min-width:4.2rem}
.heat td.cell b{display:block;font-size:1.1em}
.heat td.cell small{color:#333}
.g0{background:#a6d96a}.g1{background:#fee08b}.g2{background:#fdae61}.g3{background:#f46d43}.gx{background:#eee}
.r0{background:#fff}.r1{background:#1a9850;color:#fff}.r2{background:#91cf60}.r3{background:#fee08b}.r4{background:#fc8d59}.r5{background:#d73027;color:#fff}
.matrix td{width:7rem;height:3.2rem;font-size:.85em}
.matrix th.axis{background:#fff;border:none}
.sev-critical{background:#d73027;color:#fff}.sev-high{background:#fc8d59}.sev-medium{background:#fee08b}.sev-low{background:#e0f3f8}
.bad{color:#b2182b;font-weight:600}.ok{color:#1a7837}
.diagram{overflow:auto;border:1px solid var(--line);padding:.5rem;margin:.5rem 0 1.5rem;background:#fff}
.diagram svg{max-width:100%;height:auto}
details summary{cursor:pointer}
code{font-size:.92em}
#view-switch label{margin-right:1rem}
#js-errors{color:#b2182b;white-space:pre-wrap}
@media print{nav,#view-switch{display:none}body{padding:0}.diagram{page-break-inside:avoid}}
)CSS";

// Sorting: click a header (numbers sort by data-v). A location hash "#sort=<table id>:<column>:
// <asc|desc>" sorts on load, so a sorted register can be linked to. Heat map: the radio buttons
// switch the cells between gap, SL-T and SL-A. #js-status says "ready" once the script ran and
// errors, also later ones in event handlers, are listed in #js-errors: a reader sees that the
// interactive parts are broken, and the headless-browser test reads both from the DOM.
const char* const kReportJs = R"JS(
(function(){
  "use strict";
  var status = document.getElementById("js-status"), errors = document.getElementById("js-errors");
  function record(message){
    errors.appendChild(document.createTextNode(message + "\n"));
    errors.hidden = false;
    status.textContent = "script error";
  }
  window.addEventListener("error", function(e){ record(e.message || "error"); });
  try {
    function cellValue(row, col){
      var c = row.cells[col]; if (!c) return "";
      var v = c.getAttribute("data-v");
      return v !== null ? parseFloat(v) : c.textContent.trim().toLowerCase();
    }
    function sortTable(table, col, dir){
      var body = table.tBodies[0]; if (!body) return;
      var rows = Array.prototype.slice.call(body.rows);
      rows.forEach(function(r, i){ r._i = i; });
      rows.sort(function(a, b){
        var x = cellValue(a, col), y = cellValue(b, col);
        var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
        return (dir === "desc" ? -c : c) || a._i - b._i;
      });
      rows.forEach(function(r){ body.appendChild(r); });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function(th, i){
        th.classList.remove("asc", "desc"); if (i === col) th.classList.add(dir);
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function(table){
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function(th, i){
        th.title = "sort";
        th.addEventListener("click", function(){
          sortTable(table, i, th.classList.contains("asc") ? "desc" : "asc");
        });
      });
    });
    var m = /^#sort=([A-Za-z0-9_-]+):([0-9]+):(asc|desc)$/.exec(window.location.hash);
    if (m) { var t = document.getElementById(m[1]); if (t) sortTable(t, parseInt(m[2], 10), m[3]); }
    Array.prototype.forEach.call(document.querySelectorAll("#view-switch input"), function(input){
      input.addEventListener("change", function(){
        Array.prototype.forEach.call(document.querySelectorAll(".heat td.cell"), function(td){
          td.querySelector("b").textContent = td.getAttribute("data-" + input.value);
        });
      });
    });
    status.textContent = "ready";
  } catch (e) { record(String(e && e.stack || e)); }
})();
)JS";

} // namespace zonepath::render::detail
