"""MkDocs hook (loaded by file path from the engine's config): put each page's pre-rendered
HTML body in place of the HTML MkDocs made from its headings-only Markdown, between markers
the preview server uses to update a page in place."""

from factsite.engine import BODY_END, BODY_START, page_body


def on_page_content(html, page, config, files):
    body = page_body(config["docs_dir"], page.file.src_uri)
    return html if body is None else f"{BODY_START}{body}{BODY_END}"
