"""Where templates, UI catalogues and assets come from: the project's own `templates/` first,
then the ones built into the package, file by file (as MkDocs' `custom_dir` overrides a
theme). A UI catalogue of the project is merged key by key over the built-in one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader

BUILT_IN = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class TemplateDirs:
    """The folders searched, most specific first (the built-in folder is always last)."""

    dirs: tuple[Path, ...]

    @classmethod
    def for_project(cls, project_templates: Path | None) -> TemplateDirs:
        dirs = [Path(project_templates).resolve()] if project_templates else []
        return cls(tuple(d for d in dirs if d.is_dir() and d != BUILT_IN) + (BUILT_IN,))

    def find(self, rel: str) -> Path:
        """The first file `rel` (e.g. 'assets/factsite.css') in the search order."""
        for folder in self.dirs:
            if (folder / rel).is_file():
                return folder / rel
        raise FileNotFoundError(f"template file {rel!r} not found in "
                                + ", ".join(str(d) for d in self.dirs))

    def all(self, rel: str) -> list[Path]:
        """Every `rel` in the search order, built-in last (for catalogues merged key-wise)."""
        return [folder / rel for folder in self.dirs if (folder / rel).is_file()]

    def loader(self, sub: str) -> ChoiceLoader:
        """A Jinja loader over `<dir>/<sub>` of every folder, project first."""
        return ChoiceLoader([FileSystemLoader(str(d / sub)) for d in self.dirs
                             if (d / sub).is_dir()])

    def fingerprint(self) -> list[tuple[str, int, int]]:
        """(path, mtime, size) of every template file, to notice an edit."""
        out = []
        for folder in self.dirs:
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    st = p.stat()
                    out.append((str(p), st.st_mtime_ns, st.st_size))
        return out
