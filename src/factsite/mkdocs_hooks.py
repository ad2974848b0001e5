"""MkDocs hook (loaded by file path from the engine's config): put each page's pre-rendered
HTML body in place of the HTML MkDocs made from its headings-only Markdown."""

from factsite.engine import page_body


def on_page_content(html, page, config, files):
    body = page_body(config["docs_dir"], page.file.src_uri)
    return html if body is None else body
