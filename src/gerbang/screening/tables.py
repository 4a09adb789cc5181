"""Variant knowledge as data: spelling folds, name families, titles, particles and prefixes."""

from __future__ import annotations

# Rewrites applied in order to reach one comparable form of a word. Indonesian spelling reforms
# (1947: oe→u; 1972: dj→j, tj→c, j→y, nj→ny, sj→sy, ch→kh) are folded towards a form both
# readings share: old 'j' is new 'y' while new 'j' is old 'dj', so after dj→j every j and y
# become one letter and both readings meet. Arabic-origin spellings (kh/ch/h, sh/sy, dh/d, th/t,
# q/k, ie/i, ou/u) fold the same way, and ICAO's old Ñ→NXX and Ü→UXX renderings are undone.
PRIMARY_FOLDS: tuple[tuple[str, str], ...] = (
    ("NXX", "N"), ("UXX", "U"),
    ("DJ", "J"), ("TJ", "C"), ("J", "Y"),
    ("OE", "U"), ("UE", "U"), ("OU", "U"), ("IE", "I"),
    ("CH", "H"), ("KH", "H"), ("SH", "SY"), ("DH", "D"), ("TH", "T"), ("DZ", "Z"), ("PH", "F"),
    ("Q", "K"),
)  # fmt: skip

# How Indonesian speech blurs Arabic-origin spellings, for the sound-alike key only (never for
# exact forms): the diphthongs ai/ei/ae are said e (ZUBAIR/ZUBEIR, ZAINAL/ZAENAL, SULAIMAN/SULEMAN),
# au is said o (TAUFIK/TOFIK), sy loses its y (SYAMSUDIN/SAMSUDIN), and f is said p where Sundanese
# has no f (YUSUF/YUSUP, ARIF/ARIP); a final b is devoiced to p (ZAINAB/ZAINAP), handled in code.
PHONETIC_FOLDS: tuple[tuple[str, str], ...] = (
    ("AI", "E"), ("EI", "E"), ("AE", "E"), ("AU", "O"), ("SY", "S"), ("F", "P"),
)  # fmt: skip

# Spellings with two readings; every reading of a word is indexed, so it meets either spelling.
# ICAO renders Ö as OE and Ä as AE, which many States print as plain O and A (GOESSMANN meets
# GOSSMANN), while Indonesian OE is U; old TJ is C and DJ is J, except where they stood for T+J or
# D+J (PRASETJO = PRASETYO, WIDJAJONO = WIDYAYONO as well as WIJAYONO).
AMBIGUOUS_FOLDS: tuple[tuple[str, str], ...] = (("OE", "O"), ("AE", "A"), ("TJ", "TY"), ("DJ", "DY"))

# Arabic sun-letter assimilation (Abdurrahman = Abdul Rahman): the article is spelled back out.
ASSIMILATED_ARTICLE_PREFIX = "ABDU"
ASSIMILATING_LETTERS = frozenset("RSNZTD")

# Families of one name. Each group lists spellings that are the same name; the first is the
# group's key. The abbreviations of Muhammad (MOCH, MOH, MUH, MOHD, M) are Indonesian convention.
NAME_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("MUHAMMAD", "MUHAMAD", "MOHAMMAD", "MOHAMAD", "MOCHAMAD", "MOCHAMMAD", "MOCHAMED", "MOHAMMED",
     "MOHAMED", "MUHAMMED", "MUHAMED", "MOEHAMAD", "MOEHAMMAD", "MOECHAMAD", "MOECHAMMAD", "MUKHAMAD",
     "MUKHAMMAD", "MOHAMMAAD", "MUHAMMAAD", "MOHAMAMAD", "MOHAMAT", "MOCHAMMED", "MOCH", "MOH", "MUH", "MOHD",
     "MHD", "MUHD", "MOECH", "MUCH", "MOEH", "MD", "M"),
    ("AHMAD", "ACHMAD", "AKHMAD", "AHMAT", "ACHMAT", "AHMED", "AHMET", "ACHMED"),
    ("ABDUL", "ABDOEL", "ABD", "ABDOL"),
    ("YUSUF", "JUSUF", "JOESOEF", "YOUSEF", "YOUSSEF", "YOUSUF", "YUSUP", "JUSUP", "YOSEF"),
    ("NUR", "NOOR", "NOER", "NOUR", "NURUL", "NOERUL"),
    ("SYARIF", "SJARIF", "SHARIF", "SYARIEF", "SJARIEF", "SHARIEF", "SARIF"),
    ("ZAINAL", "ZAINUL", "ZAENAL", "ZAINOEL", "ZAINOL", "ZAENUL"),
    ("KHOIRUL", "CHOIRUL", "CHAIRUL", "KHAIRUL", "HOIRUL", "CHOIROEL", "KHOIROL"),
    ("FATIMAH", "FATMA", "FATIMA", "FATMAH", "FATHIMAH"),
    ("HASAN", "HASSAN", "CHASAN", "HASAAN"),
    ("HUSEIN", "HUSSEIN", "HUSAIN", "HUSIN", "HOESIN", "HUSSAIN", "HOESEIN"),
    ("USMAN", "UTSMAN", "OSMAN", "OTHMAN", "UTHMAN", "OESMAN"),
    ("UMAR", "OMAR", "OEMAR", "UMMAR"),
    ("IBRAHIM", "IBROHIM", "IBRAHEEM", "IBRAHIEM"),
    ("ISMAIL", "ISMAEL", "ISMAIEL"),
    ("SULAIMAN", "SULEIMAN", "SOELAIMAN", "SULEMAN", "SOLEIMAN", "SULAEMAN", "SOELEIMAN"),
    ("MAHMUD", "MACHMUD", "MACHMOED", "MAHMOUD", "MAHMOED", "MAKHMUD"),
    ("MUSTAFA", "MUSTOFA", "MUSTHOFA", "MOESTOFA", "MOESTAFA", "MUSTAPHA"),
    ("RAHMAN", "RACHMAN", "ROHMAN", "ROCHMAN", "RAKHMAN"),
    ("RAHMAT", "RACHMAT", "ROHMAT", "RACHMAD", "RAHMAD", "ROCHMAT"),
    ("SYAFII", "SYAFEI", "SJAFEI", "SYAFI", "SJAFII", "SYAFEII"),
    ("RASYID", "RASJID", "RASHID", "RASYIED", "ROSYID"),
    ("ZAKARIA", "ZAKARIYA", "ZAKARIJA", "ZAKARIYYA"),
    ("YAHYA", "JAHJA", "YAHIA", "YAHIYA"),
    ("KHADIJAH", "CHADIJAH", "KHODIJAH", "CHODIJAH", "KHADIJA", "HADIJAH"),
    ("AISYAH", "AISJAH", "AISAH", "AISHA", "AISYA", "AISHAH", "AISJA"),
    ("ABUBAKAR", "ABUBAKR", "ABOEBAKAR", "ABUBAKER"),
    ("HIDAYAT", "HIDAJAT", "HIDAYATH"),
    ("SALEH", "SALIH", "SHOLEH", "SOLEH", "SHALEH", "SALEEH"),
    ("SHOLIHIN", "SOLIHIN", "SALIHIN", "SHOLICHIN", "SOLICHIN"),
    ("FAISAL", "FAIZAL", "FAYSAL", "FAISOL"),
    ("ARIF", "ARIEF", "AREEF"),
    ("HAMZAH", "HAMZA", "CHAMZAH"),
    ("ZULKIFLI", "DZULKIFLI", "ZULKIFLY", "DZOELKIFLI", "SULKIFLI"),
    ("KHALID", "CHALID", "HALID", "KHOLID", "CHOLID"),
    ("MUHAMMADIYAH", "MOEHAMMADIJAH"),
)  # fmt: skip

# Words (after folding) that are written glued to the next word as often as apart.
JOINS_WITH_NEXT = frozenset({"ABDUL", "ABU", "ABDI", "NURUL"})

# Titles, honorifics and degrees: not part of the name (Permendagri 73/2022 bars them from civil
# registry names; ICAO 9303 keeps them out of the MRZ), so they are dropped, wherever they stand.
TITLES = frozenset({
    "H", "HJ", "HAJI", "HAJJAH", "KH", "KYAI", "KIAI", "USTADZ", "UST", "DRS", "DRA", "IR", "DR", "DRG",
    "PROF", "SH", "SE", "ST", "MM", "SKOM", "SPD", "SSOS", "SAG", "SIP", "SPSI", "SKED", "SKM", "SHI",
    "SPDI", "SSI", "SS", "SP", "STP", "SFARM", "SKEP", "SIKOM", "MKOM", "MPD", "MAK", "MH", "MSI", "MT",
    "MBA", "MSC", "MAG", "MKES", "PHD", "LLM", "AMD", "BSC", "BA", "MR", "MRS", "MISS",
    "SIR", "JR", "SR", "II", "III", "IV", "ENG", "CPA", "TUAN", "PUAN", "DATO", "DATIN", "ENCIK", "CIK",
    "HAJAH", "SYEKH", "SHEIKH",
})  # fmt: skip

# Patronymic and article particles, and fillers lists use for a missing name: no evidence at all.
PARTICLES = frozenset({
    "BIN", "BINTI", "BT", "BTE", "BINT", "IBN", "AL", "EL", "VAN", "VON", "DER", "DEN", "DE", "LA", "DA",
    "DOS", "DI", "FNU", "LNU", "UNK", "XXX", "NFN",
})  # fmt: skip

# Nobility and ethnic prefixes, Balinese caste markers and birth-order names: part of the name,
# but so widespread that they say little about who someone is.
LOW_INFORMATION = frozenset({
    "RADEN", "R", "RM", "RA", "RR", "MAS", "AJENG", "AYU", "TEUKU", "T", "TGK", "TEUNGKU",
    "CUT", "ANDI", "ANAK", "AGUNG", "AA", "IDA", "BAGUS", "IB", "I", "GUSTI", "GST", "NI", "DEWA",
    "DESAK", "COKORDA", "TJOKORDA", "NGURAH", "GEDE", "WAYAN", "PUTU", "MADE", "KADEK", "NENGAH",
    "NYOMAN", "NJOMAN", "KOMANG", "KETUT", "SUTAN", "DATUK", "DT", "PUTI", "DAENG", "LUH",
})  # fmt: skip

LOW_INFORMATION_WEIGHT = 0.25
