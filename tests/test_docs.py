"""The README documents every setting and the commands CI runs."""

from __future__ import annotations

from pathlib import Path

from releasesearch.config import ENV_PREFIX, SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_help() -> None:
    for setting in SETTINGS:
        row = f"| `{ENV_PREFIX}{setting.name.upper()}` | {setting.help} |"
        assert row in README, row


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make test" in README
    assert "make serve" in README
