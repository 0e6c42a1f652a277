// The JSON API under api/v1 (docs/api.md), same-origin only.

const BASE = "api/v1/";

export class ApiError extends Error {
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

/** The path of an API resource with its query: apiPath(["events", id], {limit: 5}). */
export function apiPath(segments, params = {}) {
  const path = BASE + [].concat(segments).map((s) => encodeURIComponent(String(s))).join("/");
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    for (const item of [].concat(v)) q.append(k, item);
  }
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request(segments, params, { signal, as = "json" } = {}) {
  const url = apiPath(segments, params);
  let response;
  try {
    response = await fetch(url, { signal, credentials: "same-origin", headers: { Accept: as === "json" ? "application/json" : "text/html" } });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", `The server could not be reached (${err.message}).`);
  }
  if (!response.ok) {
    let type = "http_error";
    let msg = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error) {
        type = body.error.type || type;
        msg = body.error.message || msg;
      }
    } catch (_) { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, type, msg);
  }
  return as === "json" ? response.json() : response.text();
}

export const getJSON = (segments, params, opts) => request(segments, params, { ...opts, as: "json" });
export const getText = (segments, params, opts) => request(segments, params, { ...opts, as: "text" });

let summaryPromise = null;
/** /summary, fetched once per page load. */
export function summary() {
  summaryPromise = summaryPromise || getJSON("summary").catch((err) => {
    summaryPromise = null;
    throw err;
  });
  return summaryPromise;
}

let actorsPromise = null;
/** /actors (states and organisations with events), fetched once per page load. */
export function actors() {
  actorsPromise = actorsPromise || getJSON("actors", { limit: 500 }).then((r) => r.items).catch((err) => {
    actorsPromise = null;
    throw err;
  });
  return actorsPromise;
}

const scripts = new Map();
/** Load a vendored classic script once (vendor/…): the libraries define globals. */
export function loadScript(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const el = document.createElement("script");
      el.src = src;
      el.async = false;
      el.onload = () => resolve();
      el.onerror = () => {
        scripts.delete(src);
        reject(new Error(`could not load ${src}`));
      };
      document.head.append(el);
    }));
  }
  return scripts.get(src);
}

export const loadD3 = () => Promise.all([loadScript("vendor/d3.min.js"), loadScript("vendor/topojson-client.min.js")]);
export const loadECharts = () => loadScript("vendor/echarts.min.js");
export const loadCytoscape = () => loadScript("vendor/cytoscape.min.js");
