// The selection panel: what the architect clicked (zone, conduit or asset), its figures, and
// the edits that apply to it. Each edit button proposes one scenario operation.
"use strict";
ZP.selection = (function () {
  const h = ZP.h, B = ZP.edits.build;

  function slTable(obj, base) {
    const row = (name, key) => h("tr", {}, h("th", {}, name), (obj[key] || []).map((v, i) => {
      const was = base && base[key] ? base[key][i] : v;
      return h("td", {class: "fr" + (key === "gap" ? " g" + Math.min(v, 4) : ""), title: was !== v ? "baseline " + was : null},
        was !== v ? h("span", {}, h("s", {class: "muted"}, String(was)), " " + v) : String(v));
    }));
    return h("table", {class: "sl"}, h("tr", {}, h("th", {}, ""), [1, 2, 3, 4, 5, 6, 7].map(i => h("th", {}, "FR" + i))),
      row("SL-T", "sl_t"), row("SL-A", "sl_a"), row("gap", "gap"));
  }

  function ruleText(r) {
    const what = (r.protocols || []).join(", ") + (r.ports ? " " + r.ports.join(",") : "");
    const assets = (r.src_assets ? " from " + r.src_assets.join(", ") : "") + (r.dst_assets ? " to " + r.dst_assets.join(", ") : "");
    return [h("span", {class: r.action}, r.action), ` ${r.from || "·"} → ${r.to || "·"} `, what || "any service", assets];
  }

  // Rules of a conduit or of an isolated zone, with the paths each carries and its edits.
  function rulesTable(where, id, rules, act) {
    if (!rules.length) return h("p", {class: "muted"}, "No rules.");
    return h("table", {class: "rules"},
      h("tr", {}, h("th", {}, "#"), h("th", {}, "prio"), h("th", {}, "rule"), h("th", {}, "paths"), h("th", {}, "")),
      rules.map(({index, rule, carries}) => h("tr", {class: carries.length ? "carrier" : "", dataset: {index: String(index), carries: carries.join(" ")}},
        h("td", {class: "num"}, String(index)), h("td", {class: "num"}, String(rule.priority ?? 0)),
        h("td", {title: rule.description || ""}, ruleText(rule), rule.description ? h("div", {class: "muted"}, rule.description) : null),
        h("td", {}, carries.map(n => h("span", {class: "badge p" + n, title: "carries path " + n}, String(n)))),
        h("td", {class: "btns"},
          h("button", {type: "button", class: "small zp-disable-rule", title: "Remove this rule",
                       onclick: () => act(B.removeRule(where, id, index))}, "disable"),
          h("button", {type: "button", class: "small zp-flip-rule", title: "Turn allow into deny or back",
                       onclick: () => act(B.modifyRule(where, id, index, {action: rule.action === "allow" ? "deny" : "allow"}))},
            rule.action === "allow" ? "→ deny" : "→ allow"),
          h("button", {type: "button", class: "small", onclick: e => editRule(e.target, where, id, index, rule, act)}, "edit")))));
  }

  function editRule(button, where, id, index, rule, act) {
    const area = h("textarea", {spellcheck: "false"});
    area.value = JSON.stringify(rule, null, 1);
    const form = h("div", {class: "form"}, area,
      h("button", {type: "button", onclick: () => {
        let after;
        try { after = JSON.parse(area.value); } catch (e) { return ZP.app.message("Not JSON: " + e.message); }
        if (typeof after !== "object" || Array.isArray(after) || after === null) return ZP.app.message("A rule is an object.");
        act(B.modifyRule(where, id, index, ZP.edits.mergePatch(rule, after)));
      }}, "Apply"), " ", h("button", {type: "button", onclick: () => form.remove()}, "Cancel"));
    button.closest("table").after(form);
  }

  function countermeasureForm(target, missing, act) {
    if (!missing || !missing.length) return null;
    const boxes = missing.map(r => h("input", {type: "checkbox", value: r}));
    return h("details", {class: "form"}, h("summary", {}, `Add countermeasures (${missing.length} missing)`),
      h("ul", {class: "checks"}, boxes.map(b => h("li", {}, h("label", {}, b, " " + b.value)))),
      h("button", {type: "button", class: "zp-add-countermeasures", onclick: () => {
        const reqs = boxes.filter(b => b.checked).map(b => b.value);
        if (reqs.length) act(B.countermeasures(target, reqs));
      }}, "Add the checked requirements"));
  }

  const STATUSES = ["met", "partial", "not-met", "not-applicable", "compensated"];

  // A not-applicable record needs a justification (docs/model.md): ask for one, keep the old.
  function recordOp(target, record, status, act) {
    const op = {...record, status};
    if (status === "not-applicable" && !(record.justification || "").trim()) {
      const why = window.prompt(`Why does ${record.id} not apply to ${target}? (the record's justification)`);
      if (!why || !why.trim()) return;
      op.justification = why.trim();
    }
    if (status !== "not-applicable" && record.status === "not-applicable") delete op.justification;
    act(B.setRequirement(target, op));
  }

  // Requirement assessment records of a zone or conduit: change a status, or record one of the
  // requirements still missing or listed only as a countermeasure.
  function recordsForm(target, obj, act) {
    const records = obj.requirements || [];
    const recorded = new Set(records.map(r => r.id));
    const others = [...(obj.missing || []), ...(obj.countermeasures || [])].filter(id => !recorded.has(id));
    const statusSelect = (current, onchange) =>
      h("select", {class: "zp-record-status", onchange}, STATUSES.map(st => h("option", {value: st, selected: st === current}, st)));
    const rows = records.map(r => h("tr", {dataset: {requirement: r.id}},
      h("td", {}, r.id),
      h("td", {}, statusSelect(r.status, e => recordOp(target, r, e.target.value, act))),
      h("td", {class: "muted"}, [r.justification || "", (r.evidence || []).length ? " (evidence " + r.evidence.join(", ") + ")" : ""])));
    const pick = h("select", {class: "zp-record-id"}, [...new Set(others)].map(id => h("option", {value: id}, id)));
    const status = statusSelect("not-applicable", null);
    return h("details", {class: "form zp-records"}, h("summary", {}, `Requirement records (${records.length})`),
      records.length ? h("table", {class: "records"}, h("tr", {}, h("th", {}, "requirement"), h("th", {}, "status"), h("th", {}, "justification, evidence")), rows)
        : h("p", {class: "muted"}, "No records: requirements listed as countermeasures count as met."),
      others.length ? h("p", {}, "Record ", pick, " as ", status, " ",
        h("button", {type: "button", class: "zp-record-add", onclick: () => recordOp(target, {id: pick.value}, status.value, act)}, "Apply")) : null);
  }

  function pathsInto(state, zone) {
    const here = new Set([zone.id, ...zone.assets]);
    const list = state.paths.filter(p => p.nodes.slice(1).some(n => here.has(n)));
    if (!list.length) return h("p", {class: "muted"}, `No listed path of ${state.threat} enters this zone.`);
    return h("ol", {class: "paths"}, list.slice(0, 8).map(p => ZP.panels.pathItem(p)));
  }

  function zonePanel(state, zone, base, act, select) {
    const risk = zone.risk;
    return [h("h2", {}, "Zone ", h("b", {}, zone.name || zone.id), h("span", {class: "muted"}, ` ${zone.id} · ${zone.kind || "no kind"}`)),
      zone.sl_t ? slTable(zone, base) : null,
      risk && risk.level ? h("p", {}, `Risk level ${risk.level}/5 (${risk.tolerable ? "tolerable" : "not tolerable"}, ${risk.threat})`) : null,
      h("h3", {}, `Assets (${zone.assets.length})`),
      h("p", {}, zone.assets.map(a => h("button", {type: "button", class: "small", onclick: () => select("asset", a)}, a))),
      h("h3", {}, "Attack paths into it"), pathsInto(state, zone),
      zone.isolated ? [h("h3", {}, "Intra-zone rules"), rulesTable("zone", zone.id, zone.intra_rules, act)] : null,
      countermeasureForm(zone.id, zone.missing, act), recordsForm(zone.id, zone, act)];
  }

  function denyForm(c, act) {
    const from = h("select", {}, ["*", ...c.zones].map(z => h("option", {}, z)));
    const to = h("select", {}, ["*", ...c.zones].map(z => h("option", {}, z)));
    const protos = h("input", {type: "text", placeholder: "protocols, e.g. smb, rdp (empty: all)", size: 26});
    return h("details", {class: "form"}, h("summary", {}, "Add a deny rule"),
      h("label", {}, "from ", from), h("label", {}, "to ", to), protos, " ",
      h("button", {type: "button", class: "zp-add-deny", onclick: () => act(B.addDeny(c.id, from.value, to.value,
        protos.value.split(/[\s,]+/).filter(Boolean)))}, "Add first"));
  }

  function conduitPanel(state, c, base, act) {
    const [a, b] = c.zones;
    return [h("h2", {}, "Conduit ", h("b", {}, c.name || c.id), h("span", {class: "muted"}, ` ${c.id} · ${c.kind || "firewall"}`)),
      h("p", {}, `${a} ↔ ${b}`, c.direction ? ` (one way: ${c.direction})` : ""),
      c.sl_a ? slTable(c, base) : null,
      h("h3", {}, "Rules"), rulesTable("conduit", c.id, c.rules, act),
      h("div", {class: "actions"},
        h("button", {type: "button", class: "zp-diode", onclick: () => act(B.diode(c.id, a, b))}, `Data diode ${a} → ${b}`),
        h("button", {type: "button", class: "zp-diode", onclick: () => act(B.diode(c.id, b, a))}, `Data diode ${b} → ${a}`),
        h("button", {type: "button", onclick: () => act(B.disableConduit(c.id))}, "Disable conduit")),
      denyForm(c, act), countermeasureForm(c.id, c.missing, act), recordsForm(c.id, c, act)];
  }

  // Changing an unpatchable asset's software state needs a reason (the scenario's override).
  function withOverride(asset, op, act) {
    if (asset.patchable !== false || !(op.op === "patch" || (op.set && "vulnerabilities" in op.set))) return act(op);
    const why = window.prompt(`${asset.id} is marked unpatchable. Why may it change? (recorded as the override)`);
    if (why && why.trim()) act({...op, override: why.trim()});
  }

  function assetPanel(state, asset, act, select) {
    const move = h("select", {}, state.zones.map(z => h("option", {selected: z.id === asset.zone}, z.id)));
    return [h("h2", {}, "Asset ", h("b", {}, asset.name || asset.id), h("span", {class: "muted"}, ` ${asset.id} · ${asset.type}`)),
      h("p", {}, "in zone ", h("button", {type: "button", class: "small", onclick: () => select("zone", asset.zone)}, asset.zone),
        asset.crown_jewel ? " · ★ crown jewel" : "", asset.legacy ? " · legacy" : "", asset.patchable === false ? " · not patchable" : ""),
      h("h3", {}, "Services"),
      asset.services.length ? h("table", {}, asset.services.map((s, i) => h("tr", {},
        h("td", {}, s.protocol), h("td", {class: "num"}, s.port ?? ""), h("td", {}, s.default_credentials ? "default credentials" : ""),
        h("td", {}, h("button", {type: "button", class: "small zp-remove-service",
          onclick: () => withOverride(asset, B.removeService(asset, i), act)}, "remove")))))
        : h("p", {class: "muted"}, "No services: not reachable over the network."),
      h("h3", {}, "Vulnerabilities"),
      asset.vulnerabilities.length ? h("table", {}, asset.vulnerabilities.map(v => h("tr", {},
        h("td", {}, v.id), h("td", {}, v.service || "every service"),
        h("td", {}, h("button", {type: "button", class: "small zp-patch",
          onclick: () => withOverride(asset, B.patch(asset.id, v.id), act)}, "mark patched")))))
        : h("p", {class: "muted"}, "None known."),
      h("div", {class: "actions"},
        h("button", {type: "button", class: "zp-remove-asset", onclick: () => act(B.removeAsset(asset.id))}, "Remove asset"),
        h("label", {}, "move to ", move), h("button", {type: "button", onclick: () => act(B.moveAsset(asset.id, move.value))}, "Move"))];
  }

  // Shows the selection; the baseline figures come from the diff (null when new).
  function render(state, selected, act, select) {
    const panel = document.getElementById("selection");
    if (!selected) return;
    const list = {zone: state.zones, conduit: state.conduits, asset: state.assets}[selected.kind];
    const obj = list.find(o => o.id === selected.id);
    if (!obj) return ZP.clear(panel, h("p", {class: "muted"}, `${selected.id} is not in this design.`));
    const diffs = selected.kind === "zone" ? state.diff.zones : state.diff.conduits;
    const d = (diffs || []).find(x => x.id === obj.id);
    const base = d ? {sl_t: d.sl_t ? d.sl_t.baseline : null, sl_a: d.sl_a.baseline, gap: d.gap.baseline} : null;
    const body = selected.kind === "zone" ? zonePanel(state, obj, base, act, select)
      : selected.kind === "conduit" ? conduitPanel(state, obj, base, act) : assetPanel(state, obj, act, select);
    ZP.clear(panel, body);
    panel.dataset.kind = selected.kind;
    panel.dataset.id = obj.id;
  }

  return {render};
})();
