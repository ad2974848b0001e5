"""Install what the test suite needs beyond the Python packages, when it is missing:
Debian's chromium (browser tests), poppler-utils (PDF tests), a Java runtime and npm
(the Nu HTML Checker), and the npm packages vnu-jar and axe-core (into .ci-tools/).

Part of the README's test command; safe to run again (it installs only what is missing).
Runs apt-get as root, or through sudo for another user. Standard library only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / ".ci-tools"
NPM_PACKAGES = {"vnu-jar@26.9.27": "vnu-jar/build/dist/vnu.jar",
                "axe-core@4.14.1": "axe-core/axe.min.js"}
DEBIAN = {"chromium": "chromium", "pdftotext": "poppler-utils", "pdffonts": "poppler-utils",
          "java": "default-jre-headless", "npm": "npm"}


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def debian_packages() -> None:
    missing = sorted({pkg for tool, pkg in DEBIAN.items() if shutil.which(tool) is None})
    if not missing:
        return
    if shutil.which("apt-get") is None:
        sys.exit(f"missing {', '.join(missing)} and no apt-get to install them: install them "
                 "yourself, or run pytest --no-tools")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(sudo + ["apt-get", "update", "-qq"], env=env)
    run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        env=env, stdout=subprocess.DEVNULL)


def npm_packages() -> None:
    modules = TOOLS / "node_modules"
    if all((modules / path).is_file() for path in NPM_PACKAGES.values()):
        return
    TOOLS.mkdir(exist_ok=True)
    for attempt in (1, 2):  # a flaky registry download gets a second chance
        # --ignore-scripts: vnu-jar's postinstall only fetches a Java runtime, apt has one
        run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
             "--ignore-scripts", *NPM_PACKAGES], stdout=subprocess.DEVNULL)
        if all((modules / path).is_file() for path in NPM_PACKAGES.values()):
            return
        shutil.rmtree(modules, ignore_errors=True)
    sys.exit("npm could not install " + ", ".join(NPM_PACKAGES))


def main() -> int:
    debian_packages()
    npm_packages()
    print("test tools ready: " + ", ".join(sorted(set(DEBIAN.values()))) + ", "
          + ", ".join(NPM_PACKAGES), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
