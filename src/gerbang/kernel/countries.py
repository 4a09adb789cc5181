"""Country codes of travel documents: ISO 3166-1 alpha-3 plus the codes ICAO Doc 9303 part 3 adds."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import pycountry

# Codes that Doc 9303 part 3 (section 5 and its appendix) allows in the issuing-state and nationality
# fields although ISO 3166-1 does not list them, with the meaning Doc 9303 gives them.
ICAO_CODES: Mapping[str, str] = MappingProxyType(
    {
        # Germany keeps its one-letter code in machine-readable zones.
        "D": "Germany",
        # British nationality classes (part A).
        "GBD": "British Overseas Territories Citizen",
        "GBN": "British National (Overseas)",
        "GBO": "British Overseas Citizen",
        "GBP": "British Protected Person",
        "GBS": "British Subject",
        # Other codes reserved by the ISO 3166 maintenance agency (part B).
        "EUE": "European Union",
        "UNO": "United Nations Organization or one of its officials",
        "UNA": "Specialized agency of the United Nations or one of its officials",
        "UNK": "Resident of Kosovo with a travel document issued by UNMIK",
        "RKS": "Kosovo",
        # Persons without a nationality that can be stated (part C).
        "XXA": "Stateless person",
        "XXB": "Refugee under the 1951 Convention relating to the Status of Refugees",
        "XXC": "Refugee other than under code XXB",
        "XXX": "Person of unspecified nationality",
        # Other issuing authorities (part D).
        "XBA": "African Development Bank",
        "XIM": "African Export-Import Bank",
        "XCC": "Caribbean Community or one of its emissaries",
        "XCO": "Common Market for Eastern and Southern Africa",
        "XEC": "Economic Community of West African States",
        "XES": "Organisation of Eastern Caribbean States",
        "XMP": "Parliamentary Assembly of the Mediterranean",
        "XOM": "Sovereign Military Order of Malta or one of its emissaries",
        "XDC": "Southern African Development Community",
        "XPO": "International Criminal Police Organization (INTERPOL)",
    }
)

# Utopia is the fictional state of every Doc 9303 specimen. It is known so that specimens read
# as valid, and flagged so that a checkpoint can refuse a document that claims it.
SPECIMEN_CODES: Mapping[str, str] = MappingProxyType({"UTO": "Utopia (Doc 9303 specimen state)"})


@cache
def _iso_names() -> Mapping[str, str]:
    # Built once: pycountry's own lookups are slower than a plain dict on a hot path.
    return MappingProxyType({country.alpha_3: country.name for country in pycountry.countries})


def is_iso_alpha3(code: str) -> bool:
    """Return whether `code` is an ISO 3166-1 alpha-3 country code (exact, upper case)."""
    return code in _iso_names()


def is_specimen_code(code: str) -> bool:
    """Return whether `code` names the fictional state used only on specimen documents."""
    return code in SPECIMEN_CODES


def is_known_code(code: str) -> bool:
    """Return whether `code` may stand in an issuing-state or nationality field (no fillers)."""
    return code in _iso_names() or code in ICAO_CODES or code in SPECIMEN_CODES


def country_name(code: str) -> str | None:
    """Return the English name for `code`, or None when the code is unknown."""
    return _iso_names().get(code) or ICAO_CODES.get(code) or SPECIMEN_CODES.get(code)
