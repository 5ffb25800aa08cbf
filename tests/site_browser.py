"""Open the built docs site in headless Chromium: search record ids, follow the hit,
check that the record's evidence is on the page, and that nothing came from outside;
follow a chart's data-table link to its record and find the record's evidence there;
screenshot the home page, the records index, a table page at a record and the charts
page at 1280 px and fail where a page is wider than the window (horizontal overflow).

    python tests/site_browser.py SITE_DIR [--id ID ...] [--chromium PATH] [--screenshots DIR]

Not part of the pytest run (it needs Chromium and a built site); ``.ci/run`` calls it
after ``mkdocs build``. The site is served on 127.0.0.1 by ``http.server``; Chromium is
driven through the DevTools protocol over ``--remote-debugging-pipe`` (file descriptors
3 and 4, messages ended by NUL), so no extra package is needed. Host names other than
127.0.0.1 resolve to nothing, and every request the pages make is recorded: a request
to anything but the local server fails the run, as does an external ``src``/``href`` of
a script, stylesheet, image or frame in any page of the site.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-pipe",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)
# A resource the page itself loads (not a plain link a reader may follow).
_EXTERNAL = re.compile(
    r"<(?:script|img|iframe|source|embed)\b[^>]*\bsrc=[\"']?(?:https?:)?//"
    r"|<link\b[^>]*\bhref=[\"']?(?:https?:)?//"
    r"|url\(\s*[\"']?(?:https?:)?//"
    r"|@import\s+[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def external_resources(site: Path) -> list[str]:
    """Files of the site that load something from another host."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            match = _EXTERNAL.search(path.read_text(encoding="utf-8", errors="replace"))
            if match:
                found.append(f"{path.relative_to(site)}: {match.group(0)}")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 by ``python -m http.server``; yields its address."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


class Browser:
    """Headless Chromium driven over the DevTools pipe."""

    def __init__(self, chromium: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="kzcn-chromium-")
        to_browser_r, self._out = os.pipe()
        self._in, from_browser_w = os.pipe()

        def _fds() -> None:  # in the child: the protocol's fds 3 (in) and 4 (out)
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=_fds,  # no threads in this process
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self.requests: list[str] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Network.enable", session=self.session)
        self.call("Page.enable", session=self.session)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        data: dict[str, Any] = json.loads(message)
        return data

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("method") == "Network.requestWillBeSent":
                self.requests.append(reply["params"]["request"]["url"])
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", session=self.session, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """Evaluate ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError as error:  # the page navigated while being asked
                if "navigated" not in str(error) and "context" not in str(error):
                    raise
                value = None
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(f"still false after {timeout}s: {expression}")

    def open(self, url: str) -> None:
        self.call("Page.navigate", session=self.session, url=url)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._in)
        os.close(self._out)
        shutil.rmtree(self.profile, ignore_errors=True)


_HITS = "[...document.querySelectorAll('#mkdocs-search-results a')].map(a => a.href)"
_SECTION = """(() => {
  const start = document.getElementById(%s);
  if (!start || document.readyState !== 'complete') return null;
  let text = start.innerText, node = start.nextElementSibling;
  while (node && node.tagName !== start.tagName) {
    text += '\\n' + node.innerText;
    node = node.nextElementSibling;
  }
  return text;
})()"""


def _norm(text: str) -> str:
    return " ".join(html.unescape(text).split())


def check_record(browser: Browser, base: str, record: Any) -> str:
    """Search the id, follow the first hit, check the record's evidence; a report line."""
    browser.open(f"{base}index.html?q={quote(record.id)}")
    hits: list[str] = browser.wait_for(f"{_HITS}.length && {_HITS}")
    first = hits[0]
    if urlsplit(first).fragment != record.id:
        raise AssertionError(f"search for {record.id!r}: first hit is {first}, of {hits[:5]}")
    browser.evaluate("document.querySelector('#mkdocs-search-results a').click()")
    browser.wait_for(f"location.href === {json.dumps(first)}")
    section = _norm(browser.wait_for(_SECTION % json.dumps(record.id)))
    if record.id not in section:
        raise AssertionError(f"{first}: the id {record.id!r} is not in its section")
    for citation in getattr(record, "citations", ()):
        if _norm(citation.evidence) not in section:
            raise AssertionError(f"{first}: evidence {citation.evidence!r} is not on the page")
    return f"ok {record.id}: first hit {urlsplit(first).path}#{record.id}, evidence on the page"


_CHART_LINK = """(() => {
  const heading = document.getElementById(%s);
  if (!heading || document.readyState !== 'complete') return null;
  let node = heading.nextElementSibling;
  while (node && node.tagName !== 'TABLE') node = node.nextElementSibling;
  const link = node && node.querySelector('tbody td a[href*="/records/"]');
  return link ? link.href : null;
})()"""


def check_chart_link(browser: Browser, base: str, ds: Any, chart: str = "trade") -> str:
    """On the charts page, follow the first record link of a chart's data table and find
    that record's id and evidence in its entry; a report line."""
    browser.open(f"{base}charts/")
    href: str = browser.wait_for(_CHART_LINK % json.dumps(f"{chart}-data"))
    record_id = urlsplit(href).fragment
    browser.evaluate(f"document.querySelector('a[href$=\"#{record_id}\"]').click()")
    browser.wait_for(f"location.href === {json.dumps(href)}")
    section = _norm(browser.wait_for(_SECTION % json.dumps(record_id)))
    record = ds[record_id]
    if record_id not in section:
        raise AssertionError(f"{href}: the id {record_id!r} is not in its section")
    for citation in record.citations:
        if _norm(citation.evidence) not in section:
            raise AssertionError(f"{href}: evidence {citation.evidence!r} is not on the page")
    return f"ok chart {chart}: data-table link to {urlsplit(href).path}#{record_id}, evidence there"


WIDTH = 1280
_OVERFLOW = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def screenshot_pages(ds: Any) -> dict[str, str]:
    """Screenshot name -> page address (relative to the site): the home page, the
    records index (a table of every record), a table page at a record, and a chart's data
    table."""
    example = "zx19-trade-2018" if "zx19-trade-2018" in ds.figures else next(iter(ds.figures)).id
    return {
        "home": "",
        "records-index": "records/",
        "record": f"records/figures/#{example}",
        "charts": "charts/#trade-data",
    }


def screenshot(browser: Browser, base: str, page: str, out: Path) -> str:
    """Load ``page`` at 1280 px, save a screenshot to ``out``, fail on horizontal
    overflow (the document wider than the window); a report line."""
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session=browser.session,
        width=WIDTH,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    url = f"{base}{page}"
    browser.open(url)
    browser.wait_for(f"document.readyState === 'complete' && location.href === {json.dumps(url)}")
    time.sleep(0.3)  # the theme's script scrolls to the anchor after load
    data = browser.call("Page.captureScreenshot", session=browser.session, format="png")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(data["data"]))
    scroll, client = browser.evaluate(_OVERFLOW)
    if scroll > client:
        wide = browser.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => Math.max("
            f"e.getBoundingClientRect().right, e.scrollWidth) > {client})"
            ".slice(-3).map(e => e.tagName + '.' + e.className)"
        )
        raise AssertionError(f"/{page}: {scroll} px wide in a {client} px window: {wide}")
    return f"ok screenshot /{page} at {WIDTH} px: {out} (no horizontal overflow)"


def default_ids() -> list[str]:
    """One record of each table, and the figure of the guide's worked example."""
    import kzcn

    ds = kzcn.load()
    ids = [next(iter(t)).id for name, t in ds.tables.items() if name != "sources" and len(t)]
    example = "zx19-trade-cn-to-kz-2019-h1"
    return [*ids, example] if ds.get(example) is not None else ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build -d SITE)")
    parser.add_argument("--id", action="append", dest="ids", help="record id (repeatable)")
    parser.add_argument("--all", action="store_true", help="every record of every table")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    parser.add_argument(
        "--screenshots",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kzcn-site-screenshots",
        help="where to save the screenshots (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    import kzcn

    ds = kzcn.load()
    chromium = shutil.which(args.chromium)
    if chromium is None:
        print(f"no Chromium at {args.chromium!r}", file=sys.stderr)
        return 2
    outside = external_resources(args.site)
    if outside:
        print("the site loads resources from outside:", *outside, sep="\n  ", file=sys.stderr)
        return 1
    failures = 0
    with serve(args.site) as base:
        browser = Browser(chromium)
        try:
            every = [r.id for n, t in ds.tables.items() if n != "sources" for r in t]
            for record_id in every if args.all else args.ids or default_ids():
                try:
                    print(check_record(browser, base, ds[record_id]))
                except (AssertionError, TimeoutError) as error:
                    failures += 1
                    print(f"FAIL {record_id}: {error}", file=sys.stderr)
            try:
                print(check_chart_link(browser, base, ds))
            except (AssertionError, TimeoutError) as error:
                failures += 1
                print(f"FAIL chart data table: {error}", file=sys.stderr)
            for name, page in screenshot_pages(ds).items():
                try:
                    print(screenshot(browser, base, page, args.screenshots / f"{name}.png"))
                except (AssertionError, TimeoutError) as error:
                    failures += 1
                    print(f"FAIL screenshot {name}: {error}", file=sys.stderr)
        finally:
            browser.close()
    foreign = sorted({u for u in browser.requests if urlsplit(u).netloc != urlsplit(base).netloc})
    foreign = [u for u in foreign if not u.startswith(("data:", "about:", "blob:"))]
    if foreign:
        failures += 1
        print("requests outside the site:", *foreign, sep="\n  ", file=sys.stderr)
    print(f"{len(browser.requests)} requests, all to the local site" if not foreign else "")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
