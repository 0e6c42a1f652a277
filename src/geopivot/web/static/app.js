// The geopivot dashboard: a hash router over a few views, each fed by the JSON API (docs/api.md).
//
// #/                 world map of alignment toward a pole      (js/map.js)
// #/country/ISO3     realignments, alignment, network, events  (js/country.js)
// #/events?…         filterable event table                    (js/events.js)
// #/event/ID         one event's evidence                      (js/event.js)
// #/brief/ISO3       the country brief, sandboxed               (js/brief.js)

import { actors, summary } from "./js/api.js";
import { h, message, replaceChildren } from "./js/dom.js";

const VIEWS = {
  map: () => import("./js/map.js"),
  country: () => import("./js/country.js"),
  events: () => import("./js/events.js"),
  event: () => import("./js/event.js"),
  brief: () => import("./js/brief.js"),
};

const main = document.getElementById("main");
const status = document.getElementById("status");
let current = null; // {controller, cleanup}
let firstRender = true;

/** "#/country/MLI?x=1" -> {view: "country", params: ["MLI"], query: URLSearchParams} */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#/, "");
  if (raw && !raw.startsWith("/")) return null; // an in-page anchor such as #main: not a route
  const [path, qs = ""] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch (_) {
      return p;
    }
  });
  const query = new URLSearchParams(qs);
  if (parts.length === 0) return { view: "map", params: [], query };
  const [name, ...params] = parts;
  if (name === "events" && params.length === 0) return { view: "events", params, query };
  if (["country", "event", "brief"].includes(name) && params.length === 1) return { view: name, params, query };
  return { view: "notfound", params: parts, query };
}

async function navigate() {
  const routeInfo = parseHash(location.hash);
  if (routeInfo === null) return;
  if (current) {
    current.controller.abort();
    try {
      current.cleanup?.();
    } catch (err) {
      console.warn("cleanup failed", err);
    }
  }
  const controller = new AbortController();
  current = { controller, cleanup: null };
  status.textContent = "";
  markNav(routeInfo.view);
  main.setAttribute("aria-busy", "true");
  main.removeAttribute("data-ready");
  document.body.dataset.view = routeInfo.view;
  replaceChildren(main, h("p", { class: "loading" }, "Loading…"));
  try {
    if (routeInfo.view === "notfound") {
      replaceChildren(main, h("h1", { tabindex: "-1" }, "Page not found"),
        message("There is no page at this address. Start from the world map or the event list.", "error"),
        h("p", {}, h("a", { href: "#/" }, "World map"), " · ", h("a", { href: "#/events" }, "Events")));
      document.title = "Not found · geopivot";
    } else {
      const mod = await VIEWS[routeInfo.view]();
      const cleanup = await mod.render(main, {
        params: routeInfo.params,
        query: routeInfo.query,
        signal: controller.signal,
        setTitle: (t) => (document.title = t ? `${t} · geopivot` : "geopivot"),
      });
      if (controller.signal.aborted) {
        cleanup?.();
        return;
      }
      current.cleanup = cleanup || null;
    }
  } catch (err) {
    if (err.name === "AbortError" || controller.signal.aborted) return;
    console.warn(err);
    replaceChildren(main, h("h1", { tabindex: "-1" }, err.status === 404 ? "Not found" : "Something went wrong"),
      message(err.message || String(err), "error"),
      h("p", {}, h("a", { href: "#/" }, "Back to the world map")));
  }
  main.setAttribute("aria-busy", "false");
  main.setAttribute("data-ready", routeInfo.view);
  if (!firstRender) {
    // Move focus to the new page's heading so keyboard and screen-reader users start there.
    const heading = main.querySelector("h1");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: false });
    }
  }
  firstRender = false;
}

function markNav(view) {
  for (const a of document.querySelectorAll("[data-nav]")) {
    const active = a.dataset.nav === view || (view === "event" && a.dataset.nav === "events");
    if (active) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function setupSkipLink() {
  document.getElementById("skip-link").addEventListener("click", (ev) => {
    ev.preventDefault();
    main.focus();
    main.scrollIntoView();
  });
}

async function setupCountryJump() {
  const form = document.getElementById("country-jump");
  const input = document.getElementById("country-jump-input");
  const list = document.getElementById("country-options");
  let items = [];
  try {
    items = (await actors()).filter((a) => /^[A-Z]{3}$/.test(a.code) && a.code !== "IGO");
    for (const a of items) list.append(h("option", { value: a.code }, `${a.name} (${a.events} events)`));
  } catch (err) {
    console.warn("actors unavailable", err);
  }
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    const byName = items.find((a) => a.name.toLowerCase() === value.toLowerCase());
    const code = byName ? byName.code : /^[A-Za-z]{3}$/.test(value) ? value.toUpperCase() : null;
    if (!code) {
      status.textContent = `No country called “${value}”: type an ISO 3166 alpha-3 code such as MLI.`;
      return;
    }
    input.value = "";
    location.hash = "#/country/" + encodeURIComponent(code);
  });
}

async function setupFooter() {
  try {
    const s = await summary();
    const parts = [`${s.documents} documents`, `${s.events} events (${s.fused_events} after fusing reports)`];
    if (s.first_date) parts.push(`dated ${s.first_date} to ${s.last_date}`);
    document.getElementById("footer-summary").textContent = "Store: " + parts.join(" · ") + ".";
  } catch (err) {
    status.textContent = `The API is not answering: ${err.message}`;
  }
}

window.addEventListener("hashchange", navigate);
setupSkipLink();
setupCountryJump();
setupFooter();
navigate();
