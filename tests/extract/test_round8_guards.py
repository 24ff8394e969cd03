"""Guards on rules of the eighth round (invented sentences): "one of the fighters" right after
two named men is one of them, and a counted plural with a participle is no one person."""

from __future__ import annotations

from powtrace.extract.pipeline import extract


def test_one_of_the_fighters_after_two_named_men_is_no_new_person() -> None:
    text = (
        "Тіла Остапа Гуменюка й Лева Дячука повернули під час репатріації; одного з бійців "
        "рідні впізнали за шрамом на руці."
    )
    result = extract(text, None, "uk")
    assert not [p for p in result.persons if p.unnamed]


def test_one_of_the_fighters_alone_is_a_person() -> None:
    text = "Одного з полонених бійців перевезли до Таганрога в березні."
    result = extract(text, None, "uk")
    assert [p for p in result.persons if p.unnamed]


def test_a_counted_plural_with_a_participle_is_no_person() -> None:
    text = (
        "С весны военный суд вынес приговоры не менее чем 120 украинским военнопленным, "
        "взятым под Суджей."
    )
    result = extract(text, None, "ru")
    assert not [p for p in result.persons if p.unnamed]


def test_an_introduction_in_any_case_before_a_lowercase_word_does_not_crash() -> None:
    # The introduction's words ignore case; the name itself must be capitalised.
    assert [p.name for p in extract("Його звуть тарас, йому 27 років.", None, "uk").persons] == []
    assert [p.name for p in extract("ЙОГО ЗВУТЬ Остап.", None, "uk").persons] == ["Остап"]


def test_a_name_after_an_introduction_may_be_followed_by_a_lowercase_word() -> None:
    text = "Його звуть Остап і він служив у 24-й бригаді."
    assert [p.name for p in extract(text, None, "uk").persons] == ["Остап"]
