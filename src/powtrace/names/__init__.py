"""Person names across scripts: detection, parsing, declension, transliteration, match keys.

A leaf package of pure functions; it imports nothing else from powtrace.
"""

from powtrace.names.keys import NameKeys, match_keys, name_keys
from powtrace.names.parse import ParsedName, normalize_person_name, readings
from powtrace.names.script import detect_language, detect_script
from powtrace.names.skeleton import skeleton, skeletons
from powtrace.names.translit import transliterate_as, transliterations
from powtrace.names.variants import given_name_concepts, given_name_variants

__all__ = [
    "NameKeys",
    "ParsedName",
    "detect_language",
    "detect_script",
    "given_name_concepts",
    "given_name_variants",
    "match_keys",
    "name_keys",
    "normalize_person_name",
    "readings",
    "skeleton",
    "skeletons",
    "transliterate_as",
    "transliterations",
]
