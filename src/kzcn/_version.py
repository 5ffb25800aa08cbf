"""Package and data versions, kept apart as tzdata does.

``__version__`` changes with the code; ``DATA_VERSION`` (a date) changes whenever
any file under ``kzcn/data`` changes.
"""

__version__ = "0.1.0"
DATA_VERSION = "2026.11.23"
