"""Helpers for the real-browser tests: a uvicorn server in a thread and Debian's Chromium via Playwright.

Playwright drives the system Chromium (``/usr/bin/chromium``, from apt: `make browser`); it never
downloads a browser of its own. Everything here stays on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
                 "--disable-dev-shm-usage"]
SHOTS = Path(os.environ.get("GEOPIVOT_SHOTS", "/tmp/gp-shots"))

# An article written to break out of text: none of it may run or become markup, yet it still codes to an
# event (Mali expels France's ambassador) so its sentence reaches the event table and evidence page.
HOSTILE_TEXT = (
    "<script>window.__pwned=1</script> Mali expelled the ambassador of France "
    "<img src=x onerror=window.__pwned=1> on Monday, 3 March 2025. "
    "\"><svg onload=window.__pwned=1>\" onmouseover=\"window.__pwned=1\" "
    "<iframe src=javascript:window.__pwned=1></iframe> &lt;b&gt;bold&lt;/b&gt;\n\n"
    "Niger accused France of meddling <style>body{display:none}</style> on Tuesday.\n"
)
# Offsets from the API count code points (Python's str); JavaScript strings count UTF-16 units. Astral
# characters before the actor shift the two apart, so the marks land right only if the page converts.
ASTRAL_TEXT = "The envoy wrote 😀😀😀 in a message.\n\nSeparately, 🇲🇱 Burkina Faso accused Russia of meddling on Wednesday.\n"


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("chromium")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(app, timeout: float = 20.0):
    """Run ``app`` with uvicorn on a free 127.0.0.1 port in a daemon thread; yields the base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="geopivot-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def launch(playwright):
    """Debian's headless Chromium, without the sandbox (root in a container) and without background traffic."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)


def shot(page, name: str) -> Path:
    """A full-page screenshot under /tmp/gp-shots (never in the repository)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
