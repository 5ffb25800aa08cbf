"""Tests shipped with kzcn: run the consistency checks against the installed data with
``python -m pytest --pyargs kzcn.tests`` (add your files with ``KZCN_DATA=a.toml:b.toml``)."""
