"""The independent evaluation's rules for how a passport's name differs from the list's."""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections.abc import Callable
from typing import Any

from gerbang.documents.names import compose_name, split_name
from gerbang.screening.evaluation.independent_names import ALTERNATE_FORMS, MALAY_MALE, TITLES

# One rule: the passport words so far and the listed person -> new words, a raw field, or None.
Rule = Callable[[random.Random, list[str], Any], "list[str] | str | None"]
# Name field widths: passports (TD3) and identity cards or residence permits (TD1).
_NAME_WIDTHS = (39, 30)
_OLD = (
    (r"U", "OE"),
    (r"(?<!D)J", "DJ"),
    (r"Y(?=[AEIOU])", "J"),
    (r"C", "TJ"),
    (r"KH", "CH"),
    (r"SY", "SJ"),
    (r"NY", "NJ"),
)
_NEW = (("OE", "U"), ("DJ", "J"), ("TJ", "C"), ("SJ", "SY"), ("NJ", "NY"), ("CH", "KH"))


def old_indonesian(word: str) -> str:
    """Return a word in pre-1972 spelling (this evaluation's own reading of the reforms)."""
    text = word
    for new, old in _OLD:
        text = re.sub(new, old.lower(), text)
    return text.upper()


def new_indonesian(word: str) -> str:
    """Return a word in today's spelling."""
    text = word
    for old, new in _NEW:
        text = text.replace(old, new)
    return re.sub(r"J(?=[AEIOU])", "Y", text) if "DJ" not in word else text


def plain(text: str) -> str:
    """Return letters with diacritics dropped (MÜLLER → MULLER), not spelled out as ICAO does."""
    decomposed = unicodedata.normalize("NFKD", text.replace("Ø", "O").replace("ø", "o"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def _typo(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    long_words = [i for i, word in enumerate(words) if len(word) >= 4]
    if not long_words:
        return None
    at = rng.choice(long_words)
    word = words[at]
    position = rng.randrange(len(word))
    kind = rng.choice(("change", "drop", "add", "swap"))
    if kind == "change":
        changed = word[:position] + rng.choice(string.ascii_uppercase) + word[position + 1 :]
    elif kind == "drop":
        changed = word[:position] + word[position + 1 :]
    elif kind == "add":
        changed = word[:position] + rng.choice(string.ascii_uppercase) + word[position:]
    else:
        position = min(position, len(word) - 2)
        changed = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return None if changed == word else [*words[:at], changed, *words[at + 1 :]]


def _father_added(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    if listed.with_father or listed.person.tradition not in {"malay", "javanese", "sundanese"}:
        return None
    father = listed.person.father or rng.choice(MALAY_MALE)
    particle = rng.choice(("BINTI", "BT") if listed.person.female else ("BIN", "B"))
    return [*words, particle, father]


def _father_dropped(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    for particle in ("BIN", "BINTI"):
        if particle in words:
            return words[: words.index(particle)]
    return None


def _mrz_cut(rng: random.Random, words: list[str], listed: Any) -> str | None:
    person = listed.person
    count = len(person.family) or 1
    surname, given = " ".join(words[-count:]), " ".join(words[:-count])
    if person.tradition in {"malay", "javanese"} and len(words) > 1:
        # Indonesian passports of people without a family name put the whole name in one identifier.
        surname, given = " ".join(words), ""
    field, cut = compose_name(surname, given, rng.choice(_NAME_WIDTHS))
    if not cut:
        return None
    if rng.random() < 0.5:
        return field
    primary, secondary = split_name(field)
    return f"{secondary} {primary}".strip()


def _middle_dropped(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    if len(words) < 3:
        return None
    at = rng.randrange(1, len(words) - 1)
    return None if words[at] in ("BIN", "BINTI") else words[:at] + words[at + 1 :]


def _extra_given(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    extra = rng.choice(("NUR", "SRI", "MUHAMMAD", "PUTRI", "AHMAD", "MARIA", "JOHANNES", "DEWI"))
    return None if extra in words else ([extra, *words] if rng.random() < 0.7 else [*words, extra])


def _mononym(rng: random.Random, words: list[str], listed: Any) -> list[str] | str | None:
    if len(words) != 1:
        return None
    word = words[0]
    return rng.choice(([word, word], f"<<{word}", f"{word}<<{word}", f"{word}<<", [word]))


def _alternate(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    options = [i for i, word in enumerate(words) if word in ALTERNATE_FORMS]
    if not options:
        return None
    at = rng.choice(options)
    return [*words[:at], rng.choice(ALTERNATE_FORMS[words[at]]), *words[at + 1 :]]


def _spelling(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    if listed.person.tradition not in {"javanese", "sundanese", "malay"}:
        return None
    changed = [new_indonesian(w) if listed.old else old_indonesian(w) for w in words]
    return None if changed == words else changed


def _title(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    if listed.with_title:
        return words
    return [rng.choice(TITLES), *words]


def _abbreviated(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    if "MUHAMMAD" not in words:
        return None
    at = words.index("MUHAMMAD")
    return [*words[:at], rng.choice(("M", "MUH", "MOH", "MOHD", "MHD", "MUHD")), *words[at + 1 :]]


def _diacritics(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    raw = listed.entry.names[0].split()
    if all(word.isascii() for word in raw):
        return None
    return [plain(word) for word in raw]


def _joined(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    if len(words) < 2:
        return None
    at = rng.randrange(len(words) - 1)
    if words[at] in ("BIN", "BINTI") or words[at + 1] in ("BIN", "BINTI"):
        return None
    return [*words[:at], words[at] + words[at + 1], *words[at + 2 :]]


def _order(rng: random.Random, words: list[str], listed: Any) -> list[str] | None:
    if len(words) < 2:
        return None
    return [words[-1] + ",", *words[:-1]] if rng.random() < 0.5 else words[::-1]


SINGLE_RULES: dict[str, Rule] = {
    "exact": lambda rng, words, listed: words,
    "typo": _typo,
    "father-added": _father_added,
    "father-dropped": _father_dropped,
    "mrz-cut": _mrz_cut,
    "middle-dropped": _middle_dropped,
    "extra-given-name": _extra_given,
    "mononym": _mononym,
    "other-form": _alternate,
    "old-new-spelling": _spelling,
    "title": _title,
    "muhammad-abbreviated": _abbreviated,
    "diacritics-plain": _diacritics,
    "joined-or-split": _joined,
    "order-swapped": _order,
}
