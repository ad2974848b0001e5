"""Local preview: build, serve `site/` on loopback, rebuild when content or templates change.

Uses MkDocs' own live-reload server (the one behind `mkdocs serve`), so the browser reloads
after each rebuild; a content error is printed and the last good site keeps being served.
"""

from __future__ import annotations

from pathlib import Path

from factsite.diagnostics import ContentError
from factsite.pipeline import build_site


def serve(content: Path, templates: Path, out: Path, host: str = "127.0.0.1",
          port: int = 8000) -> int:
    from mkdocs.livereload import LiveReloadServer

    def rebuild() -> None:
        try:
            print(build_site(content, templates, out), flush=True)
        except ContentError as exc:
            print(exc.report(), flush=True)

    rebuild()
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
