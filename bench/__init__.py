"""Benchmarks of the portal at national scale: ``make bench`` (see README.md in this folder)."""
