"""Round 7, Russian leftovers of dev5: general causes, each on invented sentences (ru, and uk
where the same construction exists)."""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, named_persons, person_named, role_of

PUB = PartialDate.parse("2025-10-01")


def _ru(text: str):
    return extract(text, PUB, "ru")


def _uk(text: str):
    return extract(text, PUB, "uk")


# 1. "нас с X и Y поменяли": the narrator and each one named.


def test_us_with_named_comrades_each_exchanged_ru() -> None:
    r = _ru(
        "Игорю 31 год, он из Омска. Меня взяли в плен под Авдеевкой. "
        "Первые сутки нас с Серёгой держали в подвале. В мае нас с Серёгой и Пашей поменяли."
    )
    for name in ("Игорь", "Серёга", "Паша"):
        assert events_of(r, name, "exchanged"), name
    assert events_of(r, "Игорь", "interned") and events_of(r, "Серёга", "interned")


def test_us_with_named_comrades_each_exchanged_uk() -> None:
    r = _uk(
        "Остапу 31 рік, він з Рівного. Мене взяли в полон під Бахмутом. "
        "Перші дні нас із Сашком тримали в підвалі. У травні нас із Сашком і Тарасом обміняли."
    )
    for name in ("Остап", "Сашко", "Тарас"):
        assert events_of(r, name, "exchanged"), name
    assert events_of(r, "Остап", "interned") and events_of(r, "Сашко", "interned")


# 2. A call sign right after a given name is his variant, not a person of its own.


def test_call_sign_after_given_name_with_preposition_ru() -> None:
    r = _ru(
        "Со мной был Серёга с позывным «Бурый», пулемётчик из Омска. "
        "Потом Серёгу обменяли. «Бурый» погиб в сентябре."
    )
    assert named_persons(r) == ["Серёга"]
    assert "Бурый" in person_named(r, "Серёга").variants
    assert events_of(r, "Серёга", "killed")


def test_call_sign_in_quotes_right_after_given_name_ru() -> None:
    r = _ru("Со мной был Серёга «Бурый», пулемётчик из Омска. Потом Серёгу обменяли.")
    assert named_persons(r) == ["Серёга"]
    assert "Бурый" in person_named(r, "Серёга").variants


def test_call_sign_in_quotes_right_after_given_name_uk() -> None:
    r = _uk("Зі мною був Сашко «Грім», кулеметник із Ковеля. Потім Сашка обміняли.")
    assert named_persons(r) == ["Сашко"]
    assert "Грім" in person_named(r, "Сашко").variants


def test_call_sign_after_a_possessor_is_not_his() -> None:
    # "побратим Дениса з позивним «…»": the comrade's call sign, not Денис's
    r = _uk(
        "Солдат Денис Ковальчук зник під Бахмутом. Пізніше побратим Дениса з позивним «Кіт» "
        "розповів, що бачив його в полоні."
    )
    assert "Кіт" not in person_named(r, "Ковальчук").variants


# 3. "один следователь, представился Виктором Павловичем": the title reaches the name.


def test_title_reaches_name_across_introduced_himself_ru() -> None:
    r = _ru(
        "Игорю 31 год. После обмена меня три недели проверяли. Со мной говорил один "
        "следователь, представился Виктором Павловичем. Он спрашивал про плен."
    )
    assert role_of(r, "Виктор Павлович") == "official"


def test_title_reaches_name_across_introduced_himself_uk() -> None:
    r = _uk(
        "Остапу 31 рік. Після обміну мене три тижні перевіряли. Зі мною працював слідчий, "
        "який назвався Віктором Павловичем. Він питав про полон."
    )
    assert role_of(r, "Віктор Павлович") == "official"


# 4. A pronoun after "the n-th defendant" is the n-th person named later, not the first.


def test_pronoun_after_ordinal_defendant_is_the_nth_named() -> None:
    r = _ru(
        "Военный суд в Чите приговорил двух бывших пленных к срокам за сдачу в плен. Дело "
        "третьего обвиняемого выделено: после возвращения его снова отправили на передовую. "
        "Как следует из материалов, рядовой Олег Ветров, ефрейтор Денис Крылов и сержант Антон "
        "Зимин служили в одном батальоне."
    )
    assert events_of(r, "Зимин", "redeployed_combat")
    assert not events_of(r, "Ветров", "redeployed_combat")


# 5. An ICRC confirmation told with the verb before its subject.


def test_icrc_confirms_verb_first_ru() -> None:
    r = _ru(
        "Рядовой Иван Гуменюк пропал без вести под Купянском. Весной его нахождение в плену "
        "подтвердил Международный комитет Красного Креста."
    )
    assert events_of(r, "Гуменюк", "registered_icrc")


def test_icrc_confirms_after_another_subject_ru() -> None:
    r = _ru(
        "Рядовой Иван Гуменюк пропал без вести под Купянском. Его взяли в плен в июле — это "
        "подтвердили и украинская сторона, и МККК."
    )
    assert events_of(r, "Гуменюк", "registered_icrc")


def test_icrc_confirms_verb_first_uk() -> None:
    r = _uk(
        "Рядовий Іван Гуменюк зник безвісти під Куп’янськом. Лише влітку його перебування в "
        "полоні підтвердив Міжнародний комітет Червоного Хреста."
    )
    assert events_of(r, "Гуменюк", "registered_icrc")


def test_their_captivity_is_the_two_named_in_the_sentence() -> None:
    r = _ru(
        "Домой вернулись Олег Ветров, Денис Крылов, Антон Зимин и Пётр Орлов. О судьбе Зимина и "
        "Орлова родные долго не знали, и лишь весной их нахождение в плену подтвердил МККК."
    )
    assert events_of(r, "Зимин", "registered_icrc") and events_of(r, "Орлов", "registered_icrc")
    assert not events_of(r, "Ветров", "registered_icrc")


# 6. Family roles.


def test_man_named_as_someones_husband_keeps_his_events_ru() -> None:
    r = _ru(
        "Даже возвращение не решает всё. Тимур, муж Дианы из Казани, провёл в плену полгода и "
        "вернулся по обмену в марте. «Мужу ничего не заплатили», — говорит Диана."
    )
    assert role_of(r, "Тимур") == "former_pow"
    assert role_of(r, "Диана") == "relative"
    assert not events_of(r, "Диана", "exchanged")


def test_man_named_as_someones_husband_keeps_his_events_uk() -> None:
    r = _uk(
        "Навіть повернення не розв’язує всього. Тарас, чоловік Ганни з Полтави, провів у полоні "
        "пів року й повернувся під час обміну в березні. «Чоловікові нічого не заплатили», — "
        "каже Ганна."
    )
    assert role_of(r, "Тарас") == "former_pow"
    assert role_of(r, "Ганна") == "relative"


def test_quote_over_two_sentences_is_the_speaker_named_after_it() -> None:
    r = _ru(
        "У Веры Лыковой из Тулы всё сложнее. Её сына Матвея взяли в плен в мае под Купянском.\n\n"
        "«Мой сын сидит в лагере. Я отвезла в часть письмо, а там только развели руками», — "
        "говорит Лыкова."
    )
    assert role_of(r, "Лыкова") == "relative"
    assert role_of(r, "Матвей") == "pow"


def test_me_told_a_quote_stays_the_narrator() -> None:
    # "Она мне говорит: «…»": the quoted "you" is hers to say; the "me" who is told stays the
    # interviewee, and the next answer is not the friend's testimony.
    r = _ru(
        "Галине Петровне Рыковой 52 года, она работает учительницей в Туле.\n\n"
        "— Как вы держитесь?\n\n"
        "— У нас есть чат. Я подружилась с Ниной из Орла. Она мне говорит: «Тебе хотя бы есть "
        "кого ждать». Мне от этих слов страшно.\n\n"
        "— Чего вы боитесь?\n\n"
        "— В нашем чате пишут, что ребят после обмена отправляют обратно на фронт."
    )
    assert role_of(r, "Нина") != "former_pow"
    assert not events_of(r, "Нина", "exchanged")


def test_order_about_a_capture_is_no_capture() -> None:
    r = _ru(
        "Рядовой Иван Гуменюк пропал без вести. Его мать дозвонилась до подполковника Громова. "
        "Подполковник Громов сказал, что пока нет приказа о пленении."
    )
    assert not events_of(r, "Громов", "captured")
