"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright against the real app.

One store is built for the module (the demo corpus, a hostile document that tries to run script, and a
sentence with astral-plane characters before its actor), served by uvicorn on 127.0.0.1. Every test
also checks what a person would never see but must hold: no console error, no CSP violation, no
dialog, no request leaving 127.0.0.1. Screenshots go to /tmp/gp-shots (GEOPIVOT_SHOTS).
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from browser_support import ASTRAL_TEXT, HOSTILE_TEXT, chromium_path, launch, serve, shot

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'")
pytest.importorskip("uvicorn", reason="uvicorn is not installed")
web_app = pytest.importorskip("geopivot.web.app", reason="geopivot.web.app (the HTTP API) is not importable")
if chromium_path() is None:
    pytest.skip("no Chromium at /usr/bin/chromium: `make browser` (apt-get install chromium) to run the browser tests",
                allow_module_level=True)

NO_DATA_FILL = "#c9c9c9"


# ---- fixtures ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from geopivot import api

    folder = tmp_path_factory.mktemp("browser-corpus")
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "astral.txt").write_text(ASTRAL_TEXT, encoding="utf-8")
    db = tmp_path_factory.mktemp("browser-store") / "browser.db"
    report = api.ingest([api.demo_corpus_path(), folder], db)
    assert report.failures == [] and report.events > 50
    return db


@pytest.fixture(scope="module")
def base_url(store):
    with serve(web_app.create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class Watch:
    """What a page did that nobody sees: console errors, CSP violations, dialogs, outside requests."""

    def __init__(self, page, base_url):
        self.console_errors, self.page_errors, self.dialogs, self.outside = [], [], [], []
        host = urllib.parse.urlsplit(base_url).hostname
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def gate(route):
            url = route.request.url
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("data", "blob", "about") or parts.hostname == host == "127.0.0.1":
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        page.route("**/*", gate)
        page.on("request", lambda r: self.outside.append(r.url) if not _local(r.url) else None)
        # Report Content-Security-Policy violations: the dashboard must work under its own policy.
        page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                             "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")

    def assert_clean(self, page):
        assert self.page_errors == [], self.page_errors
        assert self.console_errors == [], self.console_errors
        assert self.dialogs == [], self.dialogs
        assert sorted(set(self.outside)) == [], "requests left 127.0.0.1"
        assert page.evaluate("window.__csp") == [], "Content-Security-Policy violations"
        assert page.evaluate("typeof window.__pwned") == "undefined"


def _local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.watch = Watch(pg, base_url)
    yield pg
    context.close()


def goto(page, base_url, route, view):
    page.goto(f"{base_url}/{route}")
    wait_view(page, view)


def wait_view(page, view):
    page.wait_for_selector(f'main[data-ready="{view}"][aria-busy="false"]')


def api_get(base_url, path, **params):
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{base_url}/api/v1/{path}" + (f"?{query}" if query else ""), timeout=10) as r:
        return json.loads(r.read())


def find_event(base_url, needle, **filters):
    items = api_get(base_url, "events", limit=500, **filters)["items"]
    matches = [e for e in items if needle in (e["sentence"] or "")]
    assert matches, f"no stored event has {needle!r} in its sentence"
    return matches[0]


# ---- the map ----------------------------------------------------------------------------------------------

def test_map_draws_the_world_coloured_by_alignment_and_opens_a_country(page, base_url):
    goto(page, base_url, "#/?pole=RUS", "map")
    paths = page.locator("svg.world-map path.country")
    assert paths.count() > 100
    assert "Russia" in page.locator("main h1").inner_text()
    # Some states are coloured with data, the rest grey; the legend and the table say the same.
    scored = page.locator("svg.world-map path.country.scored")
    assert scored.count() >= 1
    fills = {f.lower() for f in scored.evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")}
    assert NO_DATA_FILL not in fills and all(f.startswith(("#", "rgb")) for f in fills)
    assert page.locator("svg.legend").count() == 1
    assert page.locator("#map-table tbody tr").count() == scored.count()
    shot(page, "map")

    # The time slider walks the periods of /alignment-map and recolours.
    periods = api_get(base_url, "alignment-map", pole="RUS", period="year")["periods"]
    assert page.locator("#map-time-value").inner_text() == periods[-1]
    page.locator("#map-time").fill("0")
    assert page.locator("#map-time-value").inner_text() == periods[0]
    assert f"at={periods[0]}" in page.url

    # Another pole: the heading and the colours follow.
    page.select_option("#map-pole", "USA")
    page.wait_for_function("() => document.querySelector('main h1').textContent.includes('United States')")
    page.wait_for_selector("svg.world-map path.country.scored")

    # Clicking a country with data opens its page.
    page.locator('svg.world-map path.country[data-iso3="NER"]').click()
    wait_view(page, "country")
    assert page.url.endswith("#/country/NER")
    assert "Niger" in page.locator("main h1").inner_text()
    page.watch.assert_clean(page)


def test_map_is_usable_by_keyboard(page, base_url):
    goto(page, base_url, "#/?pole=RUS", "map")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    mali = page.locator('svg.world-map path.country[data-iso3="MLI"]')
    assert mali.get_attribute("tabindex") == "0"
    assert "Mali" in mali.get_attribute("aria-label")
    mali.focus()
    page.keyboard.press("Enter")
    wait_view(page, "country")
    assert page.url.endswith("#/country/MLI")
    # After navigation focus moves to the new page's heading.
    assert page.evaluate("document.activeElement.tagName") == "H1"
    # Every form control on the map and events pages has a label.
    for route, view in (("#/", "map"), ("#/events", "events")):
        goto(page, base_url, route, view)
        unlabelled = page.evaluate("""[...document.querySelectorAll('input, select')]
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.id)""")
        assert unlabelled == []
    page.watch.assert_clean(page)


# ---- a country --------------------------------------------------------------------------------------------

def test_country_page_shows_realignments_with_evidence_charts_network_and_events(page, base_url):
    realignments = api_get(base_url, "realignments")["items"]
    assert realignments, "the demo corpus should yield a realignment"
    state = realignments[0]["state"]
    goto(page, base_url, f"#/country/{state}", "country")
    assert page.locator("#realignments li.realignment").count() >= 1
    evidence = page.locator("#realignments .evidence-item")
    assert evidence.count() >= 1
    first = evidence.first
    assert first.locator("blockquote.sentence").inner_text().strip()
    assert first.locator("cite").inner_text().strip()
    # Charts and network draw on canvas once their libraries load.
    page.wait_for_selector("#alignment-chart canvas")
    page.wait_for_selector("#dyad-chart canvas")
    page.wait_for_selector("#network canvas")
    assert page.locator("#latest-events-table tbody tr").count() >= 1
    assert page.locator("#brief-link").get_attribute("href") == f"#/brief/{state}"
    shot(page, "country")
    first.locator("a", has_text="Open the event").click()
    wait_view(page, "event")
    assert page.locator("#evidence-sentence").inner_text().strip()
    page.watch.assert_clean(page)


def test_unknown_country_shows_an_error_not_a_crash(page, base_url):
    goto(page, base_url, "#/country/ZZZ", "country")
    assert page.locator("main [role=alert]").count() == 1
    # The 404 of the API call is the only console error, and it is expected.
    page.watch.console_errors = [e for e in page.watch.console_errors if "404" not in e]
    page.watch.assert_clean(page)


# ---- events -----------------------------------------------------------------------------------------------

def row_ids(page):
    return page.locator("#events-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.eventId)")


def test_event_table_filters_pages_and_opens_rows(page, base_url):
    goto(page, base_url, "#/events", "events")
    before = row_ids(page)
    assert len(before) == 50
    page.click("#more-events")
    page.wait_for_function("() => document.querySelectorAll('#events-table tbody tr').length > 50")

    page.fill("#f-country", "bfa")
    page.select_option("#f-type", "SANCTION")
    page.click("#apply-filters")
    page.wait_for_function("() => location.hash.includes('country=BFA')")
    wait_view(page, "events")
    after = row_ids(page)
    assert after and after != before[: len(after)]
    for row in page.locator("#events-table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        assert cells[1] == "SANCTION" and ("BFA" in cells[2] or "BFA" in cells[3])
    expected = api_get(base_url, "events", country="BFA", type="SANCTION", sort="-date", limit=50)["items"]
    assert after == [e["id"] for e in expected]

    # Text search and a date range narrow further; clearing brings everything back.
    goto(page, base_url, "#/events?q=ambassador", "events")
    assert all("ambassador" in t.lower() for t in page.locator("#events-table td.sentence-cell").all_inner_texts())
    goto(page, base_url, "#/events?since=2023-01-01&until=2023-12", "events")
    dates = page.locator("#events-table tbody tr td:first-child").all_inner_texts()
    assert dates and all(d[:4] == "2023" for d in dates)
    shot(page, "events")

    # A row opens its event.
    page.locator("#events-table tbody tr td.sentence-cell").first.click()
    wait_view(page, "event")
    assert "#/event/" in page.url
    page.watch.assert_clean(page)


# ---- one event's evidence ---------------------------------------------------------------------------------

def marked(page, role):
    return page.locator(f"#evidence-sentence mark.role-{role}").evaluate_all(
        "ms => ms.map(m => { const c = m.cloneNode(true); c.querySelectorAll('.visually-hidden').forEach(x => x.remove());"
        " return c.textContent; })")


def sentence_text(page):
    return page.locator("#evidence-sentence").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('.visually-hidden').forEach(x => x.remove());"
        " return c.textContent; }")


def test_event_page_marks_actor_trigger_and_recipient_in_the_sentence(page, base_url):
    event = find_event(base_url, "withdrawing its forces", country="NER")
    detail = api_get(base_url, f"events/{event['id']}")
    goto(page, base_url, f"#/event/{event['id']}", "event")
    assert sentence_text(page) == detail["sentence"]["text"]
    spans = {s["role"]: s["text"] for s in detail["spans"]}
    for role in ("actor", "trigger", "recipient"):
        assert role in spans
        assert "".join(marked(page, role)) == spans[role]
    assert page.locator("#source-list li").count() == len(detail["sources"])
    dates = page.locator("#date-facts dd").all_inner_texts()
    assert detail["event"]["date_precision"] in dates
    shot(page, "event")
    page.watch.assert_clean(page)


def test_offsets_count_code_points_not_utf16_units(page, base_url):
    event = find_event(base_url, "accused Russia of meddling", country="BFA")
    goto(page, base_url, f"#/event/{event['id']}", "event")
    assert marked(page, "actor") == ["Burkina Faso"]
    assert marked(page, "trigger") == ["accused"]
    assert marked(page, "recipient") == ["Russia"]
    page.watch.assert_clean(page)


# ---- hostile text -----------------------------------------------------------------------------------------

def test_hostile_article_text_is_shown_as_text_and_never_runs(page, base_url):
    event = find_event(base_url, "<script>window.__pwned=1</script>", country="MLI")
    # In the table ...
    goto(page, base_url, "#/events?q=expelled+ambassador&country=MLI", "events")
    row = page.locator(f'#events-table tr[data-event-id="{event["id"]}"]')
    assert "<script>window.__pwned=1</script> Mali expelled" in row.locator("td.sentence-cell").inner_text()
    row.hover()
    # ... on its evidence page, hovering over everything ...
    goto(page, base_url, f"#/event/{event['id']}", "event")
    assert sentence_text(page).startswith("<script>window.__pwned=1</script> Mali expelled the ambassador")
    assert "<img src=x onerror=window.__pwned=1>" in sentence_text(page)
    assert "onmouseover=" in page.locator("#source-list").inner_text()
    for el in page.locator("#evidence-sentence mark, #source-list cite, #source-list blockquote").all():
        el.hover()
    shot(page, "event-hostile")
    # ... on the events of the other hostile sentence, which tries to hide the page with a <style> ...
    other = find_event(base_url, "accused France of meddling", country="NER")
    goto(page, base_url, f"#/event/{other['id']}", "event")
    assert "<style>body{display:none}</style>" in sentence_text(page)
    assert page.locator("body").is_visible()
    # ... and in the brief of the state, inside its sandbox.
    goto(page, base_url, "#/brief/MLI", "brief")
    page.wait_for_selector("#brief-frame[data-loaded]")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof document.getElementById('brief-frame').contentWindow.__pwned") == "undefined"
    # Nothing from the data became an element anywhere.
    injected = page.evaluate("""() => [document, document.getElementById('brief-frame').contentDocument]
        .flatMap(d => [...d.querySelectorAll('img, style:not(:first-of-type), script:not([src]), [onload], [onerror], '
                                            + '[onmouseover], iframe[src^="javascript"]')])
        .map(el => el.outerHTML)""")
    assert injected == []
    page.watch.assert_clean(page)


# ---- the brief --------------------------------------------------------------------------------------------

def test_brief_is_sandboxed_and_printable(page, base_url):
    goto(page, base_url, "#/brief/MLI", "brief")
    frame_el = page.locator("#brief-frame")
    sandbox = frame_el.get_attribute("sandbox")
    assert sandbox is not None and "allow-scripts" not in sandbox.split()
    page.wait_for_selector("#brief-frame[data-loaded]")
    frame = page.frame_locator("#brief-frame")
    assert "Mali" in frame.locator("h1").inner_text()
    # The frame is as tall as the brief, so the page has one scrollbar and prints whole.
    height = frame_el.evaluate("f => f.getBoundingClientRect().height")
    assert height > 900
    # A footnote link scrolls to its source without navigating the frame away from the brief.
    frame.locator("sup a").first.click()
    page.wait_for_timeout(600)
    assert page.evaluate("window.scrollY") > 200
    assert page.evaluate("document.getElementById('brief-frame').contentDocument.URL") == "about:srcdoc"
    assert page.locator("#print-brief").is_visible()
    shot(page, "brief")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("#print-brief").is_visible()
    assert frame_el.is_visible()
    page.emulate_media(media="screen")
    page.watch.assert_clean(page)


def test_unknown_routes_and_back_navigation(page, base_url):
    goto(page, base_url, "#/no/such/page", "notfound")
    assert "not found" in page.locator("main h1").inner_text().lower()
    goto(page, base_url, "#/events", "events")
    page.locator("#events-table tbody tr a").first.click()
    wait_view(page, "event")
    page.go_back()
    wait_view(page, "events")
    assert page.locator("#events-table tbody tr").count() == 50
    page.watch.assert_clean(page)
