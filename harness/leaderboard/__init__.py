"""Leaderboards built from the runs in a results folder."""
