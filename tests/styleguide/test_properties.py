"""Property tests: lint never raises on arbitrary Unicode and its offsets are always valid."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.styleguide import StyleGuide, lint, lint_many

# Characters the checkers react to, so that random texts reach their code paths.
_SPICY = st.text(
    alphabet="ab Tu t'’ ;!…\n\n\t«»\"()CAFMDPH3646 0612@.éÀ-afin de l'usager 😊",
    max_size=200,
)
_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# Any code point, lone surrogates included: a Python string may hold them.
_ANY = st.text(st.characters(exclude_categories=()), max_size=300)


@settings(_SETTINGS, max_examples=100)
@given(st.text(max_size=300) | _SPICY | _ANY)
def test_lint_never_raises_and_offsets_are_valid(guide: StyleGuide, text: str) -> None:
    result = lint(text, guide)
    for violation in result.violations:
        assert 0 <= violation.start <= violation.end <= len(text)
        assert violation.excerpt == text[violation.start : violation.end]
        line, column = violation.line, violation.column
        assert text.count("\n", 0, violation.start) == line - 1
        assert violation.start - (text.rfind("\n", 0, violation.start) + 1) == column - 1
    assert result.metrics.characters == len(text)
    assert result.metrics.sentences <= max(result.metrics.words, 0) or result.metrics.words == 0


@settings(_SETTINGS, max_examples=50)  # each example lints up to five texts, twice
@given(st.lists(_SPICY, max_size=5))
def test_lint_many_matches_lint_one_by_one(guide: StyleGuide, texts: list[str]) -> None:
    assert lint_many(texts, guide) == [lint(text, guide) for text in texts]
