// ECharts and Cytoscape helpers: charts draw on canvas, and their tooltips are built as DOM nodes
// with textContent (never HTML strings), so no data is ever parsed as markup.

import { h } from "./dom.js";
import { NEUTRAL_EDGE, balanceColour, poleColour } from "./palette.js";

const LINE_TYPES = ["solid", "dashed", "dotted", "solid", "dashed", "dotted", "solid", "dashed"];
const SYMBOLS = ["circle", "rect", "triangle", "diamond", "pin", "arrow", "roundRect", "circle"];

export function makeChart(echarts, container) {
  const chart = echarts.init(container, null, { renderer: "canvas" });
  const onResize = () => chart.resize();
  window.addEventListener("resize", onResize);
  return {
    chart,
    dispose() {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    },
  };
}

function tooltipBox(title, lines) {
  return h("div", { class: "chart-tip" }, h("strong", {}, title),
    lines.map(([colour, text]) => {
      const dot = h("span", { class: "chart-tip-dot", "aria-hidden": "true" });
      dot.style.backgroundColor = colour;
      return h("div", {}, dot, text);
    }));
}

const fmt = (x) => (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.abs(x).toFixed(2);

/** Alignment toward each pole per period: one line per pole, the 90% interval in the tooltip. */
export function alignmentOption(items, poleName) {
  const periods = [...new Set(items.map((i) => i.period))].sort();
  const poles = [...new Set(items.map((i) => i.pole))];
  const byKey = new Map(items.map((i) => [`${i.pole}|${i.period}`, i]));
  const series = poles.map((pole, n) => ({
    name: pole,
    type: "line",
    connectNulls: false,
    symbol: SYMBOLS[n % SYMBOLS.length],
    symbolSize: 7,
    lineStyle: { type: LINE_TYPES[n % LINE_TYPES.length], width: 2 },
    itemStyle: { color: poleColour(pole, n) },
    // A period without events toward this pole is a gap, not a zero.
    data: periods.map((p) => {
      const it = byKey.get(`${pole}|${p}`);
      return it && (it.events ?? it.cooperative + it.conflictual) > 0 ? it.score : null;
    }),
  }));
  return {
    animation: false,
    aria: { enabled: true, label: { description: "Alignment score toward each pole per period, from −1 to +1." } },
    grid: { left: 40, right: 16, top: 16, bottom: 84 },
    legend: { bottom: 0, data: poles, formatter: (p) => `${poleName(p)} (${p})` },
    xAxis: { type: "category", data: periods, boundaryGap: false, name: "", axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", min: -1, max: 1, interval: 0.5,
      splitLine: { lineStyle: { color: "#e3e3e3" } } },
    tooltip: {
      trigger: "axis",
      formatter: (params) => {
        const period = params[0] ? params[0].axisValue : "";
        const lines = params.map((p) => {
          const it = byKey.get(`${p.seriesName}|${period}`);
          const text = it && p.value !== null && p.value !== undefined
            ? `${poleName(p.seriesName)}: ${fmt(it.score)} (90% ${fmt(it.low)} to ${fmt(it.high)}; ` +
              `${it.cooperative} coop., ${it.conflictual} confl.)`
            : `${poleName(p.seriesName)}: no events`;
          return [p.color, text];
        });
        return tooltipBox(period, lines);
      },
    },
    series,
  };
}

export const QUAD_COLOURS = { 1: "#92c5de", 2: "#2166ac", 3: "#fdb863", 4: "#b35806" };

/** A dyad's events per period by quad class: cooperation above the axis, conflict below. */
export function dyadOption(series) {
  const periods = series.map((s) => s.period);
  const quad = (name, key, sign, q) => ({
    name, type: "bar", stack: "all", barMaxWidth: 18, barMinWidth: 2,
    itemStyle: { color: QUAD_COLOURS[q] },
    data: series.map((s) => sign * (s[key] ?? (s.by_quad_class || {})[key] ?? (s.by_quad_class || {})[q] ?? 0)),
  });
  return {
    animation: false,
    aria: { enabled: true, label: { description: "Events per period between the two, cooperation above zero, conflict below." } },
    grid: { left: 40, right: 16, top: 16, bottom: 84 },
    legend: { bottom: 0 },
    xAxis: { type: "category", data: periods, axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v) => String(Math.abs(v)) } },
    tooltip: {
      trigger: "axis",
      formatter: (params) => tooltipBox(params[0] ? params[0].axisValue : "",
        params.filter((p) => p.value).map((p) => [p.color, `${p.seriesName}: ${Math.abs(p.value)}`])),
    },
    series: [
      quad("verbal cooperation", "verbal_cooperation", 1, 1),
      quad("material cooperation", "material_cooperation", 1, 2),
      quad("verbal conflict", "verbal_conflict", -1, 3),
      quad("material conflict", "material_conflict", -1, 4),
    ],
  };
}

/** The relation network as Cytoscape elements and style. */
export function networkConfig(d3, network, focus) {
  const maxEvents = Math.max(1, ...network.nodes.map((n) => n.events || 0));
  const maxEdge = Math.max(1, ...network.edges.map((e) => e.events || 0));
  const elements = [
    ...network.nodes.map((n) => ({
      data: { id: n.id, label: n.label || n.id, events: n.events || 0, size: 26 + 34 * Math.sqrt((n.events || 0) / maxEvents) },
      classes: n.id === focus ? "focus" : "",
    })),
    ...network.edges.map((e, i) => ({
      data: {
        id: `e${i}`, source: e.source, target: e.target, events: e.events || 0,
        width: 1.5 + 7 * Math.sqrt((e.events || 0) / maxEdge),
        colour: e.cooperative || e.conflictual ? balanceColour(d3, e.cooperative, e.conflictual) : NEUTRAL_EDGE,
      },
    })),
  ];
  const style = [
    { selector: "node", style: {
      label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#e8eef4",
      "border-width": 1.5, "border-color": "#40566b", "font-size": 12, color: "#1c2630",
      "text-valign": "bottom", "text-margin-y": 4, "text-background-color": "#ffffff", "text-background-opacity": 0.8,
      "text-background-padding": 2 } },
    { selector: "node.focus", style: { "background-color": "#40566b", "border-color": "#1c2630", "border-width": 3 } },
    { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "curve-style": "straight", opacity: 0.9 } },
  ];
  return { elements, style };
}
