"""Stage 2, render: from an Edition to a RenderedSite in memory — derived indexes (once, for
every language), the page plan, page bodies (Jinja), author text (Markdown with the glossary
extension), charts (Altair specs, SVG via vl-convert) and the locale layer (Babel)."""
