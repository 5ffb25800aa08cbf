"""``python -m kzcn``: the command line (see :mod:`kzcn.cli`)."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line is imported: as in main()
    print("kzcn: interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
