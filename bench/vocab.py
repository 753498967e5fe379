"""The fixed word lists the benchmark corpus is built from.

Real names (cities in English and German, wires, countries) so that enrichment
finds what it finds in a real archive: datelines resolve to gazetteer places,
``München`` and ``Munich`` meet at one id, sector cues and German compounds occur
at realistic rates. The prose around them is sampled from real text (see
:mod:`corpus`); these lists only supply the names and the facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from releasesearch.vocab.months import MONTH_NAMES


@dataclass(frozen=True, slots=True)
class City:
    en: str
    de: str
    country_en: str
    country_de: str


_COUNTRIES = {
    "DE": ("Germany", "Deutschland"),
    "CN": ("China", "China"),
    "AT": ("Austria", "Österreich"),
    "CH": ("Switzerland", "Schweiz"),
    "FR": ("France", "Frankreich"),
    "GB": ("United Kingdom", "Großbritannien"),
    "IT": ("Italy", "Italien"),
    "CZ": ("Czech Republic", "Tschechien"),
    "PL": ("Poland", "Polen"),
    "BE": ("Belgium", "Belgien"),
    "NL": ("Netherlands", "Niederlande"),
    "DK": ("Denmark", "Dänemark"),
    "PT": ("Portugal", "Portugal"),
    "ES": ("Spain", "Spanien"),
    "SE": ("Sweden", "Schweden"),
    "US": ("USA", "USA"),
    "CA": ("Canada", "Kanada"),
    "SG": ("Singapore", "Singapur"),
    "JP": ("Japan", "Japan"),
    "KR": ("South Korea", "Südkorea"),
    "IN": ("India", "Indien"),
    "AE": ("United Arab Emirates", "Vereinigte Arabische Emirate"),
    "AU": ("Australia", "Australien"),
    "BR": ("Brazil", "Brasilien"),
}

# (English name, German name, country); weights favour German and Chinese cities.
_CITY_ROWS = """
Berlin|Berlin|DE Hamburg|Hamburg|DE Munich|München|DE Cologne|Köln|DE Frankfurt|Frankfurt|DE
Stuttgart|Stuttgart|DE Düsseldorf|Düsseldorf|DE Leipzig|Leipzig|DE Dresden|Dresden|DE
Hanover|Hannover|DE Nuremberg|Nürnberg|DE Bremen|Bremen|DE Essen|Essen|DE Dortmund|Dortmund|DE
Bonn|Bonn|DE Mannheim|Mannheim|DE Karlsruhe|Karlsruhe|DE Heidelberg|Heidelberg|DE
Augsburg|Augsburg|DE Wiesbaden|Wiesbaden|DE Mainz|Mainz|DE Münster|Münster|DE Aachen|Aachen|DE
Kiel|Kiel|DE Rostock|Rostock|DE Potsdam|Potsdam|DE Erfurt|Erfurt|DE Jena|Jena|DE
Regensburg|Regensburg|DE Ingolstadt|Ingolstadt|DE Wolfsburg|Wolfsburg|DE Brunswick|Braunschweig|DE
Ulm|Ulm|DE Freiburg|Freiburg|DE
Beijing|Peking|CN Shanghai|Shanghai|CN Nanjing|Nanjing|CN Shenzhen|Shenzhen|CN
Guangzhou|Guangzhou|CN Hangzhou|Hangzhou|CN Suzhou|Suzhou|CN Changzhou|Changzhou|CN
Wuhan|Wuhan|CN Chengdu|Chengdu|CN Chongqing|Chongqing|CN Tianjin|Tianjin|CN Qingdao|Qingdao|CN
Hefei|Hefei|CN Ningbo|Ningbo|CN Xiamen|Xiamen|CN Shenyang|Shenyang|CN Dalian|Dalian|CN
Vienna|Wien|AT Graz|Graz|AT Zurich|Zürich|CH Geneva|Genf|CH Basel|Basel|CH Paris|Paris|FR
Lyon|Lyon|FR London|London|GB Manchester|Manchester|GB Rome|Rom|IT Milan|Mailand|IT
Prague|Prag|CZ Warsaw|Warschau|PL Brussels|Brüssel|BE Amsterdam|Amsterdam|NL
Rotterdam|Rotterdam|NL Copenhagen|Kopenhagen|DK Lisbon|Lissabon|PT Madrid|Madrid|ES
Barcelona|Barcelona|ES Stockholm|Stockholm|SE New York|New York|US San Francisco|San Francisco|US
Chicago|Chicago|US Boston|Boston|US Toronto|Toronto|CA Singapore|Singapur|SG Tokyo|Tokio|JP
Seoul|Seoul|KR Mumbai|Mumbai|IN Dubai|Dubai|AE Sydney|Sydney|AU São Paulo|São Paulo|BR
"""


def _cities() -> tuple[City, ...]:
    """Rows are ``English|German|CC`` separated by spaces; names may contain spaces."""
    cities: list[City] = []
    rest = " ".join(_CITY_ROWS.split())
    while rest:
        en, _, rest = rest.partition("|")
        de, _, rest = rest.partition("|")
        code, rest = rest[:2], rest[2:].strip()
        country_en, country_de = _COUNTRIES[code]
        cities.append(City(en.strip(), de.strip(), country_en, country_de))
    return tuple(cities)


CITIES: tuple[City, ...] = _cities()

WIRES = (
    "GLOBE NEWSWIRE",
    "BUSINESS WIRE",
    "PRNewswire",
    "ACCESSWIRE",
    "24-7PressRelease",
    "Newsworthy.ai",
    "dpa-AFX",
    "ots",
)

MONTHS_EN = MONTH_NAMES["en"]
MONTHS_DE = MONTH_NAMES["de"]

# German compounds with their English renderings: the decompounder and the
# highlighter meet them in the index; queries name some of them and their heads.
COMPOUNDS = (
    ("Städtepartnerschaft", "sister-city partnership"),
    ("Wirtschaftsförderung", "economic development"),
    ("Batterierecycling", "battery recycling"),
    ("Elektrofahrzeuge", "electric vehicles"),
    ("Lieferketten", "supply chains"),
    ("Handelsvolumen", "trade volume"),
    ("Investitionsförderung", "investment promotion"),
    ("Wasserstofftechnologie", "hydrogen technology"),
    ("Energiewende", "energy transition"),
    ("Fachkräftemangel", "shortage of skilled workers"),
    ("Forschungszentrum", "research centre"),
    ("Rechenzentrum", "data center"),
    ("Halbleiterfertigung", "semiconductor manufacturing"),
    ("Windkraftanlagen", "wind turbines"),
    ("Solarmodule", "solar modules"),
    ("Gesundheitsversorgung", "health care"),
    ("Arzneimittelzulassung", "drug approval"),
    ("Kooperationsvereinbarung", "cooperation agreement"),
    ("Absichtserklärung", "memorandum of understanding"),
    ("Handelskammer", "chamber of commerce"),
    ("Automobilzulieferer", "automotive supplier"),
    ("Maschinenbau", "mechanical engineering"),
    ("Produktionsstandort", "production site"),
    ("Innovationszentrum", "innovation centre"),
    ("Klimaschutzprogramm", "climate protection programme"),
    ("Digitalisierungsstrategie", "digitalisation strategy"),
    ("Wasserstoffwirtschaft", "hydrogen economy"),
    ("Ladeinfrastruktur", "charging infrastructure"),
    ("Wirtschaftsdelegation", "business delegation"),
    ("Partnerschaftsabkommen", "partnership agreement"),
    ("Hochschulkooperation", "university cooperation"),
    ("Kreislaufwirtschaft", "circular economy"),
    ("Finanzierungsrunde", "funding round"),
    ("Risikokapital", "venture capital"),
    ("Softwareentwicklung", "software development"),
    ("Logistikzentrum", "logistics hub"),
    ("Bahnverbindung", "rail link"),
    ("Messeauftritt", "trade fair presence"),
    ("Kulturaustausch", "cultural exchange"),
    ("Umweltschutz", "environmental protection"),
)

SECTOR_WORDS_EN = (
    "automotive",
    "electric car",
    "software",
    "cloud",
    "artificial intelligence",
    "blockchain",
    "semiconductor",
    "biotech",
    "pharmaceutical",
    "medical device",
    "renewable energy",
    "solar",
    "wind power",
    "hydrogen",
    "logistics",
    "shipping",
    "fintech",
    "banking",
    "insurance",
    "real estate",
    "tourism",
    "education",
    "retail",
    "e-commerce",
    "agriculture",
    "chemicals",
    "steel",
    "aviation",
    "rail",
    "telecommunications",
)
SECTOR_WORDS_DE = (
    "Automobilindustrie",
    "Elektroauto",
    "Software",
    "Cloud",
    "künstliche Intelligenz",
    "Blockchain",
    "Halbleiter",
    "Biotechnologie",
    "Pharma",
    "Medizintechnik",
    "erneuerbare Energien",
    "Solarenergie",
    "Windenergie",
    "Wasserstoff",
    "Logistik",
    "Schifffahrt",
    "Fintech",
    "Banken",
    "Versicherungen",
    "Immobilien",
    "Tourismus",
    "Bildung",
    "Einzelhandel",
    "Onlinehandel",
    "Landwirtschaft",
    "Chemie",
    "Stahl",
    "Luftfahrt",
    "Bahn",
    "Telekommunikation",
)

_SOURCE_HEADS = (
    "Nord",
    "Rhein",
    "Sino",
    "Alpen",
    "Hanse",
    "Jiangsu",
    "Pearl River",
    "Elbe",
    "Isar",
    "Yangtze",
    "Main",
    "Spree",
    "Baltic",
    "Danube",
    "Lotus",
    "Phoenix",
    "Silver Peak",
    "Vertex",
)
_SOURCE_TAILS = (
    "Tech",
    "Energie",
    "Logistics",
    "Mobility",
    "Bio",
    "Solar",
    "Data",
    "Capital",
    "Robotics",
    "Medical",
    "Systems",
    "Materials",
)
_SOURCE_FORMS = ("GmbH", "AG", "Co., Ltd.", "Inc.", "SE", "Group", "Holding")


def sources() -> tuple[str, ...]:
    """About 200 issuer names, in a fixed order (drawn Zipf-like by the corpus)."""
    out = []
    for i, head in enumerate(_SOURCE_HEADS):
        for j, tail in enumerate(_SOURCE_TAILS):
            out.append(f"{head} {tail} {_SOURCE_FORMS[(i + j) % len(_SOURCE_FORMS)]}")
    return tuple(out)


FIRST_NAMES = (
    "Anna",
    "Jonas",
    "Li",
    "Wei",
    "Sophie",
    "Lukas",
    "Mei",
    "Felix",
    "Hannah",
    "Chen",
    "Laura",
    "Maximilian",
    "Yan",
    "Julia",
    "Paul",
    "Xin",
    "Clara",
    "David",
)
LAST_NAMES = (
    "Müller",
    "Schmidt",
    "Zhang",
    "Wang",
    "Schneider",
    "Fischer",
    "Liu",
    "Weber",
    "Meyer",
    "Chen",
    "Wagner",
    "Becker",
    "Huang",
    "Hoffmann",
    "Zhou",
    "Koch",
)
