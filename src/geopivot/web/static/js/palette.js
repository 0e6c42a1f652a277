// Colours: a colour-blind-safe diverging scale (orange = conflict with the pole, blue = aligned with
// it; after ColorBrewer PuOr/RdBu, no red–green), grey for no data, and Okabe–Ito colours for poles.

export const DIVERGING = ["#b35806", "#e08214", "#fdb863", "#f7f7f7", "#92c5de", "#4393c3", "#2166ac"];
export const NO_DATA = "#c9c9c9";
export const NEUTRAL_EDGE = "#8a8a8a";

// Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
const OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];
const POLE_COLOURS = { USA: "#0072B2", RUS: "#D55E00", CHN: "#CC79A7", FRA: "#009E73", EUR: "#E69F00" };

export function poleColour(code, i = 0) {
  return POLE_COLOURS[code] || OKABE_ITO[i % OKABE_ITO.length];
}

export const POLE_NAMES = {
  USA: "United States", RUS: "Russia", CHN: "China", FRA: "France", EUR: "European Union", GBR: "United Kingdom",
};

// ISO 3166-1 numeric codes of the shapes that stand for a pole on the map (EUR: the 27 EU members).
export const POLE_NUMERIC = {
  USA: ["840"], RUS: ["643"], CHN: ["156"], FRA: ["250"], GBR: ["826"],
  EUR: ["040", "056", "100", "191", "196", "203", "208", "233", "246", "250", "276", "300", "348", "372", "380",
    "428", "440", "442", "470", "528", "616", "620", "642", "703", "705", "724", "752"],
};

/** A function score (−1…1) -> colour; square-root so the small scores of sparse data still show. */
export function scoreScale(d3) {
  return d3.scaleDivergingSqrt([-1, 0, 1], d3.interpolateRgbBasis(DIVERGING)).clamp(true);
}

/** Colour of a relation from its cooperative and conflictual counts. */
export function balanceColour(d3, cooperative, conflictual) {
  const total = (cooperative || 0) + (conflictual || 0);
  if (!total) return NEUTRAL_EDGE;
  return scoreScale(d3)((cooperative - conflictual) / total);
}

/** An SVG legend for the diverging scale, drawn with d3 (attributes only, no inline style). */
export function legendSvg(d3, { width = 320, title = "Alignment score" } = {}) {
  const scale = scoreScale(d3);
  const height = 58;
  const barX = 10;
  const barW = width - 20;
  const svg = d3.create("svg")
    .attr("class", "legend")
    .attr("viewBox", `0 0 ${width + 120} ${height}`)
    .attr("width", width + 120)
    .attr("height", height)
    .attr("role", "img")
    .attr("aria-label", `${title}: orange is conflict with the pole (−1), white neutral (0), blue alignment (+1); grey no data.`);
  const steps = 64;
  const g = svg.append("g").attr("transform", "translate(0,14)");
  for (let i = 0; i < steps; i++) {
    const v = -1 + (2 * i) / (steps - 1);
    g.append("rect")
      .attr("x", barX + (i * barW) / steps)
      .attr("y", 0)
      .attr("width", barW / steps + 0.5)
      .attr("height", 12)
      .attr("fill", scale(v));
  }
  g.append("rect").attr("x", barX).attr("y", 0).attr("width", barW).attr("height", 12)
    .attr("fill", "none").attr("stroke", "#555").attr("stroke-width", 0.5);
  const ticks = [-1, -0.5, 0, 0.5, 1];
  for (const t of ticks) {
    const x = barX + ((t + 1) / 2) * barW;
    g.append("line").attr("x1", x).attr("x2", x).attr("y1", 12).attr("y2", 16).attr("stroke", "#333");
    g.append("text").attr("x", x).attr("y", 28).attr("text-anchor", "middle").attr("class", "legend-tick")
      .text(t === 0 ? "0" : (t > 0 ? "+" : "−") + Math.abs(t));
  }
  svg.append("text").attr("x", barX).attr("y", 10).attr("class", "legend-label").text("conflict with pole");
  svg.append("text").attr("x", barX + barW).attr("y", 10).attr("text-anchor", "end").attr("class", "legend-label")
    .text("aligned with pole");
  const nd = svg.append("g").attr("transform", `translate(${width + 10},14)`);
  nd.append("rect").attr("width", 18).attr("height", 12).attr("fill", NO_DATA).attr("stroke", "#555")
    .attr("stroke-width", 0.5);
  nd.append("text").attr("x", 24).attr("y", 10).attr("class", "legend-label").text("no data");
  const pl = svg.append("g").attr("transform", `translate(${width + 10},34)`);
  pl.append("rect").attr("width", 18).attr("height", 12).attr("fill", "#fff").attr("stroke", "#111")
    .attr("stroke-width", 2).attr("stroke-dasharray", "3 2");
  pl.append("text").attr("x", 24).attr("y", 10).attr("class", "legend-label").text("the pole");
  return svg.node();
}
