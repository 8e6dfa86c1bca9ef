"""Times the chronology's filter on a built site, in Debian's Chromium: how long the page takes
to load the data and show every event, and how long each change of the filter takes until the
list, the count and the map are drawn again. A measurement, not a test (speed is never
asserted in a test):

    python -m builder synth --records 10000 --out /tmp/r10k
    python -m builder build --no-extract --records /tmp/r10k --site /tmp/site10k
    python tests/browser/filter_timing.py /tmp/site10k
"""

from __future__ import annotations

import functools
import gzip
import json
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# One change of the filter at a time: the field, its value.
CHANGES = [("select[name=type]", "battles"), ("input[name=killed]", "5"), ("input[name=from]", "2021-01-01"),
           ("input[name=to]", "2021-06-30"), ("select[name=type]", ""), ("input[name=killed]", "")]
# Fires `change` and resolves after the second frame drawn after it: the time the reader waits.
TIMED = """async ([selector, value]) => {
    const field = document.querySelector(selector);
    const start = performance.now();
    field.value = value;
    field.dispatchEvent(new Event('change', {bubbles: true}));
    const sync = performance.now() - start;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return [sync, performance.now() - start, Number(field.form.getAttribute('data-matching'))];
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def measure(site: Path) -> dict:
    """The figures: the data file's size, the first showing, and each change."""
    data = site / "chronology" / "events-index.json"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {"data_bytes": data.stat().st_size, "data_gzip_bytes": len(gzip.compress(data.read_bytes())),
                 "events": len(json.loads(data.read_text(encoding="utf-8"))["events"])}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
            page.goto(base + "chronology/")
            page.wait_for_selector("form.chron-filters[data-matching]", timeout=60_000)
            out["first_showing_ms"] = round(page.evaluate(
                "performance.now() - performance.getEntriesByType('navigation')[0].startTime"))
            out["changes"] = []
            for selector, value in CHANGES:
                sync, painted, matching = page.evaluate(TIMED, [selector, value])
                out["changes"].append({"set": f"{selector}={value}", "matching": matching,
                                       "filter_ms": round(sync, 1), "until_drawn_ms": round(painted, 1)})
            browser.close()
    finally:
        server.shutdown()
    return out


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1])), indent=2))
