"""More like this: distinctive words, and the same cities, sectors and issuer."""

from __future__ import annotations

from conftest import AppFactory, ArchiveFactory

EN_NANJING = "000_1155c7d4176d89c5.txt"
MUNICH_VISIT = "002_2b7d03b8d94b1048.txt"
DE_NANJING = "001_08a2519bc6076cba.txt"
HOSPITAL = (
    "Hospital Workers Win New Contract After Cooperation Talks\n\n"
    "DENVER, Colorado, March 04, 2026 -- Hospital workers and the management of the "
    "Denver General Hospital announced a new contract today. The event brought together "
    "representatives of nurses and doctors to build a platform for cooperation, "
    "innovation and mutual success, the union's president stated after one week of talks.\n"
)
NANJING_TRADE = (
    "Nanjing Opens Trade Office in Stuttgart\n\n"
    "NANJING, China, April 2, 2026 -- Nanjing opened a trade and investment office in "
    "Stuttgart to support companies from both cities.\n"
)


def test_a_partnership_release_suggests_releases_about_its_cities_and_not_the_unrelated(
    archive_factory: ArchiveFactory, make_app: AppFactory
) -> None:
    built = archive_factory({"hospital.txt": HOSPITAL, "trade.txt": NANJING_TRADE}, seeds=True)
    client = make_app(built.config()).test_client()

    def related(release_id: str) -> list[str]:
        body = client.get(f"/api/releases/{release_id}").json
        return [r["id"] for r in body["more_like_this"]]

    expected = ["trade.txt", MUNICH_VISIT, "003_228523de1d0d3c93.txt", "004_fdc124adaf6433fa.txt"]
    assert related(EN_NANJING) == expected  # no hospital.txt: it shares words, not the subject
    # the German translation finds the same English releases through its twin's words,
    # and neither lists the other: a translation is not "like" its original
    assert related(DE_NANJING) == expected
