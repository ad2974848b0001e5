"""What every stage shares and nothing else: the build context, the verified cache, progress
reporting, the font, and the worker processes (and other children) of a build. Imports no
other part of factsite."""
