"""Korean particles that follow a word: 을/를, 이/가, 은/는, 과/와, 으로/로.

Which one is right depends on whether the word's last syllable ends in a consonant
(받침); for 으로/로 a final ㄹ takes 로. A word that does not end in Hangul (a number, a
Latin abbreviation) is read by its last character: digits by their Korean reading.
"""

import re

from django.utils.translation import get_language

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
RIEUL = 8  # the index of ㄹ among final consonants
# Whether each digit's Korean reading (영, 일, 이, 삼 …) ends in a consonant, and in ㄹ.
DIGIT_FINALS = {"0": 21, "1": RIEUL, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": RIEUL, "8": RIEUL, "9": 0}
PAIRS = {"을/를": ("을", "를"), "이/가": ("이", "가"), "은/는": ("은", "는"), "과/와": ("과", "와")}


def final_consonant(word: str) -> int:
    """The index of the last syllable's final consonant (0 when it ends in a vowel). A
    trailing aside in brackets — "검토 의견(내부)" — does not count: the particle follows
    the word before it."""
    text = re.sub(r"(\s*[(\[][^()\[\]]*[)\]])+$", "", word.strip()).rstrip(" \"'’”")
    if not text:
        return 0
    last = text[-1]
    if last in DIGIT_FINALS:
        return DIGIT_FINALS[last]
    code = ord(last)
    if HANGUL_FIRST <= code <= HANGUL_LAST:
        return (code - HANGUL_FIRST) % 28
    return 0


def particle(word: str, pair: str) -> str:
    """The particle of ``pair`` ("을/를", "이/가", "은/는", "과/와", "으로/로") for ``word``."""
    final = final_consonant(word)
    if pair == "으로/로":
        return "으로" if final and final != RIEUL else "로"
    with_final, without_final = PAIRS[pair]
    return with_final if final else without_final


def with_particle(word, pair: str) -> str:
    """``word`` with its particle, in Korean; in another language the word alone (the
    sentence around it is translated without particles)."""
    word = str(word)
    language = get_language() or "ko"
    return f"{word}{particle(word, pair)}" if language.startswith("ko") else word
