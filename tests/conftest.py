"""Test settings shared by every test module."""

from __future__ import annotations
