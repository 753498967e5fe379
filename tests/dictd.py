"""A tiny English-German dictionary in dictd format, written by the tests themselves.

The entries imitate FreeDict's layout (header, translation lines, indented notes,
examples and references) with words of the seed releases, so cross-language
search can be tested with exact expectations on any machine, with or without
Debian's dictionaries installed.
"""

from __future__ import annotations

import gzip
from pathlib import Path

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# (index keys, entry text)
DEU_ENG: list[tuple[tuple[str, ...], str]] = [
    (("partnerschaft",), "Partnerschaft /pˈaɾtnɜʃˌaft/ <fem, n, sg>\npartnership <n>\n"),
    (
        ("städtepartnerschaft",),
        "Städtepartnerschaft <fem, n, sg>\ntown twinning <n>, twinning <n>\n",
    ),
    (("stadt",), "Stadt /ʃtˈat/ <fem, n, sg>\ntown <n>\n see: {Städte}\n"),
    (("stadt",), "Stadt /ʃtˈat/ <fem, n, sg>\ncity <n>\n"),
    (("fluss",), "Fluss <masc, n, sg>\noutflow <n>, efflux <n>\n"),
    (("fluss",), "Fluss <masc, n, sg>\n [geogr.] river <n>\n"),
    (
        ("liegen",),
        "liegen /lˈiːɡən/ <v, intr>\nlie <v>\n see: {liegend}, {gelegen}, {er/sie liegt}, "
        "{ich/er/sie lag}\n",
    ),
    (("konferenz",), "Konferenz <fem, n, sg>\nconference <n>\n"),
    (("zusammenarbeit",), "Zusammenarbeit <fem, n, sg>\ncooperation <n>, collaboration <n>\n"),
    (("apotheke",), "Apotheke <fem, n, sg>\npharmacy <n>\n"),
    (("techniker",), "Techniker <masc, n, sg>\ntechnician <n>\n"),
    (("stromversorgung",), "Stromversorgung <fem, n, sg>\npower supply <n>\n"),
    (("gehen",), "gehen /ɡˈeːən/ <v, intr>\ngo <v>\n see: {gegangen}, {ich/er/sie ging}\n"),
]
ENG_DEU: list[tuple[tuple[str, ...], str]] = [
    (("partnership",), "partnership /pˈɑːtnəʃˌɪp/\nPartnerschaft <fem>\n"),
    (("city",), "city /sˈɪti/\nStadt <fem>, Großstadt <fem>\n"),
    (("town",), "town /tˈaʊn/\nStadt <fem>\n"),
    (("river",), "river /ɹˈɪvə/\nFluss <masc> [geogr.]\n"),
    (("conference",), "conference /kˈɒnfəɹəns/\nKonferenz <fem>, Tagung <fem>\n"),
    (("cooperation",), "cooperation /kəʊˌɒpəɹˈeɪʃən/\nZusammenarbeit <fem>\n"),
    (("power supply",), "power supply /pˈaʊə səplˈaɪ/\nStromversorgung <fem>\n"),
    (
        ("go", "went", "gone"),
        "go /ɡˈəʊ/ (went /wˈɛnt/ <>, gone /ɡˈɒn/ <>) <v>\ngehen <v, intr>\n"
        '      "I/he/she went"  - ich/er/sie ging\n',
    ),
]


def _b64(value: int) -> str:
    out = ""
    while True:
        out = _B64[value % 64] + out
        value //= 64
        if not value:
            return out


def write_dictd(folder: Path, name: str, entries: list[tuple[tuple[str, ...], str]]) -> None:
    """``NAME.index`` and ``NAME.dict.dz`` for ``entries`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    body = b""
    lines: list[tuple[str, int, int]] = []
    for keys, text in entries:
        data = text.encode("utf-8")
        for key in keys:
            lines.append((key, len(body), len(data)))
        body += data
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(body))
    index = "".join(f"{k}\t{_b64(o)}\t{_b64(n)}\n" for k, o, n in sorted(lines))
    (folder / f"{name}.index").write_text(index, encoding="utf-8")


def write_fixture_dictionary(folder: Path) -> Path:
    """Both directions of the test dictionary in ``folder``; returns ``folder``."""
    write_dictd(folder, "freedict-deu-eng", DEU_ENG)
    write_dictd(folder, "freedict-eng-deu", ENG_DEU)
    return folder
