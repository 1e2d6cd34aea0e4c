"""Agent products, one module each: `NAME.py` (dashes as underscores) defines `Agent`, an
InstalledAgent whose `product` says how to install and run it. `harness --agent NAME` finds it here."""
