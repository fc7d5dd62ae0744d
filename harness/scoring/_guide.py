"""What the scorers take from the style guide, read lazily so that scoring works without it."""

from functools import lru_cache

from harness.text import fold


@lru_cache(maxsize=1)
def jargon_synonyms() -> tuple[tuple[str, str], ...]:
    """One-word jargon terms and their plain replacements, which convey the same fact."""
    try:
        from harness.styleguide import load_styleguide

        entries = load_styleguide().lexicon("jargon")
    except Exception:  # no style guide: the built-in synonym groups still apply
        return ()
    pairs = []
    for entry in entries:
        term, plain = fold(entry.term.strip()), fold((entry.replacement or "").strip())
        if term.isalpha() and plain.isalpha():
            pairs.append((term, plain))
    return tuple(pairs)


@lru_cache(maxsize=1)
def word_bounds() -> tuple[int, int] | None:
    """The reply length bounds of the style guide's SPP-LEN-01, when it has that rule."""
    try:
        from harness.styleguide import load_styleguide

        params = load_styleguide().rule("SPP-LEN-01").params
        return int(params["min_words"]), int(params["max_words"])
    except Exception:  # no style guide or no such rule: scoring.yaml's bounds apply
        return None
