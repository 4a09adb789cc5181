"""Known equivalences score near the same letters; unexplained differences score far lower."""

from __future__ import annotations

from gerbang.screening.normalize import Word, make_word, normalize_name
from gerbang.screening.scoring import agree, compare_words


def _flat(word: Word) -> float:
    return 1.0


def _score(query: str, listed: str, *, truncated: bool = False) -> float:
    return agree(normalize_name(query).words, normalize_name(listed).words, _flat, truncated=truncated).score


def test_reform_variant_scores_far_above_one_letter_change() -> None:
    reform = compare_words(make_word("SALIM"), make_word("SALIM"), last_of_truncated=False)
    assert reform == ("exact", 1.0)
    assert compare_words(make_word("SOEHARTO"), make_word("SUHARTO"), last_of_truncated=False) == (
        "reform",
        0.97,
    )
    first_letter = compare_words(make_word("HALIM"), make_word("SALIM"), last_of_truncated=False)
    assert first_letter is not None
    assert first_letter[0] == "typo"
    assert first_letter[1] < 0.7
    slip = compare_words(make_word("SALIN"), make_word("SALIM"), last_of_truncated=False)
    assert slip is not None
    assert slip[0] == "typo"
    assert slip[1] < 0.9


def test_word_order_does_not_matter() -> None:
    assert _score("WIDODO JOKO", "JOKO WIDODO") == 1.0


def test_missing_listed_word_costs_less_than_an_extra_traveller_word() -> None:
    assert _score("JOKO WIDODO", "JOKO WIDODO SAPUTRA") > _score("JOKO WIDODO SAPUTRA", "JOKO WIDODO")


def test_prefix_counts_only_for_a_truncated_name() -> None:
    assert _score("JOKO WIDO", "JOKO WIDODO", truncated=True) > 0.9
    assert _score("JOKO WIDO", "JOKO WIDODO") < 0.8


def test_joined_word_meets_its_parts() -> None:
    assert _score("SRIWAHYUNI LESTARI", "SRI WAHYUNI LESTARI") > 0.9


def test_rare_words_weigh_more() -> None:
    def rarity(word: Word) -> float:
        return 1.0 if word.key == "AGUS" else 5.0

    listed = normalize_name("AGUS SALIM").words
    common_differs = agree(normalize_name("AGIS SALIM").words, listed, rarity, truncated=False).score
    rare_differs = agree(normalize_name("AGUS HALIM").words, listed, rarity, truncated=False).score
    assert common_differs > rare_differs
