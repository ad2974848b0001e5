"""Local preview: build, serve the site on loopback, rebuild when content or templates change.

An edit to a fact sheet updates only its pages (see preview.py); a content error is printed
and the last good site keeps being served.
"""

from __future__ import annotations

from factsite.build.pipeline import Project
from factsite.build.preview import Preview
from factsite.content.diagnostics import ContentError
from factsite.core.context import BuildContext
from factsite.site.engine import serve_live


def serve(project: Project, ctx: BuildContext, host: str = "127.0.0.1",
          port: int = 8000) -> int:
    preview = Preview(project, ctx)

    def rebuild(first: bool = False) -> None:
        try:
            print(preview.full() if first else preview.update(), flush=True)
        except ContentError as exc:
            print(exc.report(), flush=True)

    try:
        rebuild(first=True)
        print(f"serving {project.out} at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
        serve_live(project.out, host, port, rebuild, [project.content, *project.templates.dirs])
    finally:
        preview.close()
    return 0
