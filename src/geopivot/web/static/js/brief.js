// #/brief/ISO3 : the country brief, shown in a sandboxed frame.
//
// The brief is HTML around article sentences. It is fetched as text and given to an <iframe sandbox>
// through srcdoc: without allow-scripts nothing in it can run, and the frame inherits this page's
// Content-Security-Policy, so it cannot load anything from elsewhere either. allow-same-origin lets
// this page size the frame and print it; allow-modals lets print() open the print dialog.

import { actors, getText } from "./api.js";
import { h, replaceChildren, route } from "./dom.js";

const STATE_CODE = /^[A-Z]{3}$/;

export async function render(main, { params, signal, setTitle }) {
  const code = String(params[0] || "").toUpperCase();
  if (!STATE_CODE.test(code)) throw Object.assign(new Error(`“${params[0]}” is not an ISO 3166-1 alpha-3 code.`), { status: 404 });
  const [html, known] = await Promise.all([getText(["briefs", code], { format: "html" }, { signal }), actors().catch(() => [])]);
  const name = (known.find((a) => a.code === code) || {}).name || code;
  setTitle(`Brief on ${name}`);

  const frame = h("iframe", {
    class: "brief-frame",
    id: "brief-frame",
    title: `Brief on ${name}`,
    sandbox: "allow-same-origin allow-modals",
    referrerpolicy: "no-referrer",
  });
  frame.srcdoc = html;
  const print = h("button", { type: "button", id: "print-brief" }, "Print the brief");
  print.addEventListener("click", () => {
    try {
      frame.contentWindow.focus();
      frame.contentWindow.print();
    } catch (_) {
      window.print(); // the print stylesheet leaves only the brief
    }
  });
  const md = h("a", { href: `api/v1/briefs/${encodeURIComponent(code)}?format=md`, class: "button-link secondary", download: `${code}-brief.md` }, "Download as Markdown");

  replaceChildren(main,
    h("div", { class: "page-head no-print" },
      h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "World map"), " › ", h("a", { href: route("country", code) }, name), " › Brief"),
      h("h1", {}, `Brief on ${name}`),
      h("ul", { class: "actions" }, h("li", {}, print), h("li", {}, md), h("li", {}, h("a", { href: route("country", code), class: "button-link secondary" }, "Back to the country page")))),
    frame);

  // Fit the frame to its content so the page has one scrollbar and prints whole; in-brief links
  // (#s1 footnotes) scroll the frame's own document.
  frame.addEventListener("load", () => {
    try {
      const doc = frame.contentDocument;
      if (!doc) return;
      const fit = () => {
        frame.style.height = Math.max(300, doc.documentElement.scrollHeight + 24) + "px";
      };
      fit();
      doc.addEventListener("click", (ev) => {
        const a = ev.target.closest && ev.target.closest("a[href^='#']");
        if (!a) return;
        ev.preventDefault();
        const target = doc.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
        if (target) {
          const top = frame.getBoundingClientRect().top + window.scrollY + target.getBoundingClientRect().top - 16;
          window.scrollTo({ top, behavior: "smooth" });
        }
      });
      frame.setAttribute("data-loaded", "true");
    } catch (_) { /* sizing is a nicety */ }
  });
}
