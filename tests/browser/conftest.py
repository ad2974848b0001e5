"""Browser fixtures: the real edition built once, served on a free loopback port, and
Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from helpers import QuietHandler, edition_fonts


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
# the body's computed background in each colour scheme of the theme
BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(17, 25, 28)"}


def require(available: bool, what: str) -> None:
    """A missing tool fails the test, with what to do: never a silent skip."""
    if not available:
        pytest.fail(f"{what} is missing: the README's test command installs it "
                    "(python tests/install_tools.py), or run pytest --no-tools")


@pytest.fixture(scope="session")
def server(real_site: Path):
    """The site over HTTP on 127.0.0.1 and a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(real_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    require(Path(CHROMIUM).exists(), "Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the test extra
        require(False, "playwright (pip install -e '.[test]')")
    from factsite.core.cache import Cache
    from factsite.core.context import default_cache_dir

    cache = Cache(default_cache_dir())
    conf = edition_fonts().fontconfig(tmp_path_factory.mktemp("fonts") / "fonts.conf",
                                      cache.root / "fontconfig")
    # only Chromium's environment: set in os.environ, it reached every later build this test
    # process started, whose chart workers then saw two subsets of Noto Sans SC and drew
    # some Regular text in Bold (the leftovers test in test_signals failed after this file)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS,
                              env={**os.environ, "FONTCONFIG_FILE": str(conf)})
        yield b
        b.close()


class Watched:
    """A page with its console errors and every URL it requested recorded."""

    def __init__(self, page):
        self.page, self.errors, self.requests = page, [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = Watched(context.new_page())
    yield page
    context.close()
