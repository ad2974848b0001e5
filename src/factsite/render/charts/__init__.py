"""Charts: which charts a page has (plan), their data rows and alt text in a language (rows),
their Vega-Lite specs built with Altair (specs) and their static SVGs (svg)."""
