"""``python -m kzcn``: the command line (see :mod:`kzcn.cli`), started as the ``kzcn``
console script is (:mod:`kzcn.launcher`)."""

import sys

from .launcher import main

sys.exit(main())
