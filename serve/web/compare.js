// The compare view: design A (kept earlier) and the current design side by side, each drawn
// for the chosen threat actor, with what changes from A to this design.
"use strict";
ZP.compare = (function () {
  const h = ZP.h;

  function figure(title, svgText) {
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    return h("figure", {}, h("figcaption", {}, title), svg);
  }

  function table(diff) {
    const s = diff.summary;
    const rows = [["Worst crown-jewel reach", ZP.pct(s.max_reach_probability.a), ZP.pct(s.max_reach_probability.b)],
                  ["Zones with intolerable risk", s.intolerable_zones.a, s.intolerable_zones.b],
                  ["Total SL gap", s.total_gap.a, s.total_gap.b],
                  ["Paths listed only here", diff.paths_disappeared.length, diff.paths_appeared.length],
                  ["Findings only here", diff.findings_removed.length, diff.findings_added.length]];
    const zones = diff.zones.filter(z => z.changed);
    return [ZP.panels.requiredFlows(diff), h("table", {id: "compare-summary"}, h("tr", {}, h("th", {}, ""), h("th", {}, "design A"), h("th", {}, "this design")),
      rows.map(r => h("tr", {}, h("th", {}, r[0]), h("td", {class: "num"}, String(r[1])), h("td", {class: "num"}, String(r[2]))))),
      zones.length ? h("table", {}, h("tr", {}, h("th", {}, "zone"), h("th", {}, "gap in A"), h("th", {}, "gap here"),
        h("th", {}, "risk A → here")),
        zones.map(z => h("tr", {}, h("td", {}, z.id), h("td", {}, ZP.sl(z.gap.a)), h("td", {}, ZP.sl(z.gap.b)),
          h("td", {}, `${z.risk_level.a ?? "–"} → ${z.risk_level.b ?? "–"}`))))
        : h("p", {class: "muted"}, "No zone differs.")];
  }

  async function open(designA, threat, view) {
    const panel = document.getElementById("compare-view"), body = document.getElementById("compare-body");
    panel.hidden = false;
    ZP.clear(body, h("p", {class: "muted"}, "computing both designs…"));
    try {
      const {data} = await ZP.api("POST", "/api/compare",
        {a: {operations: designA}, b: {operations: ZP.edits.ops()}, threat, view});
      ZP.clear(body, table(data.diff), h("div", {class: "side-by-side"},
        figure(`Design A (${data.a.operations.length} edits)`, data.a.svg),
        figure(`This design (${data.b.operations.length} edits)`, data.b.svg)));
    } catch (e) {
      if (e.name !== "AbortError") ZP.clear(body, h("p", {class: "up"}, e.message));
    }
  }

  function init() {
    document.getElementById("compare-close").addEventListener("click", () => {
      document.getElementById("compare-view").hidden = true;
    });
  }

  return {open, init};
})();
