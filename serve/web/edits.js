// The edit history: the design is the base site plus a list of scenario operations (the
// zonepath/scenario/v1 operations of docs/scenarios.md). An edit is proposed, evaluated by the
// server, and committed only when it applies; undo and redo move operations between two stacks.
"use strict";
ZP.edits = (function () {
  const done = [], undone = [];

  const ops = () => done.slice();
  const canUndo = () => done.length > 0;
  const canRedo = () => undone.length > 0;

  // The operation list after each kind of change, and what to do when the server accepts it.
  function propose(op) {
    return {operations: [...done, op], commit: () => { done.push(op); undone.length = 0; }};
  }
  function undo() {
    if (!done.length) return null;
    return {operations: done.slice(0, -1), commit: () => undone.push(done.pop())};
  }
  function redo() {
    if (!undone.length) return null;
    const op = undone[undone.length - 1];
    return {operations: [...done, op], commit: () => done.push(undone.pop())};
  }

  // Operation builders (one per click in the app).
  const build = {
    removeRule: (where, id, index) => ({op: "remove-rule", [where]: id, index}),
    modifyRule: (where, id, index, set) => ({op: "modify-rule", [where]: id, index, set}),
    addDeny: (conduit, from, to, protocols) => {
      const rule = {priority: 0, action: "deny", from, to, description: "added in the workbench"};
      if (protocols.length) rule.protocols = protocols;
      return {op: "add-rule", conduit, at: "start", rule};
    },
    diode: (conduit, from, to) =>
      ({op: "modify-conduit", id: conduit, set: {kind: "data-diode", direction: from + "->" + to}}),
    disableConduit: id => ({op: "disable-conduit", id}),
    countermeasures: (target, requirements) => ({op: "add-countermeasure", target, requirements}),
    compensating: (target, requirement, control, change_record) =>
      ({op: "add-compensating", target, requirement, control, change_record}),
    // One requirement's record (id, status, justification, evidence, owner, last_verified).
    setRequirement: (target, record) => ({op: "set-requirement", target, ...record}),
    removeAsset: id => ({op: "remove-asset", id}),
    moveAsset: (id, zone) => ({op: "move-asset", id, zone}),
    patch: (asset, vulnerability) => ({op: "patch", asset, vulnerability}),
    // A service goes with the vulnerabilities exploited through it (they would name a protocol
    // the asset no longer has); that is a change of software state.
    removeService: (asset, index) => {
      const services = asset.services.filter((_, i) => i !== index);
      const protocol = asset.services[index].protocol;
      const set = {services};
      const vulns = asset.vulnerabilities.filter(v => v.service !== protocol || services.some(s => s.protocol === protocol));
      if (vulns.length !== asset.vulnerabilities.length) set.vulnerabilities = vulns;
      return {op: "modify-asset", id: asset.id, set};
    },
  };

  // RFC 7396 merge patch turning `before` into `after` (objects only at the top level).
  function mergePatch(before, after) {
    const set = {};
    for (const k of Object.keys(before)) if (!(k in after)) set[k] = null;
    for (const [k, v] of Object.entries(after)) if (JSON.stringify(before[k]) !== JSON.stringify(v)) set[k] = v;
    return set;
  }

  return {ops, canUndo, canRedo, propose, undo, redo, build, mergePatch};
})();
