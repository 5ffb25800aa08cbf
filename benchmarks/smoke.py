"""Smoke test of an installed kzcn, run from outside the source tree by CI."""

from __future__ import annotations

import kzcn


def main() -> None:
    ds = kzcn.load()
    assert "site-packages" in (kzcn.__file__ or ""), kzcn.__file__
    assert len(ds.sources) == 5
    assert ds.places.lookup("Nur-Sultan").id == "astana"
    figure = next(iter(ds.figures))
    assert figure.quantity.magnitude > 0
    open_errors = [f for f in ds.check() if f.severity.value == "error" and not f.acknowledged]
    assert not open_errors, open_errors
    counts = ", ".join(f"{name}={len(table)}" for name, table in ds.tables.items())
    print(f"smoke OK: kzcn {kzcn.__version__}, data {kzcn.DATA_VERSION}: {counts}")


if __name__ == "__main__":
    main()
