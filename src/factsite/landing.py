"""The bilingual landing page at the site root: both languages side by side."""

from __future__ import annotations

from jinja2 import Environment

from factsite.edition import Edition


def render_landing(env: Environment, edition: Edition, strings: dict) -> str:
    """Root `index.html`; standalone (no theme), so it works as the x-default page."""
    return env.get_template("landing.html.j2").render(site=edition.site, t=strings,
                                                      edition=edition)
