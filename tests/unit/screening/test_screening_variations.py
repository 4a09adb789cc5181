"""Each way a real Indonesian passport differs from the list still finds the listed person, and no more."""

from __future__ import annotations

import datetime as dt

import pytest

from gerbang.screening import ScreeningQuery, WatchlistIndex, parse_entry
from gerbang.screening.edits import edit_cost
from gerbang.screening.normalize import make_word, normalize_name
from gerbang.screening.scoring import compare_words

ON = dt.date(2026, 6, 1)
LISTED = {
    "kurniawan": ("KURNIAWAN SETIADI", "1978-03-14"),
    "sugiyono": ("SUGIYONO PRAWIRO", "1969-11-02"),
    "yudhoyono": ("AGUS HARIMURTI YUDHOYONO", "1978-08-10"),
    "fauzi": ("AHMAD FAUZI", "1985-01-23"),
    "aminah": ("SITI AMINAH BINTI HASAN BASRI", "1982-04-05"),
    "lestari": ("DEWI LESTARI", "1976-01-20"),
    "sukarno": ("SUKARNO", "1941-06-06"),
    "suparman": ("SUPARMAN", "1958-02-17"),
    "salim": ("AGUS SALIM", "1980-01-02"),
    "widjaja": ("TJAHJADI WIDJAJA", "1966-09-30"),
}


@pytest.fixture(scope="module")
def index() -> WatchlistIndex:
    entries = [
        parse_entry(
            {"id": key, "names": [name], "birth_date": born, "nationality": "IDN", "list": "entry-ban"}
        )
        for key, (name, born) in LISTED.items()
    ]
    return WatchlistIndex.build(entries)


def _found(index: WatchlistIndex, name: str, born: str) -> set[str]:
    query = ScreeningQuery("q", name, dt.date.fromisoformat(born), "IDN")
    return {hit.entry_id for hit in index.screen(query, on=ON) if hit.match}


@pytest.mark.parametrize(
    ("passport", "listed"),
    [
        ("KURNIAWN SETIADI", "kurniawan"),  # a letter dropped
        ("KURNIAWAN SETAIDI", "kurniawan"),  # two letters swapped
        ("KURNIAWAN SETIADDI", "kurniawan"),  # a letter typed twice
        ("KURNIAWAN SETUADI", "kurniawan"),  # a neighbouring key
        ("SUGIY0NO PRAWIRO", "sugiyono"),  # a zero read for an O
        ("SUGIYONO PRAWLRO", "sugiyono"),  # OCR reads I as L
        ("TJAHJADI WIDJAJS", "widjaja"),  # a slip in old spelling
        ("SUGIYONOPRAWIRI", "sugiyono"),  # two words written together, with a slip
        ("DEWILESTSRI", "lestari"),  # the same, a neighbouring key
        ("AHMAD GAUZI", "fauzi"),  # the first letter mistyped
    ],
)
def test_one_typing_or_reading_slip_still_finds_the_person(
    index: WatchlistIndex, passport: str, listed: str
) -> None:
    assert _found(index, passport, LISTED[listed][1]) == {listed}


@pytest.mark.parametrize(
    ("passport", "listed"),
    [
        ("AHMAD FAUZI BIN ABDULLAH", "fauzi"),  # the father's name added, as Malay and Aceh passports do
        ("AHMAD FAUZI B ABDULLAH", "fauzi"),  # BIN abbreviated
        ("SITI AMINAH", "aminah"),  # the father's name the list holds left off
        ("SITI AMINAH BT HASAN BASRI", "aminah"),  # BINTI written BT
        ("PUTRI DEWI LESTARI", "lestari"),  # a second given name the list lacks
        ("AGUS YUDHOYONO", "yudhoyono"),  # a middle name missing
        ("SUKARNO SUKARNO", "sukarno"),  # a single name written twice
        ("<<SUKARNO", "sukarno"),  # a single name with no primary identifier
        ("SUPARMAN<<", "suparman"),  # a single name with fillers
        ("SUPARMAN BIN KARTOREDJO", "suparman"),  # a single name and a father's name
        ("HJ SITI AMINAH BINTI HASAN BASRI", "aminah"),  # a pilgrimage title
        ("TJAHJADI WIJAYA", "widjaja"),  # old and new spelling mixed
    ],
)
def test_more_or_fewer_words_than_the_list_still_finds_the_person(
    index: WatchlistIndex, passport: str, listed: str
) -> None:
    assert _found(index, passport, LISTED[listed][1]) == {listed}


def test_name_cut_inside_its_last_word_finds_the_person(index: WatchlistIndex) -> None:
    # A TD1 card's 30-character field ends inside a word; the cut word may stand before the surname.
    assert normalize_name("AGUS HARIMURTI YUDHOYONO ABCDE").truncated
    assert _found(index, "YUDHOYONO<<AGUS<HARIMURTI<ABCDEFGH", "1978-08-10") == {"yudhoyono"}
    assert _found(index, "KURNIAWAN<<SETIADI<BUDIMAN<PRASETYO<WIB", "1978-03-14") == {"kurniawan"}


def test_a_changed_first_letter_is_a_slip_only_with_the_same_birth_date(index: WatchlistIndex) -> None:
    assert _found(index, "AGUS HALIM", "1980-01-02") == {"salim"}
    assert _found(index, "AHMAD GAUZI", "1985-01-23") == {"fauzi"}
    assert _found(index, "NURNIAWAN SETIADI", "1978-03-14") == {"kurniawan"}
    # A slip and a birth date that differs too are two differences: another person as likely.
    assert _found(index, "AGUS HALIM", "1980-01-12") == set()
    assert _found(index, "NURNIAWAN SETIADI", "1978-03-24") == set()
    assert _found(index, "AGUS SALIM SANTOSO HALIM", "1980-01-02") == {"salim"}


def test_namesake_born_on_another_day_is_not_stopped(index: WatchlistIndex) -> None:
    assert _found(index, "KURNIAWAN SETIADI", "1991-07-23") == set()
    assert _found(index, "SUKARNO", "1963-02-11") == set()


def test_a_slip_and_a_birth_date_digit_off_together_are_not_enough(index: WatchlistIndex) -> None:
    assert _found(index, "KURNIAWAN SETIADI", "1978-03-15") == {"kurniawan"}
    assert _found(index, "KURNIAWN SETIADI", "1978-03-15") == set()


def test_likely_slips_cost_less_than_unlikely_ones() -> None:
    assert edit_cost("SETIADI", "SETUADI") < edit_cost("SETIADI", "SETPADI")  # U beside I on the keyboard
    assert edit_cost("SALIM", "SALIN") < edit_cost("SALIM", "SALIK")  # OCR takes M for N
    assert edit_cost("KURNIAWAN", "KURNIWAAN") < edit_cost("KURNIAWAN", "KURNIBWAN")


def test_a_slip_in_a_long_word_is_stronger_evidence_than_in_a_short_one() -> None:
    long_slip = compare_words(make_word("KURNIAWN"), make_word("KURNIAWAN"), last_of_truncated=False)
    short_slip = compare_words(make_word("ANDA"), make_word("ANDI"), last_of_truncated=False)
    assert long_slip is not None
    assert short_slip is not None
    assert long_slip[0] == short_slip[0] == "typo"
    assert long_slip[1] > 0.85 > 0.7 > short_slip[1]


def test_an_undated_entry_is_not_followed_through_a_common_pair_alone() -> None:
    from gerbang.screening.candidates import UNDATED_POSTING_CAP, find_candidate_sets

    common = [
        parse_entry(
            {
                "id": f"c{n}",
                "names": [f"MUHAMMAD AHMAD X{n:05d}"],
                "birth_date": "1970-01-01",
                "list": "wanted",
            }
        )
        for n in range(UNDATED_POSTING_CAP + 1)
    ]
    undated = [
        parse_entry({"id": "common", "names": ["MUHAMMAD AHMAD"], "list": "wanted"}),
        parse_entry({"id": "rare", "names": ["MUHAMMAD KARTOREDJO"], "list": "wanted"}),
    ]
    index = WatchlistIndex.build([*common, *undated])
    store = index._store
    short, long = find_candidate_sets(store, normalize_name("MUHAMMAD AHMAD KARTOREDJO"))
    numbers = {entry_id: n for n, entry_id in enumerate(store.entry_ids)}
    assert numbers["rare"] in short
    assert numbers["common"] in long
    query = ScreeningQuery("q", "MUHAMMAD AHMAD KARTOREDJO", dt.date(1981, 3, 4), "IDN")
    assert {hit.entry_id for hit in index.screen(query, on=ON)} & {"common", "rare"} == {"rare"}
