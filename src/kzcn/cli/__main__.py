"""``python -m kzcn.cli``, the same as ``python -m kzcn``."""

import sys

from . import main

sys.exit(main())
