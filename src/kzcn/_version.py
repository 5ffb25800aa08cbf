"""Package and data versions, kept apart as tzdata does.

``__version__`` changes with the code; ``DATA_VERSION`` (a date) changes whenever any
file under ``kzcn/data`` changes, and ``DATA_SHA256`` is the digest of those files that
a test ties it to (so a data change cannot ship under an old data version).
"""

__version__ = "0.3.0"
DATA_VERSION = "2026.12.06"
DATA_SHA256 = "16e94819b8eac03ec110175e87cb904496b6ad00db976b859833a8ac05774962"
