"""Gazetteer lookups and city finding, including the guards against common words."""

from __future__ import annotations

import pytest

from releasesearch.enrich.places import find_cities
from releasesearch.vocab.gazetteer import country_code, gazetteer, region_country, word_names

MUNICH, NANJING, ESSEN, COLOGNE = "2867714", "1799962", "2928810", "2886242"


@pytest.mark.parametrize(
    "name", ["Munich", "München", "Muenchen", "Munchen", "MÜNCHEN", "muenchen", "慕尼黑"]
)
def test_munich_spellings(name: str) -> None:
    place = gazetteer().resolve(name)
    assert place is not None and place.id == MUNICH


def test_resolve_and_labels() -> None:
    gaz = gazetteer()
    assert gaz.resolve("南京").id == NANJING  # type: ignore[union-attr]
    assert gaz.resolve("Nanking").id == NANJING  # type: ignore[union-attr]
    assert gaz.resolve("Köln").id == gaz.resolve("Cologne").id == COLOGNE  # type: ignore[union-attr]
    assert gaz.resolve("Nowhereville") is None
    assert gaz.label(MUNICH, "en") == "Munich"
    assert gaz.label(MUNICH, "de") == "München"
    assert gaz.label(COLOGNE, "de") == "Köln"
    assert gaz.label("2925533", "en") == "Frankfurt"
    assert gaz.get(MUNICH).country == "DE"  # type: ignore[union-attr]
    assert gaz.get("0") is None


def test_resolve_prefers_most_populous_and_honours_region() -> None:
    gaz = gazetteer()
    assert gaz.resolve("Halle").id == "2911522"  # type: ignore[union-attr]  # Halle (Saale)
    assert gaz.resolve("Lancaster").country == "US"  # type: ignore[union-attr]
    assert gaz.resolve("Lancaster", "US", "PA").id == "5197079"  # type: ignore[union-attr]
    assert gaz.resolve("Birmingham", "GB").id == "2655603"  # type: ignore[union-attr]


def test_countries_and_regions() -> None:
    assert country_code("Germany") == country_code("Deutschland") == "DE"
    assert country_code("P.R. China") == "CN"
    assert country_code("USA") == "US"
    assert country_code("Atlantis") is None
    assert region_country("CA") == region_country("Texas") == "US"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Essen und Trinken hält Leib und Seele zusammen.", ()),
        ("Take a bath after the meeting.", ()),
        ("Mobile phones are sold everywhere.", ()),
        ("Wir treffen uns in der Halle 3.", ()),
        ("Reading is fun.", ()),
        ("The event opens on March 04, 2026.", ()),
        ("Our office in Essen, Germany, opens.", (ESSEN,)),
        ("Die Stadt Essen wächst.", (ESSEN,)),
        ("Er zieht nach Essen.", (ESSEN,)),
        ("She lives in Reading, PA.", ("5207728",)),
        ("Reading, United Kingdom", ("2639577",)),
        ("Phoenix Contact has a plant in Nanjing.", (NANJING,)),
        ("Nanjing-Stuttgart exhibition in Munich", (NANJING, "2825297", MUNICH)),
        ("南京市政府与慕尼黑合作", (NANJING, MUNICH)),
        ("Köln, Nürnberg und Muenchen", (COLOGNE, "2861650", MUNICH)),
        # an alternate spelling that is an ordinary word is no name: "Dabei" (Dubai)
        ("Dabei wurde er verletzt.", ()),
        ("Das Gerät wurde beschlagnahmt.", ()),
        # states, provinces and world regions are no cities
        ("Offices in North Carolina, Ontario and Asia.", ()),
        ("Burlington, Ontario — the tour starts.", ("5911592",)),
        # person and organisation names that contain a city
        ("said Tyler Boykin and Mary Coleman of the firm", ()),
        ("reported by the Washington Post and the Hong Kong Stock Exchange", ()),
        ("Die Polizei Berlin ermittelt in Berlin-Wedding.", ("2950159",)),
        ("a study by the University of Heidelberg", ()),
        # a state or country after the comma must fit
        ("Abingdon, VA is a town.", ()),
        ("St. Charles, MO 63303", ("4406831",)),
        ("In March, the company moved.", ()),
        # wire footers glue the city to the brand and the web address
        ("MiningNewsWireLos Angeles, CAwww.MiningNewsWire.com", ("5368361",)),
        ("Rocks & StocksLos Angeles, CARocksAndStocks.news310.299.1717", ("5368361",)),
        # a US state after the comma picks the town; "Georgia" is a state here
        ("in Westfield, New Jersey", ("5106331",)),
        ("Gainesville, Georgia (Newsworthy.ai) Thursday", ("4196586",)),
        # a list of cities is no "City, State"
        (
            "markets include Dallas, Boston, Washington D.C., Atlanta",
            ("4684888", "4930956", "4140963", "4180439"),
        ),
        # the state or country one mention names decides the others
        ("Beauty in St. Charles: Nails\n\nST. CHARLES, MO, November 03", ("4406831",)),
        # names of regions, firms, acronyms, web names and streets
        ("in the District of Columbia and near the Chesapeake Bay", ()),
        ("Cushman & Wakefield will market the project", ()),
        ("new DACA applications", ()),
        ("Bonn.digital und dresden.network laden ein", ()),
        ("auf der Minna-Todenhagen-Straße in Richtung Köpenick", ()),
        # a surname stays a person's name in the rest of the text
        ("Manny Serra was appointed. Serra has litigated 1,500 cases.", ()),
        # a province named like its city is the province, unless the text says city
        ("Projects in Quebec, Canada", ()),
        ("the city of Quebec", ("6325494",)),
        # a list after a cue shares it; the state the text names picks the Naples
        ("salons in Fort Myers, Estero and Sarasota", ("4155995", "4154568", "4172131")),
        ("FORT MYERS, FL -- salons in Naples", ("4155995", "4165565")),
        # sentence-opening function words are no part of a name
        ("Während London unter der Grippe leidet", ("2643743",)),
        # a ticker in a sentence, an alternate spelling after a weak cue, a firm's name
        ("Once the number of GORI holders reaches 20,000, we will list.", ()),
        ("The modulators are driven with the internal drivers of Sian.", ()),
        ("Shares trade on the Frankfurt Stock Exchange. The Frankfurt exchange helps.", ()),
        ("New York-based Donut Labs hired an alumnus of New York University.", ("5128581",)),
        # capitals listed or followed by a state code are datelines; a longer country wins
        (
            "SAN FRANCISCO & NEW YORK & MUNICH–(BUSINESS WIRE)–Celonis, a firm",
            ("5391959", "5128581", MUNICH),
        ),
        ("(NewMediaWire) - June 27, 2025 - FORT WORTH TX — On Thursday", ("4691930",)),
        ("BUSAN, SOUTH KOREA - September 23, 2025 (NEWMEDIAWIRE) - The event", ("1838524",)),
        ("Licensed in Maryland, Arkansas, and Washington, D.C., the firm", ("4140963",)),
    ],
)
def test_find_cities(text: str, expected: tuple[str, ...]) -> None:
    assert find_cities(text, None) == expected


def test_word_names_per_language() -> None:
    """Names that are words in the text's language need a cue; real cities do not."""
    german, english, either = word_names("de"), word_names("en"), word_names(None)
    assert {"raub", "keller", "essen", "lage", "corona", "norden"} <= german
    assert {"reading", "mobile", "bath", "george", "jackson"} <= english
    assert not {"bielefeld", "koblenz", "london", "berlin", "salzburg"} & (german | english)
    assert "essen" not in english and "george" in german  # English names in German texts
    assert either == german | english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Festnahme nach Raub in Wedding", ()),
        ("Unbekannte legten im Keller ein Feuer, in Keller oder Wohnungen", ()),
        ("Ermittlungsgruppe Corona ermittelt", ()),
        ("Die Gewerkschaft ruft in Bielefeld und Koblenz zum Streik", ("2949186", "2886946")),
        ("Nach Bregenz/Dornbirn 2014 soll in Linz", ("2781503", "2780741", "2772400")),
        # teams: "TPS Turku", and the bare name later in the same text
        ("gegen TPS Turku beim 2:3. Tabelle: 1. Jönköping 3 Punkte, HV71 Jönköping", ()),
        # towns are neuter in German: "an der Wien" is the river, "ein Toyota" a car
        ("als das Theater an der Wien opernfrei wirkte", ()),
        ("fuhr er mit seinem Toyota gegen zwei Toyota", ()),
        ("der Enkel im Mercedes blieb unverletzt", ()),
        ("Braunschweig – Der SC Freiburg steigt auf", ("2945024",)),
        # "Stadt" ends a sentence: "Auch" (France) is the next one's first word
        ("die Menschen in unserer Stadt. Auch wenn bisher nichts geschah", ()),
        # German writes umlauts: "im Bunde" is no spelling of Buende
        ("Der Dritte im Bunde floh", ()),
        # a match report names teams
        ("Sturm Graz siegte 2:1. Gegen Graz verlor Rapid zuvor 0:3.", ()),
        ("Graz – Salzburg siegte 2:1, zuvor 0:3 in Linz.", ("2778067", "2772400")),
        ("Die Gewerkschaft streikt am Standort Koblenz. Koblenz/Seattle", ("2886946", "5809844")),
        # a treaty, an investor, a probe; a club's town in a sports text
        ("Der Vertrag von Dayton habe zwar Frieden gebracht.", ()),
        ("Das Geld gab Investor Richard Chandler. Chandler selbst schweigt.", ()),
        ("Die Raumsonde Rosetta kreist. Man will, dass Rosetta über dem Lander sitzt.", ()),
        ("Der Spieler von Wolfsburg siegte. Den VfL Wolfsburg lobte Köln-Betreuer Stöger.", ()),
        ("Der Spieler von VfL Wolfsburg wohnt in Wolfsburg.", ("2806654",)),
        ("Die Flugzeuge landeten nahe der Hafenstadt Constanța.", ("680963",)),
        # a city-state among states is the state; among countries, the city
        ("Kräfte aus den Ländern Sachsen, Bremen, Rheinland-Pfalz und Hamburg", ()),
        ("Das Wahlverhalten in Wien, Graz und Salzburg", ("2761369", "2778067", "2766824")),
        ("Sitz in Indien, Dubai und den USA", ("292223",)),
        # a gendered determiner and an adjective: a car, not a town
        ("Das Feuer griff auf zwei danebenstehende Toyota und den roten Toyota über.", ()),
    ],
)
def test_find_cities_german(text: str, expected: tuple[str, ...]) -> None:
    assert find_cities(text, "de") == expected


def test_find_cities_on_a_long_text() -> None:
    """Every mention is read, however long the text (speed: scripts/accuracy_places.py)."""
    words = "The delegation from Nanjing met partners in Munich and Reading to discuss trade. "
    text = words * (5000 // len(words.split()))
    assert find_cities(text, "en") == (NANJING, MUNICH, "2639577")  # "in Munich and Reading"


def test_distance_between_places() -> None:
    gaz = gazetteer()
    assert 490 < gaz.distance_km(MUNICH, "2950159") < 520  # Munich - Berlin
    assert gaz.distance_km(MUNICH, MUNICH) == 0.0


def test_a_local_report_names_its_city_s_localities() -> None:
    """A Berlin police report's "in Blankenburg" is the Berlin locality, not the Harz
    town; a town it names beside Berlin, or with another cue, stays."""
    berlin = "2950159"
    text = "Unbekannte brachen in einen Discounter in Blankenburg ein."
    assert find_cities(text, "de") == ("2948071",)
    assert find_cities(text, "de", berlin) == ()
    both = "Durchsuchungen in Berlin und in Langenhagen. Festnahme in der Nähe von Bayreuth."
    assert find_cities(both, "de", berlin) == (berlin, "2881062", "2951825")
