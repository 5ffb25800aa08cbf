"""Optional dependencies, imported only when an export needs them."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["require"]


def require(module: str, extra: str) -> Any:
    """Import ``module`` or raise an ``ImportError`` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"this export needs {module.split('.')[0]}, which is not installed; "
            f'install it with: pip install "kzcn[{extra}]"',
            name=module,
        ) from exc
