"""The price table and cost_usd: the one place cost is computed."""

from __future__ import annotations

import re

import pytest

from harness.errors import HarnessError
from harness.models.base import Usage
from harness.models.pricing import cost_usd, load_price_table, price_name, price_table_version

USAGE = Usage(input_tokens=200, output_tokens=300, cache_read_tokens=1000, reasoning_tokens=120)


def test_priced_model_matches_hand_computation():
    # gpt-4o-mini: $0.15 input, $0.60 output, $0.075 cached input per million tokens
    expected = (200 * 0.15 + 300 * 0.60 + 1000 * 0.075) / 1_000_000
    assert cost_usd("openai/gpt-4o-mini", USAGE) == pytest.approx(expected)
    assert cost_usd("openai/gpt-4o-mini-2024-07-18", USAGE) == pytest.approx(expected)


def test_cache_prices_default_to_input_when_omitted(tmp_path):
    prices = tmp_path / "p.toml"
    prices.write_text('[models."acme/m"]\ninput = 2.0\noutput = 4.0\n')
    usage = Usage(input_tokens=10, cache_read_tokens=5, cache_write_tokens=5, output_tokens=1)
    assert cost_usd("acme/m", usage, user_file=prices) == pytest.approx((20 * 2.0 + 4.0) / 1_000_000)


@pytest.mark.parametrize(
    "name", ["ollama/llama3.1", "vllm/qwen", "llamacpp/x", "openai/gpt-nonexistent", "fake/x"]
)
def test_unknown_models_cost_none_not_zero(name):
    assert cost_usd(name, USAGE) is None


def test_zero_usage_on_a_priced_model_is_zero():
    assert cost_usd("openai/gpt-4o", Usage()) == 0.0


def test_every_builtin_entry_is_sourced_and_dated():
    table = load_price_table()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", table.version)
    assert price_table_version() == table.version
    assert len(table.models) >= 8
    for name, price in table.models.items():
        assert name.split("/")[0] in {"openai", "anthropic"}, name
        assert price.source.startswith("https://"), name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", price.date), name
        assert price.output >= price.input > 0, name


def test_user_file_extends_and_overrides(tmp_path, monkeypatch):
    user = tmp_path / "prices.toml"
    user.write_text(
        'version = "team-2026-11"\n'
        '[models."ollama/llama3.1"]\ninput = 0.0\noutput = 0.0\nsource = "local"\n'
        '[models."openai/gpt-4o-mini-2024-07-18"]\ninput = 1.0\noutput = 1.0\ncache_read = 1.0\n'
    )
    monkeypatch.setenv("HARNESS_PRICES", str(user))
    assert cost_usd("ollama/llama3.1", USAGE) == 0.0  # now known (and free), not None
    # Overriding an alias wins over the built-in entry that listed it; the base name is unchanged.
    assert cost_usd("openai/gpt-4o-mini-2024-07-18", USAGE) == pytest.approx(1500 / 1_000_000)
    assert cost_usd("openai/gpt-4o-mini", USAGE) == pytest.approx((30 + 180 + 75) / 1_000_000)
    assert price_table_version() == f"{load_price_table(None).version.split('+')[0]}+team-2026-11"


def test_user_file_without_version_is_identified_by_content(tmp_path):
    user = tmp_path / "prices.toml"
    user.write_text('[models."acme/m"]\ninput = 1.0\noutput = 2.0\n')
    assert re.search(r"\+user-[0-9a-f]{8}$", price_table_version(user))


@pytest.mark.parametrize(
    ("text", "message"),
    [('[models."a/b"]\ninput = "cheap"\noutput = 1\n', "models.a/b.input"), ("not toml [", "not valid TOML")],
)
def test_bad_user_file_is_a_clear_error(tmp_path, text, message):
    user = tmp_path / "bad.toml"
    user.write_text(text)
    with pytest.raises(HarnessError, match=re.escape(message)):
        cost_usd("a/b", USAGE, user_file=user)


def test_missing_user_file_names_it(tmp_path):
    with pytest.raises(HarnessError, match="does not exist"):
        price_table_version(tmp_path / "nope.toml")


def test_price_name_prefers_price_as():
    class Priced:
        name = "fake/smoke"
        price_as = "openai/gpt-4o-mini"

    class Plain:
        name = "openai/gpt-4o"

    assert price_name(Priced()) == "openai/gpt-4o-mini"
    assert price_name(Plain()) == "openai/gpt-4o"
