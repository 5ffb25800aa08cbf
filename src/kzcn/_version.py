"""Package and data versions, kept apart as tzdata does.

``__version__`` changes with the code; ``DATA_VERSION`` (a date) changes whenever any
file under ``kzcn/data`` changes, and ``DATA_SHA256`` is the digest of those files that
a test ties it to (so a data change cannot ship under an old data version).
"""

__version__ = "0.2.0"
DATA_VERSION = "2026.11.29"
DATA_SHA256 = "13cec60c6bd6bc53f535922b24826fd388979fb9d16dd4edca938438c40089aa"
