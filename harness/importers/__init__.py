"""Importers: turn public benchmarks into task folders the harness runs like its own."""
