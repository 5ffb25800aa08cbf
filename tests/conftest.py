"""Test settings: the data cache goes to a temporary folder, never the user's home."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("KZCN_CACHE_DIR", tempfile.mkdtemp(prefix="kzcn-cache-"))
