"""`plume models list` asks the endpoints; `plume models check` makes one tiny real call each."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from tests.models.fake_server import serve_app_in_thread
from tests.models.providers import Fake, mistral_app, mistral_reply

runner = CliRunner()


def declare(root: Path, base_url: str, model: str = "mistral-medium-2604") -> None:
    (root / "models.yaml").write_text(
        "models:\n"
        "  - name: mistral\n"
        "    provider: mistral\n"
        f"    model: {model}\n"
        f"    base_url: {base_url}\n"
        "    api_key_env: MISTRAL_API_KEY\n"
        "    params: {temperature: 0.0, max_tokens: 600}\n"
        "    price_in: 1.40\n"
        "    price_out: 6.98\n",
        encoding="utf-8",
    )


def row(output: str, name: str) -> str:
    return " ".join(line for line in output.splitlines() if name in line)


@pytest.fixture
def keyed(plume_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MISTRAL_API_KEY", "key-m")
    return plume_root


def test_list_says_yes_only_when_the_endpoint_serves_the_model(keyed: Path) -> None:
    fake = Fake(key="key-m")
    with serve_app_in_thread(mistral_app(fake)) as base_url:
        declare(keyed, base_url)
        served = runner.invoke(app, ["models", "list"])
        declare(keyed, base_url, model="mistral-large-9999")
        unknown = runner.invoke(app, ["models", "list"])
    assert served.exit_code == 0 and "yes: serves mistral-medium-2604" in row(
        served.output, "mistral"
    )
    assert "no:" in row(unknown.output, "mistral")
    declare(keyed, "http://127.0.0.1:9/v1")  # nothing listens there
    down = runner.invoke(app, ["models", "list"])
    assert "no: cannot reach" in row(down.output, "mistral")


def test_check_shows_served_id_sent_fields_and_cost(keyed: Path) -> None:
    fake = Fake(key="key-m")
    with serve_app_in_thread(mistral_app(fake)) as base_url:
        declare(keyed, base_url, model="mistral-medium-latest")
        result = runner.invoke(app, ["models", "check"])
    assert result.exit_code == 0, result.output
    line = row(result.output, "mistral")
    assert "mistral-medium-2604" in line and "max_tokens=600" in line
    # 100 tokens in and 40 out at 1.40 € and 6.98 € per million.
    assert f"{(100 * 1.40 + 40 * 6.98) / 1e6:.6f}" in line
    assert len(fake.bodies) == 1


def test_check_fails_with_the_cause_when_the_call_does(keyed: Path) -> None:
    fake = Fake(key="key-m", then=[mistral_reply(finish_reason="length")])
    with serve_app_in_thread(mistral_app(fake)) as base_url:
        declare(keyed, base_url)
        result = runner.invoke(app, ["models", "check", "mistral"])
    assert result.exit_code == 1 and "truncated" in row(result.output, "mistral")


def test_check_names_an_unset_key_instead_of_calling(plume_root: Path) -> None:
    declare(plume_root, "http://127.0.0.1:9/v1")
    result = runner.invoke(app, ["models", "check", "mistral"])
    assert result.exit_code != 0 and "MISTRAL_API_KEY" in result.output
