"""The developer commands of the CLI (stats, guide, bench, snapshot), registered under the
entry point group `factsite.commands` in pyproject.toml, so the CLI never imports this
package."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from factsite.cli import Command, context_of, project_of


def _stats(args: argparse.Namespace) -> int:
    from factsite.content.loader import load_edition
    from factsite.dev.stats import edition_stats

    print(edition_stats(load_edition(project_of(args).content), context_of(args).cache))
    return 0


def _guide(args: argparse.Namespace) -> int:
    from factsite.dev.guide import authoring_guide, replace_guide

    if args.write:
        readme = Path(args.project).resolve() / "README.md"
        readme.write_text(replace_guide(readme.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated the authoring guide in {readme}")
    else:
        print(authoring_guide())
    return 0


def _guide_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--write", action="store_true", help="update it in README.md")


def _bench(args: argparse.Namespace) -> int:
    from factsite.dev.bench import run_benchmark, run_scale

    if args.scale:
        run_scale(Path(args.project).resolve(), n=args.n if args.n != 1000 else 10_000)
    elif importlib.util.find_spec("material") is None:
        # said at once, not after the ten minutes of builds that come before the baseline's
        print("error: bench compares with Material for MkDocs, which is not installed\n"
              "    hint: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    else:
        run_benchmark(Path(args.project).resolve(), n=args.n, quick=args.quick)
    return 0


def _bench_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--n", type=int, default=1000, help="entities of the large edition")
    p.add_argument("--quick", action="store_true", help="one small synthetic edition")
    p.add_argument("--scale", action="store_true", help="n=1,000 and n=10,000 (--n), cold "
                   "and warm, with peak memory and time per page (not in CI)")


def _snapshot(args: argparse.Namespace) -> int:
    from factsite.content.loader import load_edition
    from factsite.render.locale import edition_locales
    from factsite.site.datapackage import write_snapshot

    project, ctx = project_of(args), context_of(args)
    edition = load_edition(project.content)
    folder = Path(args.to) if args.to else project.content / "editions" / edition.site.edition
    site_url = edition.site.site_url if args.site_url is None else args.site_url
    written = write_snapshot(edition, edition_locales(project.templates, edition),
                             site_url, ctx.build_date, folder)
    print(f"kept edition {edition.site.edition} as its data package in {folder} "
          f"({len(written)} files): the next edition compares with it")
    return 0


def _snapshot_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", default=None, help="folder to write (default: "
                   "content/editions/<edition>/)")


STATS = Command("stats", "content report: entities, facts, quotes, cache size",
                lambda p: None, _stats)
GUIDE = Command("guide", "print the authoring guide", _guide_arguments, _guide)
BENCH = Command("bench", "benchmark against bare MkDocs + Material (prints a table and a "
                "JSON line)", _bench_arguments, _bench)
SNAPSHOT = Command("snapshot", "keep this edition's data package in content/editions/ as the "
                   "baseline of the next edition", _snapshot_arguments, _snapshot)
