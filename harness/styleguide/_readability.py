"""French syllables and readability scores (Kandel & Moles, LIX, RIX) on spaCy sentences.

textstat is not used: for French it undercounts syllables in hiatus (agréer = 1), splits
sentences at "M." and "caf.fr" and drops sentences of one or two words (see the research notes).

Syllables are spoken syllables: a final mute e is not counted (« page » = 1, « année » = 2).
"""

import re

from harness.styleguide._model import TextMetrics
from harness.text import Analysis

_VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
_GROUP = re.compile(f"[{_VOWELS}]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# In a vowel group, these pairs are two syllables (hiatus): agr-é-er, th-é-âtre, po-ète, na-ïf.
_HIATUS = re.compile("é(?=[aeiouàâéèêîôû])|[aeo](?=[ïü])|o(?=[éèë])|[iu](?=[aâ][^i])")
# i or u followed by a vowel after consonant + l/r is a hiatus: cli-ent, cri-er, tru-and.
_CLUSTER_HIATUS = re.compile(f"(?<=[bcdfgkpstv][lr])[iu](?=[{_VOWELS}])")


def syllables(word: str) -> int:
    """Spoken syllables of one French word (at least 1 for a word with letters)."""
    letters = "".join(_LETTERS.findall(word.casefold()))
    if not letters:
        return 0
    if letters.endswith("es") and len(letters) > 3:
        letters = letters[:-2]
    elif letters.endswith("e") and len(letters) > 2:
        letters = letters[:-1]
    count = 0
    for group in _GROUP.finditer(letters):
        text = group.group()
        count += 1 + len(_HIATUS.findall(text))
        # y between vowels is its own syllable: pa-ys, pa-yer, es-sa-yer.
        count += text.count("y") if text.find("y") > 0 else 0
    count += len(_CLUSTER_HIATUS.findall(letters))
    return max(count, 1)


def measure(analysis: Analysis, long_sentence_words: int) -> TextMetrics:
    """Counts and scores of one analysed text."""
    sentences = analysis.sentences
    word_tokens = analysis.words
    words = len(word_tokens)
    lengths = [sentence.words for sentence in sentences]
    kandel_moles = lix = rix = None
    if words and sentences:
        per_sentence = words / len(sentences)
        letters = ["".join(_LETTERS.findall(token.text)) for token in word_tokens]
        long_words = sum(1 for word in letters if len(word) > 6)
        syllable_count = sum(syllables(word) for word in letters if word) or words
        kandel_moles = round(207 - 1.015 * per_sentence - 73.6 * syllable_count / words, 1)
        lix = round(per_sentence + 100 * long_words / words, 1)
        rix = round(long_words / len(sentences), 2)
    return TextMetrics(
        characters=len(analysis.text),
        words=words,
        sentences=len(sentences),
        paragraphs=len(analysis.paragraphs),
        mean_sentence_words=round(words / len(sentences), 2) if sentences else 0.0,
        max_sentence_words=max(lengths, default=0),
        long_sentences=sum(1 for length in lengths if length > long_sentence_words),
        kandel_moles=kandel_moles,
        lix=lix,
        rix=rix,
    )
