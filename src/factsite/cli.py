"""Command line: build (default), check, serve, stats. Content errors exit 1, no traceback."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from factsite.diagnostics import ContentError
from factsite.progress import Progress


def _project(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    """(content, templates, output) folders, from --project or the individual options."""
    root = Path(args.project).resolve()
    content = Path(args.content).resolve() if args.content else root / "content"
    templates = Path(args.templates).resolve() if args.templates else root / "templates"
    return content, templates, Path(args.out).resolve() if args.out else root / "site"


def cmd_check(args: argparse.Namespace) -> int:
    from factsite.loader import load_edition

    content, _, _ = _project(args)
    edition = load_edition(content)
    for warning in edition.warnings:
        print(warning.format(), file=sys.stderr)
    n_facts = sum(len(e.facts) for e in edition.entities.values())
    print(f"ok: {len(edition.entities)} entities, {n_facts} facts, {len(edition.terms)} terms, "
          f"{len(edition.sources)} sources; 0 errors, {len(edition.warnings)} warning(s)")
    return 1 if (args.strict and edition.warnings) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from factsite.pipeline import build_site

    content, templates, out = _project(args)
    progress = Progress(quiet=args.quiet, verbose=args.verbose)
    report = build_site(content, templates, out, site_url=args.site_url, progress=progress,
                        pdf=not args.no_pdf)
    if not args.quiet:
        print(report)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from factsite.serve import serve

    content, templates, out = _project(args)
    return serve(content, templates, out, host=args.host, port=args.port)


def cmd_stats(args: argparse.Namespace) -> int:
    from factsite.loader import load_edition
    from factsite.stats import edition_stats

    content, _, _ = _project(args)
    print(edition_stats(load_edition(content)))
    return 0


DEFAULTS = {"project": ".", "content": None, "templates": None, "out": None, "site_url": None, "quiet": False, "verbose": False, "strict": False,
            "no_pdf": False}


def _options(default: object) -> argparse.ArgumentParser:
    """Options accepted before or after the command (`build.py --quiet check`, `check --quiet`)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--project", default=default, help="project folder holding content/ and "
                   "templates/ (default: current folder)")
    p.add_argument("--content", default=default, help="content folder (default: "
                   "<project>/content)")
    p.add_argument("--templates", default=default, help="templates folder (default: "
                   "<project>/templates)")
    p.add_argument("--out", default=default, help="output folder (default: <project>/site)")
    p.add_argument("--site-url", default=default, help="public URL the site is served at")
    p.add_argument("--quiet", action="store_true", default=default, help="print errors only")
    p.add_argument("--verbose", action="store_true", default=default,
                   help="print every build step with its time")
    p.add_argument("--strict", action="store_true", default=default,
                   help="warnings count as errors")
    p.add_argument("--no-pdf", action="store_true", default=default,
                   help="skip the PDF export (faster previews)")
    return p


def cmd_guide(args: argparse.Namespace) -> int:
    from factsite.guide import authoring_guide, replace_guide

    if args.write:
        readme = Path(args.project).resolve() / "README.md"
        readme.write_text(replace_guide(readme.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated the authoring guide in {readme}")
    else:
        print(authoring_guide())
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from factsite.bench import run_benchmark

    run_benchmark(Path(args.project).resolve(), n=args.n, quick=args.quick)
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(prog="factsite", description=__doc__,
                                     parents=[_options(argparse.SUPPRESS)])
    sub = parser.add_subparsers(dest="command")
    common = _options(argparse.SUPPRESS)
    sub.add_parser("build", parents=[common], help="build the whole site and its PDFs into "
                   "site/ (default)")
    sub.add_parser("check", parents=[common], help="validate content only")
    serve = sub.add_parser("serve", parents=[common], help="local preview, rebuilt on change")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    sub.add_parser("stats", parents=[common], help="content report: entities, facts, quotes")
    bench = sub.add_parser("bench", parents=[common], help="benchmark against bare MkDocs + "
                           "Material (prints a table and a JSON line)")
    bench.add_argument("--n", type=int, default=1000, help="entities of the large edition")
    bench.add_argument("--quick", action="store_true", help="one small synthetic edition")
    guide = sub.add_parser("guide", parents=[common], help="print the authoring guide")
    guide.add_argument("--write", action="store_true", help="update it in README.md")
    args = parser.parse_args(argv)
    for name, default in DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, default)
    command = {"check": cmd_check, "serve": cmd_serve, "stats": cmd_stats,
               "guide": cmd_guide, "bench": cmd_bench}.get(
        args.command or "build", cmd_build)
    try:
        return command(args)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
