"""Names fold to comparable words: reforms, transliterations, families, titles, particles."""

from __future__ import annotations

import pytest

from gerbang.screening.normalize import fold, normalize_name, readings


def _keys(raw: str) -> list[str]:
    return [word.key for word in normalize_name(raw).words]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("SOEHARTO", "SUHARTO"),
        ("DJOKO", "JOKO"),
        ("TJAHJO", "CAHYO"),
        ("JUSUF", "YUSUF"),
        ("NJOMAN", "NYOMAN"),
        ("SJAHRIR", "SYAHRIR"),
        ("ACHIR", "AKHIR"),
        ("ABDURRAHMAN", "ABDULRAHMAN"),
        ("FATIMAH", "FATIMA"),
    ],
)
def test_spelling_reforms_fold_both_ways(old: str, new: str) -> None:
    assert fold(old) == fold(new)


def test_ambiguous_spellings_keep_every_reading() -> None:
    assert set(readings("PRASETJO")) >= {fold("PRASETYO"), fold("PRASECO")}
    assert fold("GOSSMANN") in readings("GOESSMANN")


def test_muhammad_family_shares_one_key() -> None:
    variants = ["MUHAMMAD", "MOCHAMAD", "MOCH.", "M.", "MOHD", "MOHAMMED", "MUH"]
    assert {_keys(f"{variant} YUSUF")[0] for variant in variants} == {_keys("MUHAMMAD YUSUF")[0]}


def test_titles_degrees_and_particles_are_dropped() -> None:
    assert _keys("H. Drs. Ahmad Dahlan, S.H., M.M.") == _keys("AHMAD DAHLAN")
    assert _keys("Siti Aminah binti Hasan") == _keys("SITI AMINAH HASAN")


def test_a_name_made_only_of_a_title_is_kept() -> None:
    assert [word.surface for word in normalize_name("HAJI").words] == ["HAJI"]


def test_nobility_and_birth_order_names_are_kept_but_marked() -> None:
    words = normalize_name("I Wayan Sudarma").words
    assert [word.low_information for word in words] == [True, True, False]


def test_mrz_fillers_and_diacritics_read_as_words() -> None:
    assert _keys("MUELLER<<HANS<<<<<<") == _keys("Müller, Hans")


def test_abdul_is_joined_to_the_next_word() -> None:
    assert _keys("Abdul Rahman Wahid") == _keys("ABDURRAHMAN WAHID")


def test_repeated_words_count_once() -> None:
    assert _keys("SUKARNO SUKARNO") == ["SUKARNO"]


def test_field_used_to_its_end_is_truncated_and_a_cut_particle_dropped() -> None:
    name = normalize_name("SHOLEH<<SULAIMAN<ANWAR<KHOIRUL<YUSUF<BI")
    assert name.truncated
    assert name.words[-1].surface == "YUSUF"
    assert not normalize_name("MUELLER<<HANS<<<<<<<<<<<<<<<<<<<<<<<<<<").truncated


def test_unreadable_script_gives_no_words() -> None:
    assert normalize_name("محمد يوسف").words == ()


def test_an_article_written_onto_a_name_also_reads_without_it() -> None:
    glued = normalize_name("HUSSEIN ALAHMAD").words[1]
    assert fold("AHMAD") in glued.forms
    assert glued.surface == "ALAHMAD"
    # Short words that begin like the article are names of their own.
    assert normalize_name("ALAM").words[0].forms == (fold("ALAM"),)
