"""What each criterion's automatic score can and cannot see, in one sentence a product team reads
beside the score (the report shows it under the verdict)."""

SCOPE = {
    "accuracy": (
        "Accuracy sees the key facts a reply conveys or misses, a value that differs from the"
        " facts or appears in none of them, a statement on the case mostly in words the facts"
        " never use (a promise, an action, a priority, an entitlement…), a key fact said the other"
        " way round and a document, benefit or office swapped for another; it misses an invented"
        " statement made of the facts' own words, an error the facts say nothing about, and"
        " whether the facts themselves are right. On replies written after its rules, it caught 50"
        " to 90 % of each kind of defect: it compares models over many replies, it does not"
        " vouch for one reply. It gives no score to an item without facts."
    ),
    "tone": (
        "Tone sees the style guide's rules (jargon, administrative formulas, passive voice,"
        " sentence length, greeting and sign-off) as a reader's checklist; it cannot see warmth,"
        " empathy or whether the reply answers what the citizen is actually worried about."
    ),
    "conciseness": (
        "Conciseness sees the length against the style guide's bounds, filler formulas and"
        " repeated sentences; it cannot see whether a longer reply was needed to be complete."
    ),
    "tone_judge": (
        "The tone judge is a model reading the rubric: it sees meaning the rules miss, but it can"
        " be wrong or drawn to long replies; trust it as far as its canary accuracy goes."
    ),
    "accuracy_judge": (
        "The accuracy judge is a model reading the rubric: it sees meaning the lexicons miss, but"
        " it can overlook a changed value; trust it as far as its canary accuracy goes."
    ),
}
"""Criterion to what its automatic score can and cannot see."""
