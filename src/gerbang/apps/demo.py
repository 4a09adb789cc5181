"""Demo data for `gerbang up`: a watchlist, visas and sample passports that show each kind of decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from gerbang.border.center.watchlist import replace_watchlist
from gerbang.documents import make_zone
from gerbang.infra.database import Database
from gerbang.infra.signing import load_signer
from gerbang.screening import entry_to_dict
from gerbang.screening.evaluation.generator import generate
from gerbang.visas.center.issuer import issue
from gerbang.visas.domain.credential import CredentialType, Holder


@dataclass(frozen=True)
class DemoTraveller:
    """A sample passport and what the checkpoint should make of it."""

    label: str
    surname: str
    given_names: str
    nationality: str
    document_number: str
    birth_date: date
    sex: str
    direction: str
    expect: str
    visa: CredentialType | None = None

    def zone(self, *, expiry: date) -> list[str]:
        return make_zone(
            format="TD3",
            document_type="P",
            issuing_state=self.nationality,
            surname=self.surname,
            given_names=self.given_names,
            document_number=self.document_number,
            nationality=self.nationality,
            birth_date=self.birth_date.strftime("%y%m%d"),
            sex=self.sex,
            expiry_date=expiry.strftime("%y%m%d"),
        )


TRAVELLERS = [
    DemoTraveller(
        "Citizen returning home",
        "SANTOSO",
        "BUDI",
        "IDN",
        "B1234567",
        date(1980, 1, 1),
        "M",
        "entry",
        "admit",
    ),
    DemoTraveller(
        "Citizen under an exit ban (listed as H. MUHAMMAD YUSUF, S.H.)",
        "JOESOEF",
        "MOCHAMAD",
        "IDN",
        "C7654321",
        date(1975, 3, 14),
        "M",
        "exit",
        "refuse",
    ),
    DemoTraveller(
        "Visa-exempt ASEAN visitor",
        "TAN",
        "WEI MING",
        "SGP",
        "K1234567A",
        date(1990, 7, 9),
        "M",
        "entry",
        "admit",
    ),
    DemoTraveller(
        "Visitor with an e-VoA",
        "CITIZEN",
        "JANE",
        "AUS",
        "PA1234567",
        date(1988, 11, 2),
        "F",
        "entry",
        "admit",
        CredentialType.EVOA,
    ),
    DemoTraveller(
        "Foreigner under an entry ban",
        "PETROV",
        "IVAN",
        "RUS",
        "753159842",
        date(1980, 5, 5),
        "M",
        "entry",
        "refuse",
    ),
    DemoTraveller(
        "Foreigner who needs a visa and has none",
        "KHAN",
        "AHMED",
        "PAK",
        "AB1234561",
        date(1992, 2, 20),
        "M",
        "entry",
        "refer",
    ),
]

LISTED = [
    {
        "id": "DEMO-EXIT-1",
        "names": ["H. MUHAMMAD YUSUF, S.H."],
        "birth_date": "1975-03-14",
        "nationality": "IDN",
        "documents": [],
        "list": "exit-ban",
        "valid_until": None,
    },
    {
        "id": "DEMO-ENTRY-1",
        "names": ["IVAN PETROV", "IWAN PETROW"],
        "birth_date": "1980-05-05",
        "nationality": "RUS",
        "documents": [],
        "list": "entry-ban",
        "valid_until": None,
    },
    {
        "id": "DEMO-LOST-1",
        "names": ["UNKNOWN HOLDER"],
        "birth_date": None,
        "nationality": "IDN",
        "documents": ["X9876543"],
        "list": "lost-stolen-document",
        "valid_until": None,
    },
]


def seed_center(
    database: Database, visa_keys: Path, *, at: datetime, synthetic_entries: int
) -> dict[str, Any]:
    """Load the demo watchlist and issue the demo visas; return the sample passports for people to try."""
    synthetic = generate(synthetic_entries, 1, seed=2024, on=at.date()).entries if synthetic_entries else []
    with database.transaction() as session:
        replace_watchlist(session, [*LISTED, *(entry_to_dict(e) for e in synthetic)], at=at)
    signer = load_signer(visa_keys)
    expiry = (at + timedelta(days=5 * 365)).date()
    samples = []
    for traveller in TRAVELLERS:
        credential = None
        if traveller.visa is not None:
            holder = Holder(
                name=f"{traveller.given_names} {traveller.surname}",
                passport_number=traveller.document_number,
                nationality=traveller.nationality,
                birth_date=traveller.birth_date,
            )
            credential = issue(signer, type=traveller.visa, holder=holder, issued_at=at).text
        samples.append(
            {
                "label": traveller.label,
                "mrz": traveller.zone(expiry=expiry),
                "direction": traveller.direction,
                "expect": traveller.expect,
                "credential": credential,
            }
        )
    return {"watchlist_entries": len(LISTED) + len(synthetic), "travellers": samples}
