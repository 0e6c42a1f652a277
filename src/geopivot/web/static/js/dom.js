// Building DOM from data without ever parsing data as HTML.
//
// Everything the API returns comes from article text and is untrusted. It reaches the page only
// through textContent (text children) and setAttribute on attributes that cannot run code. `h`
// refuses event-handler attributes and inline styles, and `href` accepts only the dashboard's own
// hash routes and same-origin relative paths built by the caller (see `route`).

const FORBIDDEN_ATTR = /^(on|style$|srcdoc$|formaction$)/i;

/** Create an element. `attrs` values that are null/undefined/false are skipped; `true` sets "". */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (FORBIDDEN_ATTR.test(name)) throw new Error(`h(): attribute ${name} is not allowed`);
    if (name === "class") {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : String(value);
    } else if (name === "href") {
      el.setAttribute("href", safeHref(value));
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children: strings and numbers become text nodes, arrays are flattened, null is skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace all children of `el`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Only hash routes ("#/…") and relative same-origin paths ("api/v1/…", "vendor/…"). */
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith("#/") || s === "#main" || /^(api\/v1|vendor)\//.test(s)) return s;
  throw new Error(`refusing link target ${s}`);
}

/** A hash route with each dynamic segment percent-encoded: route("country", code). */
export function route(...segments) {
  return "#/" + segments.map((s) => encodeURIComponent(String(s))).join("/");
}

/** A hash route with a query: routeQuery("events", {country: "MLI"}). */
export function routeQuery(name, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const qs = q.toString();
  return "#/" + encodeURIComponent(name) + (qs ? "?" + qs : "");
}

/** A section with a heading; returns [section, body]. */
export function section(title, { id, level = 2, cls } = {}) {
  const headingId = id ? id + "-heading" : undefined;
  const sec = h("section", { class: ["panel", cls], id, "aria-labelledby": headingId });
  sec.append(h("h" + level, { id: headingId }, title));
  return sec;
}

export function formatScore(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  const v = Number(x);
  return (v > 0 ? "+" : v < 0 ? "−" : "±") + Math.abs(v).toFixed(2);
}

export function formatDate(row) {
  if (!row) return "";
  if (row.date && row.date_end && row.date_end !== row.date) return `${row.date} – ${row.date_end}`;
  return row.date || "undated";
}

export const QUAD_NAMES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

// The PLOVER event types geopivot codes (docs/ontology): the type filter's options.
export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

/** "MLI;BFA" -> "MLI, BFA"; "?" stays as "unresolved". */
export function codes(value) {
  if (!value) return "—";
  return String(value).split(";").map((c) => (c === "?" ? "unresolved" : c)).join(", ");
}

/** Event rows as a table; each row's first cell links to the event page. */
export function eventTable(rows, { caption, id } = {}) {
  const table = h("table", { class: "events-table", id });
  if (caption) table.append(h("caption", {}, caption));
  table.append(h("thead", {}, h("tr", {},
    ["Date", "Type", "Actor", "Recipient", "Sentence", "Source"].map((c) => h("th", { scope: "col" }, c)))));
  const body = h("tbody");
  appendEventRows(body, rows);
  table.append(body);
  return table;
}

export function appendEventRows(tbody, rows) {
  for (const row of rows) {
    const link = h("a", { href: route("event", row.id), class: "row-link" }, formatDate(row));
    const tr = h("tr", { "data-event-id": row.id, class: "q" + (row.quad_class || 0) },
      h("td", { class: "nowrap" }, link),
      h("td", {}, h("span", { class: ["type-badge", "q" + (row.quad_class || 0)] }, row.type || "?")),
      h("td", {}, codes(row.actor_codes)),
      h("td", {}, codes(row.recipient_codes)),
      h("td", { class: "sentence-cell" }, truncate(row.sentence, 220)),
      h("td", {}, row.source || row.title || ""),
    );
    tbody.append(tr);
  }
}

/** "2023-01-27T08:50+00:00" -> "2023-01-27": publication times are noise next to event dates. */
export function day(value) {
  const s = String(value || "");
  return /^\d{4}-\d{2}-\d{2}T/.test(s) ? s.slice(0, 10) : s;
}

export function truncate(text, n) {
  const s = String(text || "").trim();
  const chars = Array.from(s);
  return chars.length > n ? chars.slice(0, n - 1).join("") + "…" : s;
}

/** A message box; `kind` is "error" or "info". */
export function message(text, kind = "info") {
  return h("p", { class: ["message", kind], role: kind === "error" ? "alert" : null }, text);
}
