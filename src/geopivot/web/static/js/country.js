// #/country/ISO3 : realignments with their evidence, alignment and dyad charts, the relation
// network, relations and the latest events.

import { getJSON, loadCytoscape, loadD3, loadECharts, summary } from "./api.js";
import { alignmentOption, dyadOption, makeChart, networkConfig } from "./charts.js";
import { codes, day, eventTable, formatDate, formatScore, h, message, replaceChildren, route, routeQuery, section } from "./dom.js";
import { POLE_NAMES } from "./palette.js";

const STATE_CODE = /^[A-Z]{3}$/;

export async function render(main, { params, signal, setTitle }) {
  const code = String(params[0] || "").toUpperCase();
  if (!STATE_CODE.test(code)) throw Object.assign(new Error(`“${params[0]}” is not an ISO 3166-1 alpha-3 code.`), { status: 404 });
  const [profile, s] = await Promise.all([getJSON(["countries", code], {}, { signal }), summary()]);
  const name = profile.name || code;
  const poleName = (p) => POLE_NAMES[p] || p;
  setTitle(name);
  const disposers = [];

  const head = h("div", { class: "page-head" },
    h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "World map"), " › ", name),
    h("h1", {}, `${name} `, h("span", { class: "code" }, `(${profile.code || code})`)),
    h("p", { class: "lede" }, `${profile.events ?? 0} coded events involve ${name}.`),
    h("ul", { class: "actions" },
      h("li", {}, h("a", { class: "button-link", href: route("brief", code), id: "brief-link" }, "Read the brief")),
      h("li", {}, h("a", { class: "button-link secondary", href: routeQuery("events", { country: code }) }, `All events of ${name}`)),
    ),
  );

  // ---- realignments ---------------------------------------------------------------------------------
  const realign = section("Realignments", { id: "realignments" });
  const items = profile.realignments || [];
  if (!items.length) {
    realign.append(message(`No realignment of ${name} was detected: no lasting shift away from one pole and toward another.`));
  } else {
    realign.append(h("ol", { class: "realignments" }, items.map((r) => realignmentItem(r, poleName))));
  }

  // ---- charts -----------------------------------------------------------------------------------------
  const poles = s.poles || [];
  const alignPeriod = h("select", { id: "align-period" }, h("option", { value: "year" }, "Year"), h("option", { value: "month" }, "Month"));
  const alignBox = h("div", { class: "chart", id: "alignment-chart" });
  const alignTable = h("details", { class: "chart-data" });
  const alignSec = section("Alignment toward the poles", { id: "alignment" });
  alignSec.append(
    h("p", { class: "note" }, "Score per period from −1 (only conflict) to +1 (only cooperation); gaps are periods without events. " +
      "Hover a point for its 90% credible interval."),
    h("div", { class: "controls inline" }, h("div", { class: "field" }, h("label", { for: "align-period" }, "Period"), alignPeriod)),
    alignBox, alignTable);

  const dyadPole = h("select", { id: "dyad-pole" }, poles.filter((p) => p !== code).map((p) => h("option", { value: p }, `${poleName(p)} (${p})`)));
  const dyadBox = h("div", { class: "chart", id: "dyad-chart" });
  const dyadSec = section("Dyad timeline", { id: "dyad" });
  dyadSec.append(
    h("p", { class: "note" }, `Events per month between ${name} and a pole, both directions: cooperation above the axis, conflict below.`),
    h("div", { class: "controls inline" }, h("div", { class: "field" }, h("label", { for: "dyad-pole" }, "Pole"), dyadPole)),
    dyadBox);

  // ---- network ----------------------------------------------------------------------------------------
  const netBox = h("div", { class: "network", id: "network", role: "img", "aria-label": `Relation network of ${name}` });
  const netTable = h("div", { class: "network-table" });
  const netSec = section("Relation network", { id: "network-section" });
  netSec.append(h("p", { class: "note" }, "Partners by number of events; edge colour is the balance (blue cooperation, orange conflict), width the number of events."),
    netBox, netTable);

  // ---- relations and events ---------------------------------------------------------------------
  const relSec = section("Standing relations", { id: "relations" });
  const rels = profile.relations || [];
  if (!rels.length) relSec.append(message("No agreements, presences or other standing relations were found."));
  else {
    relSec.append(relationList(rels.slice(0, 5)));
    if (rels.length > 5) relSec.append(h("details", { class: "chart-data" }, h("summary", {}, `Show ${rels.length - 5} more`), relationList(rels.slice(5))));
  }

  const evSec = section("Latest events", { id: "latest-events" });
  const latest = profile.latest_events || [];
  if (!latest.length) evSec.append(message(`No events involve ${name}.`));
  else evSec.append(eventTable(latest, { id: "latest-events-table" }),
    h("p", {}, h("a", { href: routeQuery("events", { country: code }) }, `All events of ${name} →`)));

  replaceChildren(main, head, h("div", { class: "grid-2" }, alignSec, dyadSec), realign, netSec, evSec, relSec);

  // ---- draw (libraries load lazily; a failure shows in its panel only) -------------------------------
  const draws = [];
  draws.push(loadECharts().then(async () => {
    const echarts = window.echarts;
    const align = makeChart(echarts, alignBox);
    const dyad = makeChart(echarts, dyadBox);
    disposers.push(() => align.dispose(), () => dyad.dispose());
    const drawAlignment = async (period) => {
      const data = period === "year" && profile.alignment
        ? { items: profile.alignment }
        : await getJSON(["alignment", code], { period }, { signal });
      align.chart.setOption(alignmentOption(data.items || [], poleName), true);
      replaceChildren(alignTable, h("summary", {}, "Show the scores as a table"), alignmentTable(data.items || [], poleName));
    };
    const drawDyad = async (pole) => {
      if (!pole) {
        replaceChildren(dyadBox, message("No pole to compare with."));
        return;
      }
      const data = await getJSON(["dyads", code, pole], { period: "month", directed: "false" }, { signal });
      dyad.chart.setOption(dyadOption(data.series || []), true);
    };
    alignPeriod.addEventListener("change", () => drawAlignment(alignPeriod.value).catch(showIn(alignBox)));
    dyadPole.addEventListener("change", () => drawDyad(dyadPole.value).catch(showIn(dyadBox)));
    // Default dyad: the pole with most events with this state.
    const counts = new Map();
    for (const it of profile.alignment || []) counts.set(it.pole, (counts.get(it.pole) || 0) + (it.cooperative || 0) + (it.conflictual || 0));
    const best = [...counts.entries()].filter(([p]) => p !== code).sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] > 0) dyadPole.value = best[0];
    await Promise.all([drawAlignment("year").catch(showIn(alignBox)), drawDyad(dyadPole.value).catch(showIn(dyadBox))]);
  }).catch(showIn(alignBox)));

  draws.push(Promise.all([loadCytoscape(), loadD3(), getJSON(["network", code], {}, { signal })]).then(([, , network]) => {
    if (signal.aborted) return;
    if (!network.edges || !network.edges.length) {
      replaceChildren(netBox, message(`No partners of ${name} in the store.`));
      netBox.removeAttribute("role");
      return;
    }
    const { elements, style } = networkConfig(window.d3, network, code);
    const cy = window.cytoscape({
      container: netBox, elements, style,
      layout: { name: "concentric", concentric: (n) => (n.id() === code ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 30, animate: false },
      userZoomingEnabled: true, boxSelectionEnabled: false,
    });
    cy.on("tap", "node", (ev) => {
      const id = ev.target.id();
      if (id !== code && STATE_CODE.test(id) && id !== "IGO") location.hash = route("country", id);
    });
    disposers.push(() => cy.destroy());
    netBox.setAttribute("data-nodes", String(network.nodes.length));
    replaceChildren(netTable, networkTable(network, code));
  }).catch(showIn(netBox)));

  await Promise.all(draws);
  return () => disposers.forEach((d) => d());
}

function showIn(box) {
  return (err) => {
    if (err.name === "AbortError") return;
    console.warn(err);
    replaceChildren(box, message(err.message || String(err), "error"));
  };
}

function realignmentItem(r, poleName) {
  const evidence = r.evidence || r.drivers || [];
  const when = r.start === r.end || !r.end ? r.start : `${r.start} – ${r.end}`;
  const li = h("li", { class: "realignment" },
    h("h3", {}, `Away from ${poleName(r.away)} (${r.away}) toward ${poleName(r.toward)} (${r.toward})`),
    h("p", { class: "meta" }, `${when || "undated"} · magnitude ${fmtNum(r.magnitude)} · confidence ${fmtNum(r.confidence)}` +
      (r.method ? ` · ${r.method}` : "")),
  );
  if (!evidence.length) {
    li.append(message("No evidence sentences were stored for this realignment."));
    return li;
  }
  li.append(h("h4", {}, "Evidence"), h("ul", { class: "evidence" }, evidence.map((e) => evidenceItem(e))));
  return li;
}

function evidenceItem(e) {
  const eventId = e.event_id || e.id;
  const src = [e.source, e.title, day(e.published)].filter(Boolean).join(" · ");
  const when = e.date || e.start || e.month || "undated";
  return h("li", { class: "evidence-item" },
    h("blockquote", { class: "sentence" }, String(e.sentence || "").trim()),
    h("p", { class: "source" },
      h("span", { class: "type-badge q" + (e.quad_class || 0) }, e.type || "event"), " ",
      `${codes(e.actor_codes)} → ${codes(e.recipient_codes)}, ${when}. `,
      src ? h("cite", {}, src) : null, " ",
      eventId ? h("a", { href: route("event", eventId), "aria-label": `Open the event: ${e.type || "event"} ${codes(e.actor_codes)} to ${codes(e.recipient_codes)}, ${when}` }, "Open the event") : null),
  );
}

function fmtNum(x) {
  return x === null || x === undefined ? "–" : Number(x).toFixed(2);
}

function alignmentTable(items, poleName) {
  const rows = items.filter((i) => (i.events ?? i.cooperative + i.conflictual) > 0);
  if (!rows.length) return message("No events with any pole.");
  return h("table", { class: "data-table" },
    h("thead", {}, h("tr", {}, ["Period", "Pole", "Score", "90% interval", "Cooperative", "Conflictual"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((i) => h("tr", {},
      h("td", {}, i.period), h("td", {}, `${poleName(i.pole)} (${i.pole})`), h("td", { class: "num" }, formatScore(i.score)),
      h("td", { class: "num" }, `${formatScore(i.low)} to ${formatScore(i.high)}`),
      h("td", { class: "num" }, i.cooperative), h("td", { class: "num" }, i.conflictual)))));
}

function networkTable(network, code) {
  const names = new Map(network.nodes.map((n) => [n.id, n.label || n.id]));
  const edges = [...network.edges].sort((a, b) => (b.events || 0) - (a.events || 0));
  return h("details", { class: "chart-data" }, h("summary", {}, "Show the partners as a table"),
    h("table", { class: "data-table" },
      h("thead", {}, h("tr", {}, ["Partner", "Events", "Cooperative", "Conflictual"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, edges.map((e) => {
        const other = e.source === code ? e.target : e.source;
        const label = `${names.get(other) || other} (${other})`;
        return h("tr", {},
          h("th", { scope: "row" }, STATE_CODE.test(other) && other !== "IGO" ? h("a", { href: route("country", other) }, label) : label),
          h("td", { class: "num" }, e.events), h("td", { class: "num" }, e.cooperative), h("td", { class: "num" }, e.conflictual));
      }))));
}

function relationList(rels) {
  return h("ul", { class: "relations" }, rels.map((r) => h("li", {},
    h("p", {}, h("strong", {}, `${r.kind}${r.detail ? ` (${r.detail}${r.count ? `, ${r.count}` : ""})` : ""}`), " ",
      `${codes(r.subject_codes)} → ${codes(r.object_codes)}`, r.status ? ` · ${r.status}` : "", ` · ${formatDate(r)}`),
    h("blockquote", { class: "sentence" }, String(r.sentence || "").trim()),
    h("p", { class: "source" }, h("cite", {}, [r.outlet || r.source, r.title, day(r.published)].filter(Boolean).join(" · "))),
  )));
}
