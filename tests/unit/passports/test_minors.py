"""Who is a child under the passport rules, and what their parent or guardian must give."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.kernel.errors import InvalidInput
from gerbang.passports.domain.handover import Relationship
from gerbang.passports.domain.minors import MinorRule, check_guardian, is_minor
from gerbang.passports.office.reference import parse_entry
from gerbang.passports.packaged_policy import load_policy

RULE = load_policy().minors
CHILD_NIK = "3174050503120001"
TODAY = date(2026, 12, 7)
MOTHER = {"name": " Ayu  Lestari ", "relationship": "parent", "nik": "3174055504900001", "consent": True}


def test_the_policy_names_the_regulation_and_the_date_it_took_effect() -> None:
    assert RULE.adult_age == 17
    assert "Permenkumham 8/2014" in RULE.source
    assert "Permenkumham 18/2022" in RULE.source
    assert RULE.effective_from == date(2022, 9, 29)


@pytest.mark.parametrize(
    ("born", "married", "minor"),
    [
        (date(2009, 6, 21), False, True),  # 17 tomorrow
        (date(2009, 6, 20), False, False),  # 17 today
        (date(2012, 3, 5), True, False),  # married under 17: an adult for a passport
        (date(1990, 4, 15), False, False),
    ],
)
def test_a_child_is_under_17_and_not_married(born: date, married: bool, minor: bool) -> None:
    assert is_minor(born, on=date(2026, 6, 20), married=married, rule=RULE) is minor


def test_a_consenting_parent_is_read_as_on_their_e_ktp() -> None:
    guardian = check_guardian(child_nik=CHILD_NIK, rule=RULE, on=TODAY, **MOTHER)  # type: ignore[arg-type]
    assert (guardian.name, guardian.relationship, guardian.nik) == (
        "Ayu Lestari", Relationship.PARENT, "3174055504900001",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "reason", "field"),
    [
        ({"name": "", "relationship": "", "nik": ""}, "guardian.required", "guardian_name"),
        ({"name": ""}, "guardian.name_missing", "guardian_name"),
        ({"relationship": "uncle"}, "guardian.relationship_missing", "guardian_relationship"),
        ({"nik": "31740555"}, "guardian.nik_bad", "guardian_nik"),
        ({"nik": "²" * 16}, "guardian.nik_bad", "guardian_nik"),  # Unicode digits are not a NIK
        ({"nik": CHILD_NIK}, "guardian.nik_is_child", "guardian_nik"),
        ({"consent": False}, "guardian.consent_missing", "guardian_consent"),
    ],
)
def test_each_missing_part_is_refused_at_its_field(
    changes: dict[str, object], reason: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_guardian(child_nik=CHILD_NIK, rule=RULE, on=TODAY, **(MOTHER | changes))  # type: ignore[arg-type]
    assert (refused.value.reason, refused.value.field) == (reason, field)
    assert refused.value.said_in("id") != refused.value.message  # the catalogue has it in both languages


@pytest.mark.parametrize(
    ("nik", "refused"),
    [
        ("3174055504100001", True),  # a girl born 15 April 2010: 16, a child herself
        ("3174051512090001", True),  # a man born 15 December 2009: 17 only in eight days
        ("3174050712090001", False),  # born 7 December 2009: 17 today
        ("3174050801850001", False),  # born 8 January 1985
        ("3174050801300001", False),  # born 8 January 1930: the 30 of a past century, not 2030
    ],
)
def test_a_guardian_who_is_a_child_is_refused_at_the_nik(nik: str, refused: bool) -> None:
    given = MOTHER | {"nik": nik}
    if refused:
        with pytest.raises(InvalidInput) as caught:
            check_guardian(child_nik=CHILD_NIK, rule=RULE, on=TODAY, **given)  # type: ignore[arg-type]
        assert caught.value.reason == "guardian.is_minor"
        assert caught.value.field == "guardian_nik"
    else:
        assert check_guardian(child_nik=CHILD_NIK, rule=RULE, on=TODAY, **given).nik == nik  # type: ignore[arg-type]


def test_the_refusal_cites_the_regulation_in_both_languages() -> None:
    rule = MinorRule(17, "Permenkumham 8/2014", date(2022, 9, 29))
    with pytest.raises(InvalidInput) as refused:
        check_guardian(
            name="", relationship="", nik="", consent=False, child_nik=CHILD_NIK, rule=rule, on=TODAY
        )
    assert "Pemohon di bawah 17 tahun dan belum menikah perlu orang tua atau wali" in refused.value.said_in(
        "id"
    )
    assert "(Permenkumham 8/2014)" in refused.value.message


def test_the_office_reads_the_guardian_who_comes_with_a_child() -> None:
    entry = parse_entry(
        {"application_id": "019ee33d-35a0-7561-a8c7-e1b0bfeb974b", "name": "Bima", "nik": CHILD_NIK,
         "birth_date": "2012-03-05", "service": "regular", "slot": None, "status": "paid",
         "guardian": {"name": "Ayu Lestari", "relationship": "parent", "nik": "3174055504900001"}}
    )  # fmt: skip
    assert entry.guardian == ("Ayu Lestari", "parent", "3174055504900001")
    older = parse_entry({k: v for k, v in entry.__dict__.items() if k != "guardian"} | {"slot": None})
    assert older.guardian is None
