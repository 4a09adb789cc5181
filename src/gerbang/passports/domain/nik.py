"""The Indonesian population number (NIK): its structure and its agreement with birth date and sex."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gerbang.kernel.errors import InvalidInput, MalformedInput

# Province codes of Dukcapil (Kemendagri): Sumatra 11-21, Java 31-36, Bali and Nusa Tenggara 51-53,
# Kalimantan 61-65, Sulawesi 71-76, Maluku 81-82, Papua 91-96 (93-96 created in 2022).
PROVINCE_CODES = frozenset(
    [*range(11, 20), 21, *range(31, 37), 51, 52, 53, *range(61, 66), *range(71, 77), 81, 82, *range(91, 97)]
)
# Women's NIKs carry the day of birth plus 40.
FEMALE_DAY_OFFSET = 40


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class Nik:
    """A NIK read into its parts; `birth_year_2` is the two-digit year (the century is not encoded)."""

    value: str
    province: int
    regency: str
    district: str
    birth_day: int
    birth_month: int
    birth_year_2: int
    sex: Sex
    serial: str


def parse_nik(text: str) -> Nik:
    """Read a NIK, or raise MalformedInput/InvalidInput naming the part that cannot be right."""
    value = text.strip().replace(" ", "")
    # isascii() too: "²" and other Unicode digits pass isdigit() but int() refuses them.
    if len(value) != 16 or not (value.isascii() and value.isdigit()):
        raise MalformedInput("nik.length", field="nik")
    province = int(value[0:2])
    if province not in PROVINCE_CODES:
        raise InvalidInput("nik.province", field="nik", value=value[0:2])
    if value[2:4] == "00" or value[4:6] == "00":
        raise InvalidInput("nik.district", field="nik")
    day, month, year = int(value[6:8]), int(value[8:10]), int(value[10:12])
    sex = Sex.FEMALE if day > FEMALE_DAY_OFFSET else Sex.MALE
    if sex is Sex.FEMALE:
        day -= FEMALE_DAY_OFFSET
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise InvalidInput("nik.birth_digits", field="nik", value=value[6:12])
    if value[12:16] == "0000":
        raise InvalidInput("nik.serial", field="nik")
    return Nik(value, province, value[2:4], value[4:6], day, month, year, sex, value[12:16])


def check_nik(text: str, *, birth_date: date, sex: Sex) -> Nik:
    """Read a NIK and check that it agrees with the applicant's birth date and sex."""
    nik = parse_nik(text)
    encoded = f"{nik.birth_day:02d}-{nik.birth_month:02d}-{nik.birth_year_2:02d}"
    if (nik.birth_day, nik.birth_month, nik.birth_year_2) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        raise InvalidInput("nik.birth_mismatch", field="birth_date", encoded=encoded, birth_date=birth_date)
    if nik.sex is not sex:
        raise InvalidInput(
            "nik.sex_mismatch",
            field="sex",
            sex=nik.sex.value,
            sex2=sex.value,
            raised="raised" if nik.sex is Sex.FEMALE else "not raised",
        )
    return nik
