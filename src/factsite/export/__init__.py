"""Stage 3, export: print HTML and PDFs (WeasyPrint) from the in-memory site."""
