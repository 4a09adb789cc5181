"""Name pools of the independent evaluation: drawn apart from the main generator's tables.

Given names are built from syllables and endings, as Javanese and Sundanese names are formed
(SU + root + -NO/-TO/-YATI), so the pools do not share the main generator's lists and the long
tail is open-ended; Malay and Arabic names carry a father's name after BIN/BINTI; Chinese-Indonesian
names mix an Indonesianised family name with a Western or Indonesian given name; Indian names are
often a single given name with a father's or family name; Western names carry diacritics.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


JAVA_ONSETS = _words("SU SRI WI PUR HAR SUR KUS MAR TRI DWI NGA PAR SAR TU WA SA DAR JA RU SE PRA")
JAVA_ROOTS = _words("""
    KAR TAR MIN JAN DAR WAN GIT YAT RAT HAD BAG PRAP NAR GIY MAD RIY LAM DIY SIH NING WAT TIN
    YAN RAH MAN JOK BAM SUK PAR WAR TOM YOS LIS DIM JAT KIM RUS GON
""")
JAVA_ENDINGS_MALE = _words("NO TO YO JO MAN DI WAN YONO ANTO IYANTO ADI ONO ONGSO ARSO")
JAVA_ENDINGS_FEMALE = _words("YATI ATI INI IYAH ASIH ANINGSIH ARNI ARTI UM INAH IYEM")
SUNDA_GIVEN = _words("""
    ASEP DADANG ENDANG UJANG CEPI DENI EUIS NENG IMAS YAYAT ACEP OTONG KOKOM ENTIS ELIS EMAN
    OMAY AYI JAJANG IYOS DUDI WAHYU ANDRI RIDWAN
""")
SUNDA_FAMILY_LIKE = _words(
    "SUPRIATNA SUTISNA HIDAYAT KOSASIH SUHENDAR GUNAWAN PERMANA SOPANDI ROHMAT KURNIAWAN SAEPUDIN "
    "MULYANA SOLIHIN NURJAMAN SUMARNA SETIADI HERMAWAN RUSTANDI SUNARYA TARYANA KUSNADI"
)
MALAY_MALE = _words("""
    AHMAD MUHAMMAD ABDULLAH ISMAIL HASAN HUSIN YUSOF ZAINAL KAMARUDDIN AZMAN RAHIM HAMZAH
    SHAHRUL FAIZAL AMIRUDDIN NORDIN ROSLAN ZULKARNAIN BAHARUDIN SAIFUL HAFIZ IDRIS JAMALUDDIN
    MOKHTAR NASRUDDIN RAZALI SYAMSUL TARMIZI WAHID ZAKARIA ARIFIN BASRI DAUD FIKRI GHAZALI
""")
MALAY_FEMALE = _words("""
    SITI NUR AISYAH FATIMAH ZAINAB KHADIJAH AMINAH NORAINI ROSNAH SALMAH HALIMAH MARIAM
    ZURAIDAH NORHAYATI SHARIFAH ROKIAH HASNAH JUBAIDAH LATIFAH NAFISAH RAHMAH SAODAH
""")
CHINDO_FAMILY = _words(
    "WIJAYA HALIM SALIM GUNAWAN TANOTO KUSUMA SUSANTO HARTONO TANUWIJAYA LIMANTO SUGIARTO "
    "WIRAWAN SETIABUDI HENDRAWAN SANTOSO TJAHJADI GOZALI SUTANTO KURNIAWAN LIMAN WONGSO SASMITA"
)
CHINDO_GIVEN = _words("""
    HENDRA LIANA MELISA KEVIN VIVIAN STEVEN FELIX IRENE YOHANES LINDA WILLIAM RUDY EDDY
    SUSANTI JOHAN FERRY LILIS MEILAN AGUSTINUS CHRISTINA
""")
INDIAN_GIVEN = _words("""
    RAHUL ARJUN KAVITHA LAKSHMI SANJAY MEENA KARTHIK DIVYA ANAND GANESH PRIYANKA VENKAT
    SRINIVASAN RAMESH NIRMALA SHIVA HARISH USHA VIKRAM SUNIL
""")
INDIAN_FAMILY = _words("KRISHNAN SUBRAMANIAM PILLAI MENON BHATT CHATTERJEE DAS NAIDU MISHRA VERMA AGARWAL")
WESTERN_GIVEN = _words("""
    JOSÉ MARÍA FRANÇOIS JÜRGEN SØREN ZOË RENÉ ANDRÉ ÉMILE THOMAS PETER ANNA LUCAS SOPHIE
    OLIVER CHLOÉ MATEO HÅKAN MÅNS NIÑO INÊS JOÃO BJÖRN
""")
WESTERN_FAMILY = _words(
    "MÜLLER GARCÍA LÓPEZ SCHRÖDER JOHANSSON O'BRIEN DUBOIS NÚÑEZ KOWALSKI FERNÁNDEZ BÖHM MARTIN "
    "LEFÈVRE HANSEN JENSEN ØSTERGAARD SANTOS PEREIRA MACDONALD VAN DER BERG"
)
TITLES = ("H", "HJ", "DRS", "IR", "DR", "PROF", "KH", "TUAN", "DATO")
# Other common forms of a name that writers use for one person (not the engine's families).
ALTERNATE_FORMS = {
    "MUHAMMAD": ("MOHD", "MUH", "MOH", "MHD", "MOCHAMMAD", "MOHAMED"),
    "ABDULLAH": ("ABDALLAH", "ABDOELLAH"),
    "YUSOF": ("YUSUF", "YUSOFF", "JOESOF"),
    "HUSIN": ("HUSAIN", "HUSSEIN"),
    "ZAINAL": ("ZAINOL",),
    "HAFIZ": ("HAFIDZ", "HAFEEZ"),
    "RUDY": ("RUDI",),
    "EDDY": ("EDI", "EDDIE"),
    "YOHANES": ("JOHANES", "JOHANNES"),
    "FERRY": ("FERI",),
    "STEVEN": ("STEPHEN", "STEFAN"),
    "SITI": ("SITTI",),
    "NUR": ("NOOR", "NOER"),
    "AISYAH": ("AISHAH", "AISAH"),
    "DAUD": ("DAWUD", "DAVID"),
    "IDRIS": ("IDRES",),
}


@dataclass
class Someone:
    """A synthetic person of the independent evaluation."""

    tradition: str
    given: list[str]
    family: list[str] = field(default_factory=list)
    father: str | None = None
    female: bool = False
    title: str | None = None

    @property
    def words(self) -> list[str]:
        """Return the name's own words, given names first."""
        return self.given + self.family


def _zipf(rng: random.Random, pool: tuple[str, ...]) -> str:
    # Ranks fall off like 1/rank: a few very common names, a long tail.
    weights = [1.0 / (rank + 2) for rank in range(len(pool))]
    return rng.choices(pool, weights=weights)[0]


def javanese_word(rng: random.Random, female: bool) -> str:
    """Return a Javanese-formed given name from onset, root and ending."""
    endings = JAVA_ENDINGS_FEMALE if female else JAVA_ENDINGS_MALE
    onset = _zipf(rng, JAVA_ONSETS) if rng.random() < 0.7 else ""
    word = onset + rng.choice(JAVA_ROOTS) + _zipf(rng, endings)
    return word.replace("YY", "Y").replace("II", "I")


def someone(rng: random.Random) -> Someone:
    """Return one person from a mixed Indonesian checkpoint population."""
    tradition = rng.choices(
        ("javanese", "sundanese", "malay", "chindo", "indian", "western"), weights=(38, 14, 24, 10, 6, 8)
    )[0]
    female = rng.random() < 0.4
    title = rng.choice(TITLES) if rng.random() < 0.08 else None
    if tradition == "javanese":
        # A third of Javanese people, more of the old, carry one name only.
        count = 1 if rng.random() < 0.3 else rng.choice((2, 2, 3))
        return Someone(
            tradition, [javanese_word(rng, female) for _ in range(count)], female=female, title=title
        )
    if tradition == "sundanese":
        given = [_zipf(rng, SUNDA_GIVEN)] + ([javanese_word(rng, female)] if rng.random() < 0.5 else [])
        return Someone(tradition, given, [_zipf(rng, SUNDA_FAMILY_LIKE)], female=female, title=title)
    if tradition == "malay":
        pool = MALAY_FEMALE if female else MALAY_MALE
        given = [_zipf(rng, pool)]
        while len(given) < rng.choice((2, 2, 3)):
            part = _zipf(rng, pool) if rng.random() < 0.6 else javanese_word(rng, female)
            if part not in given:
                given.append(part)
        father = _zipf(rng, MALAY_MALE) if rng.random() < 0.8 else javanese_word(rng, False)
        return Someone(tradition, given, father=father, female=female, title=title)
    if tradition == "chindo":
        given = [_zipf(rng, CHINDO_GIVEN)]
        if rng.random() < 0.3:
            given.append(javanese_word(rng, female))
        return Someone(tradition, given, [_zipf(rng, CHINDO_FAMILY)], female=female)
    if tradition == "indian":
        given = [_zipf(rng, INDIAN_GIVEN)]
        family = [] if rng.random() < 0.35 else [_zipf(rng, INDIAN_FAMILY)]
        return Someone(tradition, given, family, female=female)
    given = [_zipf(rng, WESTERN_GIVEN)] + ([_zipf(rng, WESTERN_GIVEN)] if rng.random() < 0.4 else [])
    return Someone(tradition, list(dict.fromkeys(given)), [_zipf(rng, WESTERN_FAMILY)], female=female)
