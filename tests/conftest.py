"""Test settings shared by every test module."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# CI runs on a shared two-core machine: a property test is judged by what it finds, not
# by how fast examples come (no deadline, and slow data generation is no failure).
settings.register_profile(
    "kzcn",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("kzcn")
