"""``python -m kzcn``: the command line (see :mod:`kzcn.cli`)."""

import sys

from .cli import main

sys.exit(main())
