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


def test_the_readme_shows_the_search_page_on_a_desktop_and_a_phone_in_both_languages() -> None:
    """Screenshots from scripts/screenshot.py: 1280 px, and 390 px at twice the pixels."""
    for screen, width in (("desktop", 1280), ("phone", 2 * 390)):
        for hl in ("en", "de"):
            name = f"docs/search-{screen}-{hl}.png"
            assert f"]({name})" in README, name
            head = (ROOT / name).read_bytes()[:24]
            assert head[:8] == b"\x89PNG\r\n\x1a\n", name
            assert int.from_bytes(head[16:20], "big") == width, name
