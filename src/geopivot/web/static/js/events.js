// #/events?… : the event table with filters; the filters live in the address so a view can be shared.

import { getJSON } from "./api.js";
import { PLOVER_TYPES, QUAD_NAMES, appendEventRows, eventTable, h, message, replaceChildren, route, routeQuery } from "./dom.js";

const FILTERS = ["country", "type", "quad_class", "since", "until", "q", "sort"];
const PAGE = 50;
const SORTS = [["-date", "Newest first"], ["date", "Oldest first"], ["-goldstein", "Most cooperative"], ["goldstein", "Most conflictual"], ["-confidence", "Most confident"]];

export async function render(main, { query, signal, setTitle }) {
  const filters = {};
  for (const k of FILTERS) filters[k] = (query.get(k) || "").trim();
  if (!filters.sort) filters.sort = "-date";
  setTitle(filters.country ? `Events of ${filters.country}` : "Events");

  const field = (id, label, control, hint) => h("div", { class: "field" }, h("label", { for: id }, label), control,
    hint ? h("span", { class: "hint", id: id + "-hint" }, hint) : null);
  const country = h("input", { id: "f-country", name: "country", value: filters.country, list: "country-options", size: 8,
    autocomplete: "off", spellcheck: "false", pattern: "[A-Za-z]{3}", "aria-describedby": "f-country-hint" });
  const type = h("select", { id: "f-type", name: "type" }, h("option", { value: "" }, "Any type"),
    PLOVER_TYPES.map((t) => h("option", { value: t, selected: t === filters.type }, t)));
  const quad = h("select", { id: "f-quad", name: "quad_class" }, h("option", { value: "" }, "Any"),
    Object.entries(QUAD_NAMES).map(([k, v]) => h("option", { value: k, selected: k === filters.quad_class }, `${k}: ${v}`)));
  const since = h("input", { id: "f-since", name: "since", type: "date", value: filters.since });
  const until = h("input", { id: "f-until", name: "until", type: "date", value: filters.until });
  const q = h("input", { id: "f-q", name: "q", type: "search", value: filters.q, maxlength: 200, "aria-describedby": "f-q-hint" });
  const sort = h("select", { id: "f-sort", name: "sort" }, SORTS.map(([v, l]) => h("option", { value: v, selected: v === filters.sort }, l)));
  const form = h("form", { class: "controls filters", id: "event-filters", "aria-label": "Event filters" },
    field("f-country", "Country", country, "ISO3, either side"),
    field("f-type", "Type", type),
    field("f-quad", "Quad class", quad),
    field("f-since", "From", since),
    field("f-until", "To", until),
    field("f-q", "Text", q, "words in the sentence"),
    field("f-sort", "Sort", sort),
    h("div", { class: "field buttons" },
      h("button", { type: "submit", id: "apply-filters" }, "Apply"),
      h("a", { href: "#/events", class: "button-link secondary", id: "clear-filters" }, "Clear")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    if (data.country) data.country = data.country.trim().toUpperCase();
    if (data.sort === "-date") delete data.sort;
    location.hash = routeQuery("events", data);
  });

  const countLine = h("p", { class: "count", id: "event-count", "aria-live": "polite" }, "");
  const results = h("div", { class: "table-box", id: "event-results" });
  const more = h("button", { type: "button", id: "more-events", class: "more", hidden: true }, "Show more events");
  replaceChildren(main,
    h("div", { class: "page-head" }, h("h1", {}, "Events"),
      h("p", { class: "lede" }, "Every coded event with the sentence it was coded from. Filter, then open a row for its evidence.")),
    form, countLine, results, more);

  const params = { ...filters, limit: PAGE };
  let shown = 0;
  let cursor = null;
  let tbody = null;

  async function page() {
    more.disabled = true;
    const data = await getJSON("events", { ...params, cursor }, { signal });
    const rows = data.items || [];
    if (!tbody) {
      if (!rows.length) {
        replaceChildren(results, message("No events match these filters."));
      } else {
        const table = eventTable(rows, { id: "events-table", caption: "Events matching the filters" });
        tbody = table.tBodies[0];
        // A click anywhere on a row opens the event (the date cell is the keyboard-reachable link).
        tbody.addEventListener("click", (ev) => {
          const tr = ev.target.closest("tr[data-event-id]");
          if (!tr || ev.target.closest("a") || window.getSelection().toString()) return;
          location.hash = route("event", tr.dataset.eventId);
        });
        replaceChildren(results, table);
      }
    } else {
      appendEventRows(tbody, rows);
    }
    shown += rows.length;
    cursor = data.next_cursor || null;
    more.hidden = !cursor;
    more.disabled = false;
    countLine.textContent = shown ? `Showing ${shown} event${shown === 1 ? "" : "s"}${cursor ? "; more are available" : ""}.` : "";
  }

  more.addEventListener("click", () => {
    const firstNew = shown;
    page().then(() => {
      // Keyboard users continue from the first new row.
      const link = tbody && tbody.rows[firstNew] && tbody.rows[firstNew].querySelector("a");
      if (link) link.focus();
    }).catch((err) => {
      if (err.name !== "AbortError") results.append(message(err.message, "error"));
      more.disabled = false;
    });
  });

  try {
    await page();
  } catch (err) {
    if (err.name === "AbortError") throw err;
    replaceChildren(results, message(err.message, "error"));
  }
}
