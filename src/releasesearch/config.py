"""Settings: dataclass defaults, overridden by ``RELEASESEARCH_*`` variables, then by tests.

Every setting is declared once in :data:`SETTINGS` with its help text; the README's
configuration table is checked against it by ``tests/test_docs.py``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

ENV_PREFIX = "RELEASESEARCH_"


class Setting(NamedTuple):
    name: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("archive", "Folder of release files to index (default: archive/)."),
    Setting("index", "Folder of the search index (default: index/)."),
    Setting("admin_token", "Token for the admin page and POST /api/reindex; unset disables admin."),
    Setting("secret_key", "Key that signs CSRF tokens; random per process when unset."),
    Setting("page_size", "Hits per page (default 10)."),
    Setting("max_file_mb", "Largest release file ingested, in MB (default 10)."),
    Setting("max_upload_mb", "Largest upload accepted by the admin page, in MB (default 10)."),
    Setting("search_rate", "Searches per minute per client address (default 600; 0 = no limit)."),
    Setting("admin_rate", "Admin requests per minute per client address (default 30)."),
    Setting(
        "public_url",
        "The site's public address (https://news.example.org/) for the absolute links of feeds "
        "and OpenSearch; unset: links are relative (`serve` sets its own address).",
    ),
    Setting(
        "dictionary",
        "Folder of the FreeDict dictd files for cross-language search (default: /usr/share/dictd).",
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the archive and index live and how the service behaves."""

    archive: Path = Path("archive")
    index: Path = Path("index")
    admin_token: str | None = None
    secret_key: str | None = None
    page_size: int = 10
    max_file_mb: float = 10.0
    max_upload_mb: float = 10.0
    search_rate: int = 600
    admin_rate: int = 30
    public_url: str | None = None
    dictionary: Path = Path("/usr/share/dictd")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``RELEASESEARCH_<NAME>`` for each setting; explicit overrides win.

        :raises ValueError: when a variable holds a value of the wrong type.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, raw, cls)
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("archive", "index", "dictionary"):
            if key in values:
                values[key] = Path(values[key])
        return cls(**values)


def _convert(name: str, raw: str, cls: type[Settings]) -> Any:
    default = next(f.default for f in dataclasses.fields(cls) if f.name == name)
    try:
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise ValueError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a number") from None
    if isinstance(default, Path):
        return Path(raw)
    return raw
