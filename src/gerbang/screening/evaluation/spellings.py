"""How Indonesians really spell Arabic-origin names: the generator's own table, apart from the engine's."""

from __future__ import annotations

# Written from published lists of Indonesian spellings (the Jakarta Post's "more than 20 spellings
# of Muhammad", civil-registry usage) and not derived from the engine's tables, so a test of the
# Muhammad and Arabic families measures whether the engine generalises, not whether it agrees with
# itself. Several spellings here are deliberately absent from the engine's families (MOHAMAMAD,
# MUCHAMAD, MOKHAMAD, ACHMAT, ABDOEL, CHOIROEL…): real documents carry them and a screener meets
# them. The first spelling of each family is the modern one the name tables use.
MUHAMMAD = (
    "MUHAMMAD",
    "MUHAMAD",
    "MOHAMAD",
    "MOHAMMAD",
    "MOCHAMAD",
    "MOCHAMMAD",
    "MOEHAMAD",
    "MOEHAMMAD",
    "MOECHAMMAD",
    "MOECHAMAD",
    "MUKHAMAD",
    "MUKHAMMAD",
    "MOHAMMED",
    "MOHAMAAD",
    "MUHAMMAAD",
    "MOHAMAMAD",
    "MOHAMAT",
    "MUCHAMAD",
    "MUCHAMMAD",
    "MOKHAMAD",
    "MOKHAMMAD",
    "MOHAMED",
    "MOH",
    "MOCH",
    "MOHD",
    "MOECH",
    "MUCH",
    "MOEH",
    "M",
)

ARABIC_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("AHMAD", "ACHMAD", "AKHMAD", "AHMAT", "ACHMAT", "AHMED"),
    ("ABDUL", "ABD", "ABDOEL", "ABDOL"),
    ("NUR", "NOOR", "NOER", "NOUR"),
    ("SYARIF", "SJARIF", "SHARIF", "SYARIEF", "SJARIEF"),
    ("ZAINAL", "ZAINUL", "ZAENAL", "ZAINOEL"),
    ("KHOIRUL", "CHOIRUL", "CHAIRUL", "KHAIRUL", "CHOIROEL"),
    ("FATIMAH", "FATMA", "FATIMA", "FATMAH"),
    ("MAHMUD", "MACHMUD", "MACHMOED", "MAHMOUD", "MAKHMUD"),
    ("YUSUF", "JUSUF", "JOESOEF", "YOESOEF", "YUSUP", "YOUSSEF"),
    ("HASAN", "HASSAN", "CHASAN"),
    ("HUSEIN", "HUSAIN", "HUSIN", "HOESIN", "HUSSEIN", "HOESEIN"),
    ("USMAN", "UTSMAN", "OESMAN", "OSMAN", "UTHMAN"),
    ("UMAR", "OMAR", "OEMAR"),
    ("IBRAHIM", "IBROHIM", "IBRAHIEM"),
    ("ISMAIL", "ISMAEL", "ISMAIEL"),
    ("SULAIMAN", "SULEIMAN", "SOELAIMAN", "SULEMAN", "SULAEMAN"),
    ("MUSTAFA", "MUSTOFA", "MUSTHOFA", "MOESTOFA", "MUSTAPHA"),
    ("RAHMAT", "RACHMAT", "ROHMAT", "RACHMAD", "RAHMAD"),
    ("RASYID", "RASJID", "RASHID", "ROSYID"),
    ("ZAKARIA", "ZAKARIYA", "ZAKARIJA"),
    ("YAHYA", "JAHJA", "YAHIA"),
    ("KHADIJAH", "CHADIJAH", "KHODIJAH", "HADIJAH"),
    ("AISYAH", "AISJAH", "AISAH", "AISHA"),
    ("ABUBAKAR", "ABOEBAKAR", "ABUBAKR"),
    ("HIDAYAT", "HIDAJAT"),
    ("SALEH", "SHOLEH", "SOLEH", "SALIH"),
    ("SOLIHIN", "SHOLIHIN", "SOLICHIN", "SHOLICHIN"),
    ("FAISAL", "FAIZAL", "FAISOL"),
    ("HAMZAH", "HAMZA", "CHAMZAH"),
    ("ZULKIFLI", "DZULKIFLI", "DZOELKIFLI"),
    ("KHALID", "CHALID", "KHOLID", "CHOLID"),
    ("SYAMSUDIN", "SJAMSOEDIN", "SAMSUDIN", "SYAMSUDDIN"),
    ("SYAIFUL", "SAIFUL", "SJAIFUL", "SYAIFOEL"),
    ("FAHRUDIN", "FACHRUDIN", "FAKHRUDDIN", "FACHROEDIN"),
    ("TAUFIK", "TAUFIQ", "TOUFIK", "TAUFIEK"),
    ("IKHSAN", "IHSAN", "ICHSAN"),
    ("FAUZI", "FAUZY", "FAOEZI"),
    ("LUTFI", "LUTHFI", "LOETFI"),
    ("MUKHLIS", "MUCHLIS", "MOECHLIS"),
    ("RIDWAN", "RIDHWAN", "RIDUAN"),
    ("NAJIB", "NADJIB", "NAJIEB"),
    ("ZAINUDIN", "ZAINUDDIN", "ZAINOEDIN", "ZAENUDIN"),
    ("JAMALUDIN", "DJAMALUDIN", "JAMALUDDIN"),
    ("KHOLIK", "CHOLIK", "KHOLIQ", "HOLIK"),
    ("ZUBAIR", "ZUBEIR", "ZOEBAIR"),
    ("AMINAH", "AMINA", "AMINNAH"),
    ("ZAINAB", "ZAENAB", "ZAINAP"),
)


def _lookup() -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for family in (MUHAMMAD, *ARABIC_FAMILIES):
        unique = tuple(dict.fromkeys(family))
        for member in unique:
            found.setdefault(member, unique)
    return found


FAMILY_OF = _lookup()
# Spellings that people legally carry (not abbreviations): a listed person's own name may use them.
CARRIED_MUHAMMAD = tuple(spelling for spelling in MUHAMMAD if len(spelling) > 5)
