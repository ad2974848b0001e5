"""Command line: build (default), check, serve and cache; more commands come from the entry
point group `factsite.commands` (the developer tools register stats, guide, bench and snapshot
there, so nothing here imports them). Content errors exit with status 1 and no traceback."""

from __future__ import annotations

import argparse
import signal
import sys
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Callable

from factsite.build.output import OutputError, remove_own
from factsite.content.diagnostics import ContentError
from factsite.core.children import ChildGuard
from factsite.core.context import BuildContext
from factsite.core.progress import Progress
from factsite.core.workers import Interrupted, interruptible


def project_of(args: argparse.Namespace):
    """The project folders, from --project or the individual options."""
    from factsite.build.pipeline import Project

    root = Path(args.project).resolve()
    content = Path(args.content) if args.content else root / "content"
    templates = Path(args.templates) if args.templates else root / "templates"
    out = Path(args.out) if args.out else root / "site"
    return Project.at(content, templates, out)


def context_of(args: argparse.Namespace) -> BuildContext:
    return BuildContext.create(progress=Progress(quiet=args.quiet, verbose=args.verbose),
                               strict=args.strict, lock_timeout=args.wait)


def cmd_check(args: argparse.Namespace) -> int:
    from factsite.content.loader import load_edition

    from factsite.render.changes import change_warnings, list_changes

    edition = load_edition(project_of(args).content)
    edition.warnings += change_warnings(edition, list_changes(edition))
    for warning in edition.warnings:
        print(warning.format(), file=sys.stderr)
    n_facts = sum(len(e.facts) for e in edition.entities.values())
    print(f"ok: {len(edition.entities)} entities, {n_facts} facts, {len(edition.terms)} terms, "
          f"{len(edition.sources)} sources; 0 errors, {len(edition.warnings)} warning(s)")
    return 1 if (args.strict and edition.warnings) else 0


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def cmd_build(args: argparse.Namespace) -> int:
    """Build; SIGTERM or Ctrl-C stop it (and its workers) within 2 s, with one line and the
    shell's status for the signal (143, 130), the output being the previous tree or, if the
    signal came after the swap, the new one."""
    project = project_of(args)
    before = _identity(project.out)
    guard = ChildGuard()

    def interrupted(signum: int) -> int:
        state = "left as it was" if _identity(project.out) == before else "holds the new build"
        print(f"factsite: build interrupted by {signal.Signals(signum).name}; {project.out} "
              f"{state}", file=sys.stderr, flush=True)
        return 128 + signum

    def overdue(signum: int) -> None:
        remove_own(project.out)
        interrupted(signum)

    try:
        with interruptible(guard.kill_children, overdue), guard:
            from factsite.build.pipeline import build_site

            report = build_site(project, context_of(args), site_url=args.site_url,
                                pdf=not args.no_pdf)
            for warning in report.warnings:
                print(warning.format(), file=sys.stderr)
            if not args.quiet:
                print(report.summary())
    except Interrupted as exc:
        return interrupted(exc.signum)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from factsite.build.serve import serve

    return serve(project_of(args), context_of(args), host=args.host, port=args.port)


def cmd_cache(args: argparse.Namespace) -> int:
    cache = context_of(args).cache
    if args.action == "clear":
        n, size = cache.size()
        cache.clear()
        print(f"removed {n} entries ({size / 1e6:.1f} MB) from {cache.root}")
    elif args.action == "prune":
        n, size = cache.prune(args.days)
        print(f"removed {n} entries unused for {args.days:g} days ({size / 1e6:.1f} MB)")
    else:
        n, size = cache.size()
        print(f"{cache.root}: {n} entries, {size / 1e6:.1f} MB")
    return 0


DEFAULTS = {"project": ".", "content": None, "templates": None, "out": None, "site_url": None,
            "quiet": False, "verbose": False, "strict": False, "no_pdf": False, "wait": None}


def _options(default: object) -> argparse.ArgumentParser:
    """Options accepted before or after the command (`build.py --quiet check`, `check --quiet`)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--project", default=default, help="project folder holding content/ and "
                   "templates/ (default: current folder)")
    p.add_argument("--content", default=default, help="content folder (default: "
                   "<project>/content)")
    p.add_argument("--templates", default=default, help="folder of template overrides "
                   "(default: <project>/templates)")
    p.add_argument("--out", default=default, help="output folder (default: <project>/site)")
    p.add_argument("--site-url", default=default, help="public URL the site is served at "
                   "(default: site_url of content/site.yaml)")
    p.add_argument("--quiet", action="store_true", default=default, help="print errors only")
    p.add_argument("--verbose", action="store_true", default=default,
                   help="print every build step with its time")
    p.add_argument("--strict", action="store_true", default=default,
                   help="warnings count as errors")
    p.add_argument("--no-pdf", action="store_true", default=default,
                   help="skip the PDF export (faster previews)")
    p.add_argument("--wait", type=float, default=default, metavar="SECONDS",
                   help="how long to wait for another build of the same output folder "
                        "(default 600)")
    return p


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="factsite", description=__doc__,
                                  parents=[_options(argparse.SUPPRESS)])
    sub = top.add_subparsers(dest="command")
    common = _options(argparse.SUPPRESS)
    sub.add_parser("build", parents=[common], help="build the whole site and its PDFs into "
                   "site/ (default)")
    sub.add_parser("check", parents=[common], help="validate content only")
    serve = sub.add_parser("serve", parents=[common], help="local preview, rebuilt on change")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: "
                       "127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000)
    cache = sub.add_parser("cache", parents=[common], help="the cache of fonts, SVGs and PDFs: "
                           "its size, prune or clear")
    cache.add_argument("action", nargs="?", choices=["size", "prune", "clear"], default="size")
    cache.add_argument("--days", type=float, default=30, help="prune: entries unused for this "
                       "many days (default 30)")
    for command in plugged_commands().values():
        command.arguments(sub.add_parser(command.name, parents=[common], help=command.help))
    return top


@dataclass(frozen=True)
class Command:
    """A command registered under the entry point group `factsite.commands`."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def plugged_commands() -> dict[str, Command]:
    found = {}
    for point in entry_points(group="factsite.commands"):
        command = point.load()
        found[command.name] = command
    return found


COMMANDS = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "cache": cmd_cache}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    for name, default in DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, default)
    name = args.command or "build"
    run = COMMANDS.get(name) or plugged_commands()[name].run
    try:
        return run(args)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except OutputError as exc:
        print(f"factsite: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
