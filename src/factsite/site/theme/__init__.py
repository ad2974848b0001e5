"""The factsite theme: a MkDocs theme (Jinja templates) for a data atlas. Registered under
the `mkdocs.themes` entry point as `factsite`; its stylesheet and script are the package's
`templates/assets/` files, so a project can override them like any template."""
