"""Package and data versions, kept apart as tzdata does.

``__version__`` changes with the code; ``DATA_VERSION`` (a date) changes whenever any
file under ``kzcn/data`` changes, and ``DATA_SHA256`` is the digest of those files that
a test ties it to (so a data change cannot ship under an old data version).
"""

__version__ = "0.2.0"
DATA_VERSION = "2026.11.29"
DATA_SHA256 = "3cf315305a20ee580d17a4f22513b61f262cabd7c2fc9dbe47fd5586115a4781"
