"""Transliterations of a Cyrillic name in each system in real use."""

from __future__ import annotations

from powtrace.names import transliterate_as, transliterations


def test_russian_name_in_every_russian_system() -> None:
    out = transliterations("Долгополов Игорь Сергеевич")
    assert out["ru:icao_doc_9303"] == "Dolgopolov Igor Sergeevich"
    assert out["ru:mvd_310"] == "Dolgopolov Igor' Sergeevich"
    assert out["ru:mvd_782"] == "Dolgopolov Igor' Sergeyevich"
    assert out["ru:mvd_310_fr"] == "Dolgopolov Igor Sergueevitch"
    assert out["ru:bgn_pcgn"] == "Dolgopolov Igor’ Sergeyevich"
    assert out["ru:scholarly"] == "Dolgopolov Igorʹ Sergeevič"
    assert out["ru:de_press"] == "Dolgopolow Igor Sergejewitsch"
    assert out["ru:fr_press"] == "Dolgopolov Igor Sergueevitch"
    assert out["ru:en_press"] == "Dolgopolov Igor Sergeevich"
    assert not any(k.startswith("uk:") for k in out)  # Игорь marks the text as Russian


def test_ukrainian_name_in_every_ukrainian_system() -> None:
    out = transliterations("Долгополов Ігор Сергійович")
    assert out["uk:kmu_2010"] == "Dolhopolov Ihor Serhiiovych"
    assert out["uk:passport_2007"] == "Dolgopolov Igor Sergiiovych"
    assert out["uk:bgn_pcgn_1965"] == "Dolhopolov Ihor Serhiyovych"
    assert out["uk:scholarly"] == "Dolhopolov Ihor Serhijovyč"
    assert out["uk:de_press"] == "Dolhopolow Ihor Serhijowytsch"
    assert out["uk:fr_press"] == "Dolhopolov Ihor Serhiyovytch"
    assert not any(k.startswith("ru:") for k in out)


def test_german_press_convention_we_wrote() -> None:
    de = transliterate_as("Евгений Юрьевич Хрущёв Василий Алексеевич Ильич Навальный", "ru")
    assert (
        de["de_press"] == "Jewgeni Jurjewitsch Chruschtschow Wassili Alexejewitsch Iljitsch Nawalny"
    )


def test_upper_case_and_yo_survive_iuliia() -> None:
    out = transliterate_as("ЁЛКИН Фёдор", "ru")
    assert out["icao_doc_9303"] == "ELKIN Fedor"
    assert out["bgn_pcgn"] == "YËLKIN Fëdor"  # iuliia itself leaves a Cyrillic ё here
    assert all("ё" not in v.lower() for v in out.values())


def test_text_without_cyrillic_has_no_transliterations() -> None:
    assert transliterations("Igor Dolgopolov") == {}
    assert transliterations("") == {}
