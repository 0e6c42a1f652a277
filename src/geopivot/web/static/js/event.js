// #/event/ID : one event's evidence: its sentence with the actor, trigger, recipient, place and date
// marked, every report of the same event, and how its date was read.

import { getJSON } from "./api.js";
import { QUAD_NAMES, codes, day, h, message, replaceChildren, route, routeQuery, section } from "./dom.js";

const ROLE_LABELS = { actor: "Actor", trigger: "Trigger", recipient: "Recipient", place: "Place", date: "Date" };
const ROLE_ORDER = ["actor", "trigger", "recipient", "place", "date"];

export async function render(main, { params, signal, setTitle }) {
  const id = params[0];
  const data = await getJSON(["events", id], {}, { signal });
  const ev = data.event || {};
  const sentenceText = (data.sentence && data.sentence.text) || ev.sentence || "";
  setTitle(`${ev.type || "Event"} ${codes(ev.actor_codes)} → ${codes(ev.recipient_codes)}`);

  const spans = (data.spans || []).filter((s) => ROLE_LABELS[s.role]);
  const head = h("div", { class: "page-head" },
    h("p", { class: "breadcrumb" }, h("a", { href: "#/events" }, "Events"), " › ", "Event"),
    h("h1", {}, h("span", { class: "type-badge q" + (ev.quad_class || 0) }, ev.type || "?"), " ",
      `${codes(ev.actor_codes)} → ${codes(ev.recipient_codes)}`),
  );

  const evidence = section("Evidence", { id: "evidence" });
  evidence.append(
    h("blockquote", { class: "sentence evidence-sentence", id: "evidence-sentence" }, highlight(sentenceText, spans)),
    h("ul", { class: "span-legend", "aria-label": "Marked parts of the sentence" },
      [...spans].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)).map((s) =>
        h("li", {}, h("mark", { class: "role-" + s.role }, ROLE_LABELS[s.role]), " ", `“${s.text ?? ""}”`,
          s.code ? ` = ${s.code}` : ""))),
  );

  const facts = section("What was coded", { id: "facts" });
  const quad = ev.quad_class ? `${ev.quad_class}: ${QUAD_NAMES[ev.quad_class] || ""}` : "–";
  facts.append(h("dl", { class: "facts" }, [
    ["Type", [ev.type, ev.mode ? ` (${ev.mode})` : ""].join("")],
    ["Actor", codes(ev.actor_codes)],
    ["Recipient", codes(ev.recipient_codes)],
    ["Quad class", quad],
    ["Goldstein", ev.goldstein ?? "–"],
    ["CAMEO", ev.cameo || "–"],
    ["Modality", ev.modality || "–"],
    ["Contexts", contexts(ev.contexts)],
    ["Confidence", ev.confidence ?? "–"],
    ["Method", ev.method || "–"],
    ["Place", ev.place_name ? `${ev.place_name}${ev.place_country ? ` (${ev.place_country})` : ""}` +
      (ev.place_lat !== null && ev.place_lat !== undefined ? `, ${Number(ev.place_lat).toFixed(2)}, ${Number(ev.place_lon).toFixed(2)}` : "") : "–"],
  ].map(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))])));

  const when = section("Date", { id: "date" });
  when.append(h("dl", { class: "facts", id: "date-facts" }, [
    ["Date", ev.date ? (ev.date_end && ev.date_end !== ev.date ? `${ev.date} to ${ev.date_end}` : ev.date) : "not resolved"],
    ["Precision", ev.date_precision || "–"],
    ["Expression", ev.date_expression ? `“${ev.date_expression}”` : "none in the sentence"],
  ].map(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))])),
  h("p", { class: "note" }, precisionNote(ev.date_precision)));

  const sources = section("Sources", { id: "sources" });
  const list = data.sources || [];
  if (!list.length) sources.append(message("No source is recorded."));
  else {
    sources.append(h("p", { class: "note" }, list.length === 1 ? "One report of this event." :
      `${list.length} reports were fused into this one event.`));
    sources.append(h("ol", { class: "sources", id: "source-list" }, list.map((s) => h("li", {},
      h("p", {}, h("cite", {}, s.title || "Untitled document"),
        [s.source, s.published].filter(Boolean).length ? ` — ${[s.source, day(s.published)].filter(Boolean).join(", ")}` : "",
        s.event_id && s.event_id !== ev.id ? [" · ", h("a", { href: route("event", s.event_id) }, "this report's event")] : " · this event"),
      s.sentence ? h("blockquote", { class: "sentence" }, String(s.sentence).trim()) : null,
    ))));
  }

  const more = h("p", { class: "actions-line" },
    ...[...new Set([...String(ev.actor_codes || "").split(";"), ...String(ev.recipient_codes || "").split(";")])]
      .filter((c) => /^[A-Z]{3}$/.test(c) && c !== "IGO")
      .flatMap((c) => [h("a", { href: route("country", c) }, `Country page of ${c}`), " · "]),
    h("a", { href: routeQuery("events", { country: (String(ev.actor_codes || "").split(";")[0] || "").replace("?", "") }) }, "More events of the actor"));

  replaceChildren(main, head, evidence, h("div", { class: "grid-2" }, facts, when), sources, more);
}

/** The sentence as text nodes and <mark>s. Offsets count Unicode code points (Python's str), so the
 * text is split into code points first; overlapping spans mark each covered piece with every role. */
export function highlight(text, spans) {
  const chars = Array.from(String(text));
  const n = chars.length;
  const valid = spans.map((s) => ({ ...s, start: Math.max(0, Math.min(n, s.start | 0)), end: Math.max(0, Math.min(n, s.end | 0)) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set([0, n]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = chars.slice(a, b).join("");
    const roles = valid.filter((s) => s.start <= a && s.end >= b).map((s) => s.role);
    if (!roles.length) {
      out.push(document.createTextNode(piece));
      continue;
    }
    const uniq = [...new Set(roles)].sort((x, y) => ROLE_ORDER.indexOf(x) - ROLE_ORDER.indexOf(y));
    const mark = h("mark", { class: uniq.map((r) => "role-" + r), "data-role": uniq.join(" "), title: uniq.map((r) => ROLE_LABELS[r]).join(", ") }, piece);
    // Screen readers hear the role after the marked words.
    mark.append(h("span", { class: "visually-hidden" }, ` (${uniq.map((r) => ROLE_LABELS[r].toLowerCase()).join(", ")})`));
    out.push(mark);
  }
  return out;
}

function contexts(value) {
  if (!value) return "–";
  try {
    const list = JSON.parse(value);
    return Array.isArray(list) && list.length ? list.join(", ") : "–";
  } catch (_) {
    return String(value);
  }
}

function precisionNote(p) {
  const notes = {
    day: "The sentence or the article gives the day.",
    month: "Only the month is known.",
    year: "Only the year is known.",
    range: "The event spans the dates shown.",
    reported: "No date in the sentence could be resolved: the date shown (if any) is the day it was reported.",
  };
  return notes[p] || "";
}
