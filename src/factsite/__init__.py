"""factsite: bilingual static report sites from YAML fact sheets, every figure traced to its source."""

__version__ = "0.1.0"
