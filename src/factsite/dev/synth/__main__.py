"""`python -m factsite.dev.synth OUT N`: write a synthetic edition."""

import sys

from factsite.dev.synth import main

sys.exit(main())
