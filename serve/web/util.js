// Small helpers shared by the workbench scripts: element building (text only, never HTML
// strings, so model names stay text), number formatting and the API client.
"use strict";
const ZP = window.ZP = {};

// h("td", {class: "num", dataset: {x: 1}, onclick: f}, "text", child...)
ZP.h = function (tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
};

ZP.clear = function (el, ...children) {
  el.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return el;
};

ZP.pct = v => (v === null || v === undefined) ? "–" : (100 * v).toFixed(1) + "%";
ZP.num = (v, d = 1) => (v === null || v === undefined) ? "–" : Number(v).toFixed(d);
ZP.sl = v => Array.isArray(v) ? v.join(" ") : "–";
ZP.maxOf = v => Array.isArray(v) ? Math.max(0, ...v) : 0;

// The delta of two numbers as "+1.2 pp"-style text with a class for colour (up is worse).
ZP.delta = function (before, after, scale = 100, unit = " pp", worseUp = true) {
  if (before === null || before === undefined || after === null || after === undefined) return ZP.h("span", {}, "");
  const d = (after - before) * scale;
  if (Math.abs(d) < 1e-9) return ZP.h("span", {class: "muted"}, "±0");
  const worse = worseUp ? d > 0 : d < 0;
  return ZP.h("span", {class: worse ? "up" : "down"}, (d > 0 ? "+" : "") + d.toFixed(1) + unit);
};

ZP.token = new URLSearchParams(location.search).get("token") || "";
// One id per tab: the server cancels this tab's computation when a newer one arrives.
ZP.client = Array.from(crypto.getRandomValues(new Uint8Array(8)), b => b.toString(16).padStart(2, "0")).join("");

// The API: JSON in and out, the token in the Authorization header. Throws an Error carrying
// the server's message and diagnostics; AbortError when `signal` aborted it.
ZP.api = async function (method, path, body, signal) {
  const res = await fetch(path, {
    method, signal, cache: "no-store",
    headers: {"Authorization": "Bearer " + ZP.token, "X-Zonepath-Client": ZP.client, "Content-Type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await res.json(); } catch (e) { data = {error: res.statusText}; }
  if (!res.ok) {
    const err = new Error(data.error || ("HTTP " + res.status));
    err.status = res.status;
    err.diagnostics = data.diagnostics || [];
    throw err;
  }
  const timing = res.headers.get("Server-Timing");
  const m = timing && /dur=([\d.]+)/.exec(timing);
  return {data, ms: m ? Number(m[1]) : null};
};

// Saves a JSON document as a file through a temporary link.
ZP.saveJson = function (name, doc) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + "\n"], {type: "application/json"}));
  const a = ZP.h("a", {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
};
