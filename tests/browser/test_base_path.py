"""A preview under a sub-path (/pr-123/): links, the language switch and search all work."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from helpers import QuietHandler, make_project, run_cli


def test_site_under_a_base_path(tmp_path: Path, watched):
    project = make_project(tmp_path)
    root = tmp_path / "www"
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/pr-123/"
    status, _, err = run_cli(project, "--quiet", "--no-pdf", "--site-url", base, "--out",
                             str(root / "pr-123"), "build")
    assert status == 0, err
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    failed = []
    page = watched.page
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        page.goto(base)
        page.click('a.enter[hreflang="en"]')
        page.wait_for_load_state("load")
        assert page.url == base + "en/"
        page.click('a[href="district/east-district/"]')
        page.wait_for_load_state("load")
        assert page.url == base + "en/district/east-district/"
        page.click("a.fs-lang-switch")
        page.wait_for_load_state("load")
        assert page.url == base + "zh/district/east-district/"
        page.goto(base + "zh/search/?q=小巨人")
        page.wait_for_selector(".fs-search__link", timeout=15000)
        hrefs = page.locator(".fs-search__link").evaluate_all(
            "els => els.map(e => e.href)")
        assert hrefs and all(h.startswith(base + "zh/") for h in hrefs), hrefs
        html = (root / "pr-123" / "en" / "index.html").read_text(encoding="utf-8")
        assert f'hreflang="zh-Hans" href="{base}zh/"' in html
        sitemap = (root / "pr-123" / "sitemap.xml").read_text(encoding="utf-8")
        assert f"<loc>{base}en/district/east-district/</loc>" in sitemap
        assert failed == [] and watched.errors == []
    finally:
        httpd.shutdown()
