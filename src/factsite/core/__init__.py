"""What every stage shares and nothing else: the build context, the verified cache, progress
reporting and the font. Imports no other part of factsite."""
