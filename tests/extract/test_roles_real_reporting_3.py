"""Person roles in more shapes real Russian and Ukrainian reporting gives them: title words in
cases and forms the cues missed ("главой", "Головнокомандувач", "племянника", "танкиста"), a
"мужчина" that is no husband, group words inside an official's title, a list of persons each
with a title, cues in another clause than the name, a given name and patronymic told before
someone named in full, and soldiers whose sentence speaks of captivity.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import person_named as _person
from .support import role_of as _role

PUBLISHED = PartialDate.parse("2025-06-10")


def test_a_man_is_not_a_husband() -> None:
    text = (
        "На видео мужчина, представившийся как Игорь Сомов, говорит, что служит в "
        "мотострелковой бригаде."
    )
    assert _role(extract(text, PUBLISHED, "ru"), "Сомов") != "relative"


def test_a_head_in_the_instrumental_is_an_official() -> None:
    text = "В Женеве делегация встретилась с главой фонда Ольгой Сидоренко."
    assert _role(extract(text, PUBLISHED, "ru"), "Сидоренко") == "official"


def test_a_commander_in_chief_is_an_official() -> None:
    text = "Про це повідомив Головнокомандувач ЗСУ Остап Гребенюк на своїй сторінці."
    assert _role(extract(text, PUBLISHED, "uk"), "Гребенюк") == "official"


def test_a_nephew_sought_as_missing_is_the_missing_soldier() -> None:
    text = "«Ищу племянника, Сомов Игорь Петрович, без вести пропал в мае под Волчанском»."
    assert _role(extract(text, PUBLISHED, "ru"), "Сомов") == "missing_soldier"


def test_a_tank_crewman_sentenced_is_a_prisoner() -> None:
    text = "Суд приговорил российского танкиста Игоря Сомова к 12 годам заключения."
    assert _role(extract(text, PUBLISHED, "ru"), "Сомов") == "pow"


def test_the_missing_inside_an_officials_title_do_not_make_him_missing() -> None:
    text = "Про це повідомив уповноважений з питань зниклих безвісти Остап Гребенюк."
    assert _role(extract(text, PUBLISHED, "uk"), "Гребенюк") == "official"


def test_a_title_before_the_next_name_in_a_list_is_not_the_first_ones() -> None:
    text = "Среди тех, кто пришёл на марш, — ветеран Олег Сомов, журналистка Анна Круглова."
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Сомов") != "journalist"
    assert _role(result, "Круглова") == "journalist"


def test_a_kinship_noun_in_another_clause_does_not_describe_the_name() -> None:
    text = (
        "Начались тревожные дни для матери бойца, так как связь с Олегом Сомовым пропала. "
        "Сомов считается пропавшим без вести."
    )
    assert _role(extract(text, PUBLISHED, "ru"), "Сомов") == "missing_soldier"


def test_a_lawyer_before_a_finite_verb_is_not_the_name_after_it() -> None:
    text = "За даними адвоката, суд розглядатиме скаргу Остапа Гребенюка наступного тижня."
    assert _role(extract(text, PUBLISHED, "uk"), "Гребенюк") != "lawyer"


def test_a_given_name_and_patronymic_told_first_is_someone_else() -> None:
    text = (
        "Мама бойца Елена Викторовна обратилась в комитет. "
        "«Он не выходит на связь с июля», — рассказала Елена Викторовна. "
        "Позже подключилась руководитель комитета Елена Сомова."
    )
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Сомова") == "official"


def test_a_soldier_sought_in_captivity_is_a_prisoner() -> None:
    text = "Дружина захисника Остапа Гребенюка шукає його в російському полоні."
    assert _role(extract(text, PUBLISHED, "uk"), "Гребенюк") == "pow"


def test_a_nationality_far_after_the_name_does_not_give_the_side() -> None:
    text = (
        "Остап Гребенюк в інтерв'ю місцевому радіо розповів, які методи катування "
        "застосовують росіяни."
    )
    assert _person(extract(text, PUBLISHED, "uk"), "Гребенюк").side != "russia"
