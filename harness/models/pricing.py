"""Token prices and the one place cost is computed.

The built-in table is `prices.toml` beside this file; a user TOML file of the same shape (path passed in,
or from $HARNESS_PRICES) adds or overrides entries. Unknown models cost None, never 0, so a missing price
can't pass for a free run.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import HarnessError
from harness.models.base import Usage

BUILTIN_PRICES = Path(__file__).with_name("prices.toml")
ENV_VAR = "HARNESS_PRICES"
PER = 1_000_000


class Price(BaseModel):
    """USD per million tokens for one model."""

    model_config = ConfigDict(extra="forbid")

    input: float = Field(description="Uncached input tokens.")
    output: float = Field(description="Output tokens, reasoning included.")
    cache_read: float | None = Field(default=None, description="Cache hits; None = same as input.")
    cache_write: float | None = Field(default=None, description="Cache writes; None = same as input.")
    source: str = Field(default="", description="URL the price was taken from.")
    date: str = Field(default="", description="Day the price took effect (YYYY-MM-DD).")
    aliases: list[str] = Field(default_factory=list, description="Other full names billed the same.")

    def cost(self, usage: Usage) -> float:
        cache_read = self.input if self.cache_read is None else self.cache_read
        cache_write = self.input if self.cache_write is None else self.cache_write
        return (
            usage.input_tokens * self.input
            + usage.output_tokens * self.output
            + usage.cache_read_tokens * cache_read
            + usage.cache_write_tokens * cache_write
        ) / PER


class PriceTable(BaseModel):
    """A versioned set of prices keyed by full model name ("openai/gpt-4o-mini")."""

    version: str = Field(description="Bumped whenever any price changes; recorded with results.")
    models: dict[str, Price] = Field(default_factory=dict, description="Prices by full model name.")

    def lookup(self, model_name: str) -> Price | None:
        if model_name in self.models:
            return self.models[model_name]
        for price in self.models.values():
            if model_name in price.aliases:
                return price
        return None

    def merged(self, other: PriceTable) -> PriceTable:
        models = dict(self.models)
        for name, price in other.models.items():
            # An override replaces the entry its name or alias resolves to, so aliases can't shadow it.
            for existing, old in list(models.items()):
                if name in old.aliases:
                    models[existing] = old.model_copy(
                        update={"aliases": [a for a in old.aliases if a != name]}
                    )
            models[name] = price
        return PriceTable(version=f"{self.version}+{other.version}", models=models)


def _read(path: Path, *, default_version: str | None) -> PriceTable:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise HarnessError(f"price file {path} does not exist (check ${ENV_VAR} or --prices)") from None
    except tomllib.TOMLDecodeError as exc:
        raise HarnessError(f"price file {path} is not valid TOML: {exc}") from None
    if "version" not in data and default_version is not None:
        data["version"] = default_version
    try:
        return PriceTable.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise HarnessError(f"price file {path}: {where}: {first['msg']}") from None


@lru_cache(maxsize=8)
def _load(user_file: str | None) -> PriceTable:
    table = _read(BUILTIN_PRICES, default_version=None)
    if user_file:
        path = Path(user_file)
        # Without a version of its own, a user file is identified by its content.
        digest = "user-" + hashlib.sha256(path.read_bytes()).hexdigest()[:8] if path.exists() else "user"
        table = table.merged(_read(path, default_version=digest))
    return table


def load_price_table(user_file: str | Path | None = None) -> PriceTable:
    """The built-in table extended by `user_file`, else by $HARNESS_PRICES when set."""
    chosen = user_file if user_file is not None else os.environ.get(ENV_VAR) or None
    return _load(str(chosen) if chosen is not None else None)


def price_table_version(user_file: str | Path | None = None) -> str:
    """e.g. "2026-11-24", or "2026-11-24+my-prices-v2" when a user file is in effect."""
    return load_price_table(user_file).version


def cost_usd(model_name: str, usage: Usage, *, user_file: str | Path | None = None) -> float | None:
    """Cost of `usage` on `model_name` in USD, or None when the model has no known price."""
    price = load_price_table(user_file).lookup(model_name)
    return None if price is None else price.cost(usage)


def price_name(model: object) -> str:
    """The name to price a model's usage under: a fake model may say `price_as`; else its full name."""
    return str(getattr(model, "price_as", None) or getattr(model, "name", ""))
