"""The package ships its defaults: after a plain (not editable) `pip install .` into a fresh
virtual environment, a folder holding only `content/` builds a complete site with
`factsite build --no-pdf`: the templates, theme, catalogues and assets come from the
installed package, not from this repository.

The fresh environment sees the test environment's third-party packages through a .pth file
(nothing is downloaded); the repository's own editable install is not visible in it.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

from helpers import REPO


def test_installed_package_builds_a_folder_with_only_content(tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                              "get_paths()['purelib'])"], check=True, capture_output=True,
                             text=True).stdout.strip()
    ours = [p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]]
            if Path(p).is_dir()]
    (Path(purelib) / "test-deps.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n",
                                                 encoding="utf-8")
    source = tmp_path / "source"  # a clean copy: no build leftovers of the working tree
    top_level = {".git", "site", ".ci-venv", ".ci-tools", "artifacts", "build", ".hypothesis",
                 ".pytest_cache"}
    shutil.copytree(REPO, source, ignore=lambda folder, names: [
        n for n in names if (Path(folder) == REPO and n in top_level)
        or n == "__pycache__" or n.endswith(".egg-info")])
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--quiet", "--no-deps", "--no-build-isolation", str(source)], check=True)
    shutil.rmtree(source)

    project = tmp_path / "atlas"
    shutil.copytree(REPO / "content", project / "content")
    where = subprocess.run([str(python), "-c", "import factsite, sys; print(factsite.__file__)"],
                           check=True, capture_output=True, text=True, cwd=project)
    assert where.stdout.strip().startswith(purelib), where.stdout  # the installed copy
    result = subprocess.run([str(venv / "bin" / "factsite"), "build", "--no-pdf"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "built 246 pages (82 zh, 82 en, 82 zh-hant)" in result.stdout
    for lang in ("zh", "en", "zh-hant"):
        page = project / "site" / lang / "programme" / "xiaoshan-srdi-ladder" / "index.html"
        assert "<svg" in page.read_text(encoding="utf-8")
        assert (project / "site" / lang / "pagefind" / "pagefind.js").exists()
        assert (project / "site" / lang / "assets" / "factsite.css").exists()
    assert sorted(p.name for p in project.iterdir()) == ["content", "site"]
    # the developer command registered by the entry point keeps the edition's data package
    kept = tmp_path / "kept"
    result = subprocess.run([str(venv / "bin" / "factsite"), "snapshot", "--to", str(kept)],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (kept / "datapackage.json").exists() and (kept / "facts.csv").exists()
