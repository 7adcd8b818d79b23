// The side panels: summary of the deltas against the baseline, crown-jewel reach of the chosen
// threat actor, its paths (and those that appeared or vanished), and the list of edits.
"use strict";
ZP.panels = (function () {
  const h = ZP.h;

  function card(title, before, after, fmt, deltaArgs, id) {
    return h("div", {class: "card", id, dataset: {before: String(before), after: String(after)}},
      title, h("b", {}, fmt(after)), h("span", {class: "muted"}, "baseline " + fmt(before) + " "),
      ZP.delta(before, after, ...deltaArgs));
  }

  // First line of every comparison: the required flows the design stops (nothing when the site
  // declares none), as whatif, compare and change print it.
  function requiredFlows(diff) {
    const rf = diff.required_flows;
    if (!rf || !rf.count) return null;
    if (!rf.broken.length)
      return h("p", {id: "required-flows", class: "down"}, `Required flows: all ${rf.count} still carried`);
    return h("div", {id: "required-flows", class: "up"},
      h("b", {}, `Required flows stopped: ${rf.broken.length} of ${rf.count}`),
      h("ul", {}, rf.broken.map(b => h("li", {}, `${b.from} → ${b.to} ${b.protocol} (${b.after})` +
        (b.reason ? `: ${b.reason}` : "") + (b.owner ? ` [${b.owner}]` : "")))));
  }

  function summary(state) {
    const s = state.diff.summary, f = state.diff;
    const threatPaths = p => p.threat === state.threat;
    ZP.clear(document.getElementById("summary"),
      h("h2", {}, "Changes against the baseline"),
      requiredFlows(f),
      h("div", {class: "cards"},
        card("Worst crown-jewel reach", s.max_reach_probability.baseline, s.max_reach_probability.design, ZP.pct,
             [100, " pp"], "card-reach"),
        card("Zones with intolerable risk", s.intolerable_zones.baseline, s.intolerable_zones.design, String,
             [1, ""], "card-intolerable"),
        card("Total SL gap", s.total_gap.baseline, s.total_gap.design, String, [1, ""], "card-gap"),
        h("div", {class: "card", id: "card-findings"}, "Findings",
          h("b", {}, String(state.findings.length)),
          h("span", {class: f.findings_added.length ? "up" : "muted"}, "+" + f.findings_added.length + " new "),
          h("span", {class: f.findings_removed.length ? "down" : "muted"}, "−" + f.findings_removed.length + " resolved")),
        h("div", {class: "card", id: "card-paths"}, "Listed paths of " + state.threat,
          h("b", {}, String(state.paths.length)),
          h("span", {class: "up"}, "+" + f.paths_appeared.filter(threatPaths).length + " "),
          h("span", {class: "down"}, "−" + f.paths_disappeared.filter(threatPaths).length))),
      findingList("New findings", f.findings_added, "up"),
      findingList("Resolved findings", f.findings_removed, "down"));
  }

  function findingList(title, list, cls) {
    if (!list.length) return null;
    return h("details", {}, h("summary", {class: cls}, `${title} (${list.length})`),
      h("ul", {}, list.map(x => h("li", {}, h("b", {}, x.severity + " "), x.message))));
  }

  // Reach per crown jewel of the chosen threat: baseline, this design, delta and median TTC.
  function targets(state) {
    const rows = state.diff.targets.filter(t => t.threat === state.threat);
    ZP.clear(document.getElementById("targets"),
      h("h2", {}, "Crown jewels: reach of " + state.threat),
      rows.length ? h("table", {id: "target-table"},
        h("tr", {}, h("th", {}, "target"), h("th", {}, "baseline"), h("th", {}, "design"), h("th", {}, "Δ"),
          h("th", {}, "median TTC (days)")),
        rows.map(t => h("tr", {dataset: {target: t.id, before: String(t.reach_probability.baseline),
                                        after: String(t.reach_probability.design)}},
          h("td", {}, t.id + (t.significant ? " *" : "")),
          h("td", {class: "num"}, ZP.pct(t.reach_probability.baseline)),
          h("td", {class: "num"}, ZP.pct(t.reach_probability.design)),
          h("td", {class: "num"}, ZP.delta(t.reach_probability.baseline, t.reach_probability.design)),
          h("td", {class: "num"}, ZP.num(t.ttc_p50_days.baseline) + " → " + ZP.num(t.ttc_p50_days.design)))))
        : h("p", {class: "muted"}, "No crown jewel is reachable by this threat actor."),
      h("p", {class: "muted"}, "* the 95% intervals do not overlap"));
  }

  function pathItem(p, extra) {
    return h("li", {class: extra || "", dataset: {nodes: p.nodes.join(" "), target: p.target}},
      p.number ? h("span", {class: "badge p" + p.number}, String(p.number)) : null,
      ZP.pct(p.probability), " to ", h("b", {}, p.target), " ",
      h("span", {class: "nodes"}, p.nodes.join(" → ")));
  }

  function paths(state) {
    const mine = p => p.threat === state.threat;
    const appeared = state.diff.paths_appeared.filter(mine), gone = state.diff.paths_disappeared.filter(mine);
    ZP.clear(document.getElementById("paths"),
      h("h2", {}, "Most likely paths of " + state.threat),
      h("ol", {class: "paths", id: "path-list"}, state.paths.slice(0, 10).map(p => pathItem(p))),
      state.paths.length > 10 ? h("p", {class: "muted"}, `and ${state.paths.length - 10} more listed paths`) : null,
      appeared.length ? [h("h3", {class: "up"}, "Appeared"),
        h("ul", {class: "paths", id: "paths-appeared"}, appeared.map(p => pathItem(p)))] : null,
      gone.length ? [h("h3", {class: "down"}, "Vanished"),
        h("ul", {class: "paths", id: "paths-vanished"}, gone.map(p => pathItem(p, "gone")))] : null);
  }

  function edits(state, actions) {
    ZP.clear(document.getElementById("edits"),
      h("h2", {}, `Edits (${state.operations.length})`),
      state.operations.length
        ? h("ol", {id: "edit-list"}, state.operations.map(o =>
            h("li", {}, o.summary, o.override ? h("span", {class: "muted"}, " [override: " + o.override + "]") : null)))
        : h("p", {class: "muted"}, "None yet: this is the baseline."),
      state.operations.length ? h("button", {type: "button", class: "small", onclick: actions.reset}, "Back to the baseline")
        : null);
  }

  function render(state, actions) {
    summary(state);
    targets(state);
    paths(state);
    edits(state, actions);
  }

  return {render, pathItem, requiredFlows};
})();
