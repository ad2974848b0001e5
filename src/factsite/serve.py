"""Local preview: build, serve `site/` on loopback, rebuild when content or templates change.

Uses MkDocs' own live-reload server (the one behind `mkdocs serve`), so the browser reloads
after each rebuild. An edit to a fact sheet updates only its pages (see preview.py); a
content error is printed and the last good site keeps being served.
"""

from __future__ import annotations

from pathlib import Path

from factsite.diagnostics import ContentError
from factsite.preview import Preview


def serve(content: Path, templates: Path, out: Path, host: str = "127.0.0.1",
          port: int = 8000) -> int:
    from mkdocs.livereload import LiveReloadServer

    preview = Preview(content, templates, out)

    def rebuild(first: bool = False) -> None:
        try:
            print(preview.full() if first else preview.update(), flush=True)
        except ContentError as exc:
            print(exc.report(), flush=True)

    rebuild(first=True)
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(out))
    server.watch(str(content))
    server.watch(str(templates))
    print(f"serving {out} at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
