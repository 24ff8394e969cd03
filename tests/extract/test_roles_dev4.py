"""Person roles in shapes the dev4 set showed the cues missed: a role word inside a quoted
organisation's name, a title in another case than the name after it, a list of the freed
under a heading that tells the return, a member picked out of a group just returned, a spell
in captivity told as a whole, a plural title over coordinated names, kin after "за словами",
bylines ending in the outlet, camera operators, prosecutors and office staff, a person whose
kin opens the next sentence, a man still held, "вийшов на волю" and a person from a state
office.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import person_named as _person

PUBLISHED = PartialDate.parse("2025-06-10")


def _role(text: str, lang: str, name: str) -> str:
    return _person(extract(text, PUBLISHED, lang), name).role


def test_a_role_word_inside_a_quoted_name_is_the_organisations() -> None:
    text = (
        "Юрист общественного фонда «Солдатские семьи» Вера Лагутина пояснила, что семья "
        "вправе требовать перерасчёта."
    )
    assert _role(text, "ru", "Лагутина") == "lawyer"


def test_a_genitive_title_before_a_dative_name_is_not_his() -> None:
    text = (
        "При содействии аппарата Уполномоченного Степану Ларину восстановили выплаты. "
        "Ларин служил по призыву."
    )
    assert _role(text, "ru", "Ларин") != "official"


def test_a_list_under_a_heading_of_the_returned_is_of_former_prisoners() -> None:
    text = (
        "Вчера из плена вернулись 90 российских военнослужащих. Среди них — двое наших "
        "земляков!\n\nПоимённо:\n\n"
        "• рядовой Ефимов Павел, Ливны — в плену с мая 2024 года\n"
        "• сержант Котов Илья, Мценск\n\nДержитесь, ребята!"
    )
    result = extract(text, PUBLISHED, "ru")
    assert _person(result, "Ефимов").role == "former_pow"
    assert _person(result, "Котов").role == "former_pow"


def test_a_ukrainian_list_headed_by_a_return_verb() -> None:
    text = (
        "Учора з полону звільнили 120 захисників.\n\nПовернулися:\n"
        "🔹 Остап Ярема, 1990 р.н., м. Бурштин — у полоні з березня 2023 року;\n"
        "🔹 Тарас Левчук, 1997 р.н., м. Галич.\n"
    )
    result = extract(text, PUBLISHED, "uk")
    assert _person(result, "Ярема").role == "former_pow"
    assert _person(result, "Левчук").role == "former_pow"


def test_one_of_a_group_just_returned_is_a_former_prisoner() -> None:
    text = (
        "Весной из украинского плена были возвращены двое жителей района. Один из них — "
        "23-летний Глеб Сухов из Ельца. Сейчас он проходит лечение."
    )
    assert _role(text, "ru", "Сухов") == "former_pow"


def test_a_spell_in_captivity_told_as_a_whole_is_over() -> None:
    text = (
        "Адвокат рассказала, что суд обязал часть выплатить довольствие за 11 месяцев плена "
        "бойцу из Липецка Глебу Сухову."
    )
    assert _role(text, "ru", "Сухов") == "former_pow"


def test_a_plural_title_over_coordinated_names_is_each_ones() -> None:
    text = "Консультации провели юристы Олег Ветров и Дарья Клёнова."
    result = extract(text, PUBLISHED, "ru")
    assert _person(result, "Ветров").role == "lawyer"
    assert _person(result, "Клёнова").role == "lawyer"


def test_kin_after_according_to_in_an_apposition_is_his() -> None:
    text = "Остап Ярема, за словами сестри, після допитів майже не спить."
    assert _role(text, "uk", "Ярема") != "relative"


def test_a_byline_ending_in_the_outlet_is_a_journalist() -> None:
    text = (
        "Родини полонених зібралися в Тернополі\n\n"
        "Леся Довгань, «Подільський край»\n12 березня 2025\n\n"
        "У суботу родини полонених зустрілися з представниками громади."
    )
    assert _role(text, "uk", "Довгань") == "journalist"


def test_a_story_credit_and_a_camera_operator_are_journalists() -> None:
    text = (
        "Телеканал «Поділля» | 10.02.2025\nСюжет Олени Ткач, оператор Назар Зубко\n\n"
        "Мати третій місяць шукає сина."
    )
    result = extract(text, PUBLISHED, "uk")
    assert _person(result, "Ткач").role == "journalist"
    assert _person(result, "Зубко").role == "journalist"
    # A drone operator is a soldier.
    drone = "Оператор БпЛА Назар Зубко потрапив у полон під Бахмутом."
    assert _role(drone, "uk", "Зубко") != "journalist"


def test_a_state_prosecutor_is_an_official() -> None:
    text = "Государственный обвинитель Кирилл Ладогин просил для подсудимого восемь лет."
    assert _role(text, "ru", "Ладогин") == "official"


def test_office_staff_named_by_first_name_and_patronymic_is_an_official() -> None:
    text = (
        "В военкомате со мной говорила сотрудница, Алла Сергеевна, очень вежливая, но "
        "сказала только: «Ваш муж в списках, ждите»."
    )
    assert _role(text, "ru", "Алла Сергеевна") == "official"


def test_a_person_whose_kin_opens_the_next_sentence_is_a_relative() -> None:
    text = (
        "Собрание открыла координатор группы Вера Лагутина. Её сын, Павел Лагутин, попал в "
        "плен под Работино."
    )
    assert _role(text, "ru", "Вера Лагутина") == "relative"


def test_a_man_still_in_captivity_is_a_prisoner() -> None:
    text = "Мы служили вместе с Артёмом Фоминым. Фомин до сих пор там, в плену."
    assert _role(text, "ru", "Фомин") == "pow"


def test_who_came_out_free_is_a_former_prisoner() -> None:
    text = (
        "Разом із Тарасом на волю вийшов Остап Ярема, з яким вони провели в одній камері майже рік."
    )
    assert _role(text, "uk", "Ярема") == "former_pow"


def test_a_person_from_a_state_office_is_an_official() -> None:
    text = (
        "Ганна Лозова з Національного інформаційного бюро пояснила, як підтверджують статус "
        "полоненого."
    )
    assert _role(text, "uk", "Лозова") == "official"
