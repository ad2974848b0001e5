#!/usr/bin/env python3
"""Thin entry point: `python build.py [build|check|serve|cache|stats|guide|bench|snapshot]
[options]`, the same as the installed `factsite` command (build is the default)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from factsite.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
