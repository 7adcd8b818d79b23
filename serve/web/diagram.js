// The diagram pane: the Graphviz SVG the server drew, with pan (drag), zoom (wheel, buttons)
// and clicks resolved to the zone, conduit or asset under the pointer (the SVG ids
// zone-N / conduit-N / asset-N are site indices).
"use strict";
ZP.diagram = (function () {
  const view = {x: 0, y: 0, s: 1, fitted: false};
  let viewport, canvas, onPick = () => {}, drag = null;

  function apply() {
    canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.s})`;
  }

  function svgSize() {
    const svg = canvas.querySelector("svg");
    if (!svg) return {w: 1, h: 1};
    return {w: svg.width.baseVal.value || 1, h: svg.height.baseVal.value || 1};
  }

  function fit() {
    const {w, h} = svgSize(), vw = viewport.clientWidth, vh = viewport.clientHeight;
    view.s = Math.min(vw / w, vh / h, 2) * 0.98;
    view.x = (vw - w * view.s) / 2;
    view.y = Math.max(0, (vh - h * view.s) / 2);
    view.fitted = true;
    apply();
  }

  function zoomAt(factor, cx, cy) {
    const s = Math.min(8, Math.max(0.05, view.s * factor));
    view.x = cx - (cx - view.x) * (s / view.s);
    view.y = cy - (cy - view.y) * (s / view.s);
    view.s = s;
    apply();
  }

  function pickOf(target) {
    const g = target.closest && target.closest('g[id^="zone-"], g[id^="conduit-"], g[id^="asset-"]');
    if (!g) return null;
    const m = /^(zone|conduit|asset)-(\d+)/.exec(g.id);
    return m ? {kind: m[1], index: Number(m[2])} : null;
  }

  function init(pick) {
    onPick = pick;
    viewport = document.getElementById("viewport");
    canvas = document.getElementById("canvas");
    viewport.addEventListener("wheel", e => {
      e.preventDefault();
      const r = viewport.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
    }, {passive: false});
    viewport.addEventListener("mousedown", e => {
      if (e.button !== 0) return;
      drag = {x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false};
    });
    window.addEventListener("mousemove", e => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      viewport.classList.add("panning");
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      apply();
    });
    window.addEventListener("mouseup", e => {
      const wasDrag = drag && drag.moved;
      drag = null;
      viewport.classList.remove("panning");
      if (wasDrag) return;
      if (!viewport.contains(e.target)) return;
      const p = pickOf(e.target);
      if (p) onPick(p);
    });
    const centre = () => [viewport.clientWidth / 2, viewport.clientHeight / 2];
    document.getElementById("zoom-in").addEventListener("click", () => zoomAt(1.25, ...centre()));
    document.getElementById("zoom-out").addEventListener("click", () => zoomAt(1 / 1.25, ...centre()));
    document.getElementById("zoom-fit").addEventListener("click", fit);
  }

  // Parses the server's SVG (never as HTML) and shows it, keeping the current pan and zoom.
  function show(svgText, selected) {
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    if (svg.nodeName !== "svg") throw new Error("the diagram could not be read");
    svg.removeAttribute("xlink:href");
    ZP.clear(canvas, svg);
    if (!view.fitted) fit();
    mark(selected);
  }

  function mark(selected) {
    for (const g of canvas.querySelectorAll(".zp-selected")) g.classList.remove("zp-selected");
    if (!selected) return;
    const g = canvas.querySelector(`g[id="${selected.kind}-${selected.index}"]`);
    if (g) g.classList.add("zp-selected");
  }

  return {init, show, mark, fit};
})();
