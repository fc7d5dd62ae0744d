"""The style guide rendered for people: Markdown, by category, with rationale, examples, sources."""

from harness.styleguide._load import RULES_FILE, StyleGuide
from harness.styleguide._model import CATEGORIES, Category, Severity

CATEGORY_TITLES: dict[Category, str] = {  # in French, for writers
    "structure": "Structure",
    "length": "Longueur",
    "lexicon": "Vocabulaire",
    "syntax": "Syntaxe",
    "tone": "Ton",
    "commitment": "Engagements",
    "privacy": "Données personnelles",
    "readability": "Lisibilité",
}
SEVERITY_TITLES: dict[Severity, str] = {
    "error": "erreur (bloquante)",
    "warning": "avertissement",
    "info": "information",
}


def render_guide(guide: StyleGuide) -> str:
    """The Markdown guide (``styleguide/GUIDE.md``) for a loaded style guide."""
    out = [
        f"# {guide.title}",
        "",
        f"Version {guide.version} · empreinte `{guide.sha256[:12]}`",
        "",
        f"> Ce fichier est généré par `plume styleguide docs` à partir de `{RULES_FILE}` et de"
        " `lexicons/`. Ne le modifiez pas à la main : modifiez les règles, puis régénérez-le.",
        "",
        "## Sommaire",
        "",
    ]
    present = [c for c in CATEGORIES if any(rule.category == c for rule in guide.rules)]
    for category in present:
        out.append(f"- **{CATEGORY_TITLES[category]}**")
        for rule in guide.rules:
            if rule.category == category:
                out.append(f"  - {rule.id} — {rule.title}")
    out += ["- **Lexiques**", "- **Historique des versions**", ""]
    for category in present:
        out += [f"## {CATEGORY_TITLES[category]}", ""]
        for rule in guide.rules:
            if rule.category != category:
                continue
            out += [
                f"### {rule.id} — {rule.title}",
                "",
                f"- Gravité : {SEVERITY_TITLES[rule.severity]}",
                f"- Vérification : {guide.checker(rule.id).describe()}",
                f"- Source : {rule.source}",
                "",
                rule.rationale,
                "",
                "À éviter :",
                "",
                *[f"- ❌ {_one_line(text)}" for text in rule.examples.bad],
                "",
                "À préférer :",
                "",
                *[f"- ✅ {_one_line(text)}" for text in rule.examples.good],
                "",
            ]
    out += ["## Lexiques", ""]
    for name in guide.lexicon_names:
        entries = guide.lexicon(name)
        out += [
            f"### {name} ({len(entries)} entrée{'s' if len(entries) > 1 else ''})",
            "",
            "| Terme | À la place | Consigne | Source | Note |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {_cell(e.term)} | {_cell(e.replacement)} | {_cell(e.instruction)}"
            f" | {_cell(e.source)} | {_cell(e.note)} |"
            for e in entries
        ]
        out.append("")
    out += ["## Historique des versions", ""]
    for entry in guide.changelog:
        out += [f"### {entry.version} — {entry.date}", "", *[f"- {c}" for c in entry.changes], ""]
    return "\n".join(out)


def _one_line(text: str) -> str:
    return " ⏎ ".join(_escape(line) for line in text.splitlines() if line.strip())


def _cell(text: str | None) -> str:
    return _escape(text).replace("|", "\\|") if text else ""


def _escape(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_")
