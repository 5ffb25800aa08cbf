"""Package and data versions, kept apart as tzdata does.

``__version__`` changes with the code; ``DATA_VERSION`` (a date) changes whenever any
file under ``kzcn/data`` changes, and ``DATA_SHA256`` is the digest of those files that
a test ties it to (so a data change cannot ship under an old data version).
"""

__version__ = "0.3.0"
DATA_VERSION = "2026.12.06"
DATA_SHA256 = "9a5f4b0d2dd670e8d18386800e192c2b0b66e987dd292450151628d370a8f431"
