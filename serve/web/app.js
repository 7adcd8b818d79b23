// The workbench: loads the session, evaluates the design after every edit (a newer edit aborts
// the request still running, and the server cancels its computation), and renders the result.
"use strict";
ZP.app = (function () {
  const h = ZP.h;
  const app = {session: null, state: null, threat: "", view: "auto", selected: null, designA: null,
               controller: null, seq: 0, timer: null};

  function message(text) {
    const m = document.getElementById("message");
    m.hidden = !text;
    m.textContent = text || "";
  }

  function busy(on, text) {
    const status = document.getElementById("status"), progress = document.getElementById("progress");
    status.classList.toggle("busy", on);
    document.getElementById("status-text").textContent = text;
    clearInterval(app.timer);
    progress.hidden = true;
    if (!on) return;
    const start = performance.now();
    // Beyond half a second the app says how long it has been computing; it stays usable and a
    // new edit replaces the running one.
    app.timer = setInterval(() => {
      const s = (performance.now() - start) / 1000;
      if (s < 0.5) return;
      progress.hidden = false;
      document.getElementById("status-text").textContent = `${text} ${s.toFixed(1)} s`;
    }, 100);
  }

  function render() {
    const st = app.state;
    document.body.dataset.version = String(app.seq);
    ZP.diagram.show(st.svg, pickIndex());
    ZP.panels.render(st, {reset: () => run({operations: [], commit: () => { while (ZP.edits.canUndo()) ZP.edits.undo().commit(); }})});
    ZP.selection.render(st, app.selected, act, select);
    document.getElementById("undo").disabled = !ZP.edits.canUndo();
    document.getElementById("redo").disabled = !ZP.edits.canRedo();
    document.getElementById("compare").disabled = !app.designA;
  }

  function pickIndex() {
    if (!app.selected || !app.state) return null;
    const list = {zone: app.state.zones, conduit: app.state.conduits, asset: app.state.assets}[app.selected.kind];
    const o = list.find(x => x.id === app.selected.id);
    return o ? {kind: app.selected.kind, index: o.index} : null;
  }

  // Above this many assets an edit is answered first by a preview (the server's preview
  // samples), then by the exact figures; below it the exact figures come at once.
  const PREVIEW_ABOVE = 200;

  // Evaluates a proposed operation list; commits it to the history only when the server
  // accepted it. A newer call aborts this one.
  async function run(change, exactOnly) {
    if (!change) return;
    if (app.controller) app.controller.abort();
    const controller = app.controller = new AbortController();
    const seq = ++app.seq;
    const preview = !exactOnly && app.session && app.session.assets > PREVIEW_ABOVE;
    document.body.dataset.state = "computing";
    busy(true, preview ? "computing a preview" : exactOnly ? "preview shown, computing the exact figures" : "computing");
    try {
      const {data, ms} = await ZP.api("POST", "/api/evaluate",
        {operations: change.operations, threat: app.threat, view: app.view, preview}, controller.signal);
      if (seq !== app.seq) return;
      change.commit();
      app.state = data;
      app.threat = data.threat;
      message("");
      render();
      const took = ms === null ? "" : ` in ${ms.toFixed(0)} ms`;
      if (preview) {
        document.body.dataset.state = "preview";
        busy(false, `preview (${data.samples} samples)${took}`);
        return run({operations: change.operations, commit() {}}, true);
      }
      busy(false, `ready · computed${took}`);
      document.body.dataset.state = "ready";
    } catch (e) {
      if (e.name === "AbortError" || e.status === 409 || seq !== app.seq) return;
      const where = (e.diagnostics || []).map(d => `${d.pointer}: ${d.message}`).join("\n");
      message("This edit was not applied: " + (where || e.message));
      busy(false, "ready");
      document.body.dataset.state = "ready";
      document.body.dataset.version = String(app.seq);
    }
  }

  const act = op => run(ZP.edits.propose(op));

  function select(kind, id) {
    app.selected = {kind, id};
    ZP.selection.render(app.state, app.selected, act, select);
    ZP.diagram.mark(pickIndex());
  }

  function pick({kind, index}) {
    const list = {zone: app.state.zones, conduit: app.state.conduits, asset: app.state.assets}[kind];
    if (list && list[index]) select(kind, list[index].id);
  }

  async function download(path, name) {
    try {
      const {data} = await ZP.api("POST", path, {operations: ZP.edits.ops()});
      ZP.saveJson(name(data), data);
    } catch (e) {
      message(e.message);
    }
  }

  function wire() {
    const threat = document.getElementById("threat"), view = document.getElementById("view");
    threat.addEventListener("change", () => { app.threat = threat.value; run({operations: ZP.edits.ops(), commit() {}}); });
    view.addEventListener("change", () => { app.view = view.value; run({operations: ZP.edits.ops(), commit() {}}); });
    document.getElementById("undo").addEventListener("click", () => run(ZP.edits.undo()));
    document.getElementById("redo").addEventListener("click", () => run(ZP.edits.redo()));
    document.getElementById("download-scenario").addEventListener("click",
      () => download("/api/scenario", d => d.id + ".json"));
    document.getElementById("download-site").addEventListener("click",
      () => download("/api/site", d => ((d.site && d.site.id) || "site") + ".edited.json"));
    document.getElementById("keep-a").addEventListener("click", () => {
      app.designA = ZP.edits.ops();
      document.getElementById("compare").disabled = false;
      document.getElementById("status-text").textContent = `design A kept (${app.designA.length} edits)`;
    });
    document.getElementById("compare").addEventListener("click", () => ZP.compare.open(app.designA, app.threat, app.view));
    document.addEventListener("keydown", e => {
      if (!(e.ctrlKey || e.metaKey) || e.target.matches("input, textarea")) return;
      if (e.key === "z" && !e.shiftKey) { e.preventDefault(); run(ZP.edits.undo()); }
      if (e.key === "y" || (e.key === "z" && e.shiftKey)) { e.preventDefault(); run(ZP.edits.redo()); }
    });
  }

  async function start() {
    ZP.diagram.init(pick);
    ZP.compare.init();
    wire();
    try {
      const {data} = await ZP.api("GET", "/api/session");
      app.session = data;
      document.getElementById("site-name").textContent = data.site.name || data.site.id;
      document.title = "zonepath workbench: " + (data.site.name || data.site.id);
      ZP.clear(document.getElementById("threat"),
        data.threats.map(t => h("option", {value: t.id}, `${t.id} (tier ${t.sophistication})`)));
      app.threat = data.threats.length ? data.threats[0].id : "";
      await run({operations: [], commit() {}});
    } catch (e) {
      message("The workbench could not start: " + e.message);
    }
  }

  document.addEventListener("DOMContentLoaded", start);
  return {message, act, state: () => app.state};
})();
