// #/ : the world coloured by each state's alignment toward a pole, one period at a time.

import { actors, getJSON, loadD3, summary } from "./api.js";
import { formatScore, h, message, replaceChildren, route } from "./dom.js";
import { NO_DATA, POLE_NAMES, POLE_NUMERIC, legendSvg, scoreScale } from "./palette.js";

const WIDTH = 960;
const HEIGHT = 500;
const PERIODS = ["year", "month"];

let atlasPromise = null;
function atlas() {
  atlasPromise = atlasPromise || fetch("vendor/countries-110m.json").then((r) => {
    if (!r.ok) throw new Error(`the world outlines did not load (${r.status})`);
    return r.json();
  }).catch((err) => {
    atlasPromise = null;
    throw err;
  });
  return atlasPromise;
}

async function poleNames() {
  const names = { ...POLE_NAMES };
  try {
    for (const a of await actors()) if (!names[a.code]) names[a.code] = a.name;
  } catch (_) { /* codes will do */ }
  return names;
}

export async function render(main, { query, signal, setTitle }) {
  const [, s, world, names] = await Promise.all([loadD3(), summary(), atlas(), poleNames()]);
  const d3 = window.d3;
  const topojson = window.topojson;
  const poles = s.poles && s.poles.length ? s.poles : ["USA", "RUS", "CHN", "FRA", "EUR"];
  const state = {
    pole: poles.includes((query.get("pole") || "").toUpperCase()) ? query.get("pole").toUpperCase() : poles[0],
    period: PERIODS.includes(query.get("period")) ? query.get("period") : "year",
    at: query.get("at"),
    data: null,
  };
  const poleName = (code) => names[code] || code;

  // ---- static layout ------------------------------------------------------------------------------
  const title = h("h1", {}, "");
  const intro = h("p", { class: "lede" },
    "Each state is coloured by its alignment score toward the chosen pole in the chosen period: the balance of " +
    "cooperative and conflictual events between them, from −1 (only conflict) to +1 (only cooperation). " +
    "Grey means no coded events in that period. Select a coloured country to open its page.");
  const poleSelect = h("select", { id: "map-pole", name: "pole" },
    poles.map((p) => h("option", { value: p, selected: p === state.pole }, `${poleName(p)} (${p})`)));
  const periodSelect = h("select", { id: "map-period", name: "period" },
    PERIODS.map((p) => h("option", { value: p, selected: p === state.period }, p === "year" ? "Year" : "Month")));
  const slider = h("input", { id: "map-time", name: "at", type: "range", min: 0, max: 0, step: 1, value: 0 });
  const output = h("output", { id: "map-time-value", for: "map-time", class: "time-value" }, "");
  const controls = h("form", { class: "controls", id: "map-controls", "aria-label": "Map options" },
    h("div", { class: "field" }, h("label", { for: "map-pole" }, "Pole"), poleSelect),
    h("div", { class: "field" }, h("label", { for: "map-period" }, "Period"), periodSelect),
    h("div", { class: "field field-wide" }, h("label", { for: "map-time" }, "Time"), slider, output),
  );
  controls.addEventListener("submit", (ev) => ev.preventDefault());

  const zoomIn = h("button", { type: "button", class: "icon-button", "aria-label": "Zoom in" }, "+");
  const zoomOut = h("button", { type: "button", class: "icon-button", "aria-label": "Zoom out" }, "−");
  const zoomReset = h("button", { type: "button", class: "icon-button" }, "Whole world");
  const zoomData = h("button", { type: "button", class: "icon-button", id: "zoom-data" }, "Zoom to countries with data");
  const detail = h("p", { class: "map-detail", id: "map-detail" }, "Hover over or focus a country to see its score.");
  const figure = h("figure", { class: "map-figure" });
  const legendBox = h("div", { class: "legend-box" });
  const tableBox = h("div", { class: "table-box" });
  replaceChildren(main,
    h("div", { class: "page-head" }, title, intro),
    controls,
    h("div", { class: "map-toolbar", role: "group", "aria-label": "Zoom" }, zoomData, zoomIn, zoomOut, zoomReset),
    figure,
    h("div", { class: "map-foot" }, legendBox, detail),
    tableBox,
  );
  legendBox.append(legendSvg(d3));

  // ---- the map --------------------------------------------------------------------------------------
  const features = topojson.feature(world, world.objects.countries).features
    .filter((f) => f.id !== "010"); // Antarctica: no states to colour, a lot of ink
  const projection = d3.geoNaturalEarth1().fitExtent([[6, 6], [WIDTH - 6, HEIGHT - 6]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const scale = scoreScale(d3);
  const svg = d3.select(figure).append("svg")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("class", "world-map")
    .attr("role", "group")
    .attr("aria-label", "World map");
  const g = svg.append("g");
  g.append("path").datum({ type: "Sphere" }).attr("class", "sphere").attr("d", path);
  g.append("path").datum(d3.geoGraticule10()).attr("class", "graticule").attr("d", path);
  const countryLayer = g.append("g").attr("class", "countries");
  const focusRing = g.append("path").attr("class", "focus-ring").attr("aria-hidden", "true");
  const paths = countryLayer.selectAll("path")
    .data(features)
    .join("path")
    .attr("class", "country")
    .attr("d", path)
    .attr("data-numeric", (f) => f.id || null);
  paths.append("title");
  figure.append(h("figcaption", { class: "visually-hidden" }, "Countries with data can be selected; the table below lists the same scores."));

  const zoom = d3.zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [WIDTH, HEIGHT]])
    .on("zoom", (ev) => {
      g.attr("transform", ev.transform);
      g.attr("data-zoom", ev.transform.k);
    });
  svg.call(zoom).on("dblclick.zoom", null);
  zoomIn.addEventListener("click", () => svg.transition().duration(250).call(zoom.scaleBy, 1.6));
  zoomOut.addEventListener("click", () => svg.transition().duration(250).call(zoom.scaleBy, 1 / 1.6));
  zoomReset.addEventListener("click", () => svg.transition().duration(250).call(zoom.transform, d3.zoomIdentity));
  zoomData.addEventListener("click", () => {
    // The countries coloured in the shown period (else any with data), the pole's own shape aside.
    const poleShapes = new Set(POLE_NUMERIC[state.pole] || []);
    let withData = features.filter((f) => scoreOf(f) && !poleShapes.has(f.id));
    if (!withData.length) withData = features.filter((f) => byNumeric.has(f.id) && !poleShapes.has(f.id));
    if (!withData.length) return;
    const [[x0, y0], [x1, y1]] = path.bounds({ type: "FeatureCollection", features: withData });
    const k = Math.min(8, 0.6 / Math.max((x1 - x0) / WIDTH, (y1 - y0) / HEIGHT));
    const t = d3.zoomIdentity.translate(WIDTH / 2, HEIGHT / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    const frame = [[0, 0], [WIDTH, HEIGHT]];
    svg.transition().duration(350).call(zoom.transform, zoom.constrain()(t, frame, frame));
  });

  function open(f) {
    const info = f && byNumeric.get(f.id);
    if (info) location.hash = route("country", info.code);
  }
  paths
    .on("click", (ev, f) => open(f))
    .on("keydown", (ev, f) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        open(f);
      }
    })
    .on("mouseenter focus", (ev, f) => {
      detail.textContent = describe(f);
      if (ev.type === "focus") focusRing.attr("d", path(f)).classed("shown", true);
    })
    .on("blur", () => focusRing.classed("shown", false));

  // ---- data -------------------------------------------------------------------------------------
  let byNumeric = new Map(); // numeric -> {code, name, scores}

  function currentPeriod() {
    const periods = state.data ? state.data.periods : [];
    return periods[Number(slider.value)] || null;
  }

  function scoreOf(f) {
    const info = byNumeric.get(f.id);
    const at = currentPeriod();
    if (!info || !at) return null;
    const sc = info.scores[at];
    return sc && sc.events > 0 ? sc : null;
  }

  function describe(f) {
    const info = byNumeric.get(f.id);
    const name = info ? info.name : (f.properties && f.properties.name) || "Unknown";
    const at = currentPeriod();
    const sc = scoreOf(f);
    if (!sc) return `${name}: no events with ${poleName(state.pole)} in ${at || "this period"}.`;
    return `${name}: ${formatScore(sc.score)} toward ${poleName(state.pole)} in ${at} ` +
      `(90% interval ${formatScore(sc.low)} to ${formatScore(sc.high)}, ${sc.events} event${sc.events === 1 ? "" : "s"}).`;
  }

  function recolour() {
    const at = currentPeriod();
    output.textContent = at || "no data";
    slider.setAttribute("aria-valuetext", at || "no data");
    const poleShapes = new Set(POLE_NUMERIC[state.pole] || []);
    for (const info of byNumeric.values()) if (info.code === state.pole && info.numeric) poleShapes.add(info.numeric);
    paths
      .attr("fill", (f) => {
        const sc = scoreOf(f);
        return sc ? scale(sc.score) : NO_DATA;
      })
      .classed("has-data", (f) => byNumeric.has(f.id))
      .classed("scored", (f) => scoreOf(f) !== null)
      .classed("pole", (f) => poleShapes.has(f.id))
      .attr("data-iso3", (f) => (byNumeric.get(f.id) || {}).code || null)
      .attr("tabindex", (f) => (byNumeric.has(f.id) ? 0 : null))
      .attr("role", (f) => (byNumeric.has(f.id) ? "link" : null))
      .attr("aria-hidden", (f) => (byNumeric.has(f.id) ? null : "true"))
      .attr("aria-label", (f) => describe(f));
    paths.select("title").text((f) => describe(f));
    // Pole outlines on top of their neighbours.
    countryLayer.selectAll("path.pole").raise();
    renderTable(at);
    const q = new URLSearchParams({ pole: state.pole, period: state.period });
    if (at) q.set("at", at);
    history.replaceState(null, "", "#/?" + q.toString());
  }

  function renderTable(at) {
    const rows = [];
    for (const [code, info] of Object.entries(state.data ? state.data.states : {})) {
      const sc = at ? info.scores[at] : null;
      if (sc && sc.events > 0) rows.push({ ...info, ...sc, code });
    }
    rows.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    const heading = h("h2", { id: "map-table-heading" }, `Scores toward ${poleName(state.pole)} in ${at || "—"}`);
    if (!rows.length) {
      replaceChildren(tableBox, heading, message("No state has coded events with this pole in this period."));
      return;
    }
    const table = h("table", { class: "data-table", id: "map-table", "aria-labelledby": "map-table-heading" },
      h("thead", {}, h("tr", {}, ["State", "Score", "90% interval", "Events"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {},
        h("th", { scope: "row" }, h("a", { href: route("country", r.code) }, `${r.name} (${r.code})`)),
        h("td", { class: "num" }, h("span", { class: "swatch", "data-score": r.score, "aria-hidden": "true" }), formatScore(r.score)),
        h("td", { class: "num" }, `${formatScore(r.low)} to ${formatScore(r.high)}`),
        h("td", { class: "num" }, r.events),
      ))));
    // Swatch colours through the SVG-free CSSOM (not inline style markup).
    for (const sw of table.querySelectorAll(".swatch")) sw.style.backgroundColor = scale(Number(sw.dataset.score));
    replaceChildren(tableBox, heading, table);
  }

  let loadController = null;
  async function load() {
    loadController?.abort();
    loadController = new AbortController();
    const both = AbortSignal.any ? AbortSignal.any([signal, loadController.signal]) : loadController.signal;
    title.textContent = `Alignment toward ${poleName(state.pole)}`;
    setTitle(`Alignment toward ${poleName(state.pole)}`);
    figure.setAttribute("aria-busy", "true");
    const data = await getJSON("alignment-map", { pole: state.pole, period: state.period }, { signal: both });
    state.data = data;
    byNumeric = new Map();
    for (const [code, info] of Object.entries(data.states || {})) {
      if (info.numeric) byNumeric.set(String(info.numeric).padStart(3, "0"), { code, ...info });
    }
    const periods = data.periods || [];
    slider.max = Math.max(0, periods.length - 1);
    let index = periods.length - 1;
    if (state.at && periods.includes(state.at)) index = periods.indexOf(state.at);
    slider.value = Math.max(0, index);
    slider.disabled = periods.length <= 1;
    svg.attr("aria-label", `World map of alignment toward ${poleName(state.pole)}`);
    recolour();
    figure.setAttribute("aria-busy", "false");
  }

  const reload = () => load().catch((err) => {
    if (err.name !== "AbortError") replaceChildren(tableBox, message(err.message, "error"));
  });
  poleSelect.addEventListener("change", () => {
    state.pole = poleSelect.value;
    reload();
  });
  periodSelect.addEventListener("change", () => {
    state.period = periodSelect.value;
    state.at = null;
    reload();
  });
  slider.addEventListener("input", () => {
    state.at = currentPeriod();
    recolour();
  });

  await load();
  return () => {
    loadController?.abort();
    svg.on(".zoom", null);
  };
}
