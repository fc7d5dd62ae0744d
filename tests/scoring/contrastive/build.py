"""Builds pairs.jsonl and paraphrases.jsonl from the gold set: each agent's reply, and a twin with
exactly one defect written into it as an agent would slip (a sentence added, a fact negated, a
value or a named thing swapped), plus a faithful rewording of each reply.

Run from the repository root: ``.venv/bin/python tests/scoring/contrastive/build.py``. The output
is committed; this script only records how it was made. Items whose position in the gold set is
3 modulo 4 form the held-out part: their sentences come from separate pools, written apart and
never used while tuning the scorer.
"""

import json
import re
from pathlib import Path

from harness.gold import GoldItem
from harness.scoring import extract_specifics
from harness.scoring._specifics import sources_of
from harness.text import Analysis, analyse

HERE = Path(__file__).parent
GOLD = HERE.parents[2] / "gold" / "services-publics-plus.jsonl"

# (sentence, stem that must be absent from the item's context for the claim to be unsupported)
CLAIMS = {
    "dev": [
        ("Nous avons demandé que votre dossier soit traité en priorité.", "priorit"),
        ("La régularisation se fera automatiquement, sans démarche de votre part.", "automati"),
        ("Un conseiller vous rappellera dans les prochains jours pour faire le point.", "rappel"),
        ("Pour ce désagrément, vous recevrez une indemnisation.", "indemn"),
        ("Vous aurez droit à un dédommagement pour ce retard.", "dedommag"),
        ("À titre exceptionnel, votre demande sera acceptée en l'état.", "exception"),
        ("Aucune pénalité ne vous sera appliquée.", "penalit"),
    ],
    "heldout": [
        ("Votre dossier est désormais traité en urgence.", "urgen"),
        ("Le versement se fera automatiquement dès la fin du mois.", "automati"),
        ("Une personne de notre service vous rappellera pour convenir de la suite.", "rappel"),
        ("Nous vous accorderons un dédommagement pour le temps perdu.", "dedommag"),
        ("Par dérogation, nous acceptons votre demande même incomplète.", "derog"),
        ("Nous vous garantissons une réponse favorable.", "garant"),
        ("Les majorations de retard seront annulées.", "majoration"),
    ],
}
NUMBERS = {
    "dev": [
        "Vous recevrez notre réponse sous 48 heures.",
        "Un remboursement de 150 € vous sera versé.",
        "Un rendez-vous vous est réservé le 14 mars à 10h.",
        "Vous pouvez aussi joindre directement votre conseiller au 01 45 67 89 12.",
    ],
    "heldout": [
        "Nous vous verserons 85 € pour compenser ce retard.",
        "Votre dossier sera clos sous 10 jours.",
        "Vous pouvez aussi nous joindre au 09 72 10 20 30.",
        "Nous vous recevrons le 2 juin à 14h30.",
    ],
}
CITIZEN = {
    "dev": {
        "amount": "Nous vous verserons les {v} que vous attendez.",
        "date": "Votre premier paiement arrivera le {v}.",
        "delay": "Votre situation sera réglée d'ici {v}.",
    },
    "heldout": {
        "amount": "Vous toucherez bien les {v} dont vous parlez.",
        "date": "Le versement sera effectué le {v}.",
        "delay": "Nous traiterons votre dossier sous {v}.",
    },
}
# Swapped things: a document, benefit, office, person or channel replaced by another of its kind.
SWAPS = {
    "dev": {
        "avis d'imposition": "relevé d'identité bancaire",
        "attestation de loyer": "quittance de loyer",
        "attestation de salaire": "bulletin de salaire",
        "acte de décès": "acte de naissance",
        "carte Vitale": "carte d'identité",
        "photo d'identité": "justificatif de domicile",
        "propriétaire": "employeur",
        "bailleur": "notaire",
        "employeur": "médecin",
        "prime d'activité": "allocation logement",
        "pension de réversion": "pension d'invalidité",
        "indemnités journalières": "allocations familiales",
        "compte ameli": "espace particulier",
        "espace Mon Compte": "espace particulier",
        "espace personnel": "messagerie sécurisée",
        "préfecture": "mairie",
        "France Services": "mairie",
        "permis de conduire": "passeport",
        "carte grise": "carte d'identité",
        "passeport": "permis de conduire",
        "déclaration de revenus": "déclaration trimestrielle de ressources",
    },
    "heldout": {
        "avis d'imposition": "justificatif de domicile",
        "attestation de salaire": "contrat de travail",
        "acte de décès": "livret de famille",
        "carte Vitale": "attestation de droits",
        "propriétaire": "banque",
        "employeur": "comptable",
        "prime d'activité": "RSA",
        "pension de réversion": "retraite complémentaire",
        "compte ameli": "espace Mon Compte",
        "espace personnel": "lettre recommandée",
        "préfecture": "sous-préfecture",
        "France Services": "Caf",
        "carte grise": "permis de conduire",
        "passeport": "titre de séjour",
        "mairie": "préfecture",
    },
}
ANTONYMS = [
    ("incomplet", "complet"),
    ("incomplète", "complète"),
    ("complet", "incomplet"),
    ("complète", "incomplète"),
    ("accepté", "refusé"),
    ("acceptée", "refusée"),
    ("accordé", "refusé"),
    ("gratuite", "payante"),
    ("gratuites", "payantes"),
    ("gratuit", "payant"),
    ("gratuitement", "contre paiement"),
    ("possible", "impossible"),
    ("obligatoire", "facultatif"),
    ("ouvert", "fermé"),
]
PARAPHRASES = [
    (r"\bMerci pour votre message\.", "Nous vous remercions de nous avoir écrit."),
    (r"\bMerci pour votre question\.", "Nous vous remercions pour votre question."),
    (r"\bNous comprenons\b", "Nous mesurons"),
    (r"\bNous regrettons\b", "Nous sommes désolés de"),
    (r"\bvous pouvez aussi appeler le\b", "vous pouvez aussi nous joindre au"),
    (r"\bvous pouvez appeler le\b", "vous pouvez nous joindre au"),
    (r"\bappelez le\b", "composez le"),
    (r"\bVous pouvez\b", "Il vous est possible de"),
    (r"\btrois\b", "3"),
    (r"\bdeux\b", "2"),
    (r"\bIl manque\b", "Il nous manque"),
    (r"\bdès que\b", "aussitôt que"),
    (r"\bDès que\b", "Aussitôt que"),
    (r"\benvoyer\b", "transmettre"),
    (r"\bnous envoyer\b", "nous transmettre"),
]


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def insert(reply: str, sentence: str) -> str:
    """``sentence`` added at the end of the reply's body, before its closing paragraph."""
    parts = paragraphs(reply)
    where = max(1, len(parts) - 2)
    parts[where] = parts[where].rstrip() + " " + sentence
    return "\n\n".join(parts)


# Sentences whose negation would be a slip of manners, not of facts.
COURTESY = r"heureux|heureuse|content|désolé|regrett|merci|comprenons|\baussi\b|également"
_CLITIC = {"vous", "nous", "le", "la", "les", "l'", "se", "s'", "y", "en", "lui", "leur"}
_VOWEL = "aeiouyéèêàâîôûh"


def negate(text: str, start: int, end: int, analysis: Analysis) -> str | None:
    """The sentence between ``start`` and ``end`` said the other way round, or None."""
    sentence = text[start:end]
    for word, opposite in ANTONYMS:
        found = re.search(rf"\b{word}\b", sentence)
        if found:
            return (
                text[:start]
                + sentence[: found.start()]
                + opposite
                + sentence[found.end() :]
                + text[end:]
            )
    tokens = [t for t in analysis.tokens if start <= t.idx < end]
    if any(t.lower_ in ("ne", "n'") for t in tokens):
        return None
    verbs = [
        t
        for t in tokens
        if "Fin" in t.morph.get("VerbForm", [])
        and (
            t.dep_ == "ROOT"
            or (t.dep_ in ("aux:tense", "aux:pass", "cop") and t.head.dep_ == "ROOT")
        )
        and "Imp" not in t.morph.get("Mood", [])
    ]
    if not verbs:
        return None
    verb = verbs[0]
    first = verb
    index = tokens.index(verb)
    while (
        index > 0 and tokens[index - 1].lower_ in _CLITIC and "subj" not in tokens[index - 1].dep_
    ):
        index -= 1
        first = tokens[index]
    ne = "n'" if first.text[0].lower() in _VOWEL else "ne "
    if first.idx == start:
        ne = ne.capitalize()
        head = first.text[0].lower() + first.text[1:]
    else:
        head = first.text
    out = (
        text[: first.idx]
        + ne
        + head
        + text[first.idx + len(first.text) : verb.idx + len(verb.text)]
    )
    return out + " pas" + text[verb.idx + len(verb.text) :]


def main() -> None:
    items = [GoldItem.model_validate_json(line) for line in GOLD.read_text().splitlines()]
    analyses = list(analyse([item.reply for item in items]))
    pairs, paraphrases = [], []
    for number, (item, analysis) in enumerate(zip(items, analyses, strict=True)):
        split = "heldout" if number % 4 == 3 else "dev"
        reply = item.reply
        context = " ".join([*item.context, *item.key_facts]).lower()
        folded = re.sub(r"[éèê]", "e", context)

        def pair(
            kind: str, defective: str, defect: str, item: GoldItem = item, split: str = split
        ) -> None:
            pairs.append(
                {
                    "id": f"{item.id}-{kind}",
                    "item": item.id,
                    "service": item.service,
                    "split": split,
                    "class": kind,
                    "faithful": item.reply,
                    "defective": defective,
                    "defect": defect,
                }
            )

        claims = [c for c in CLAIMS[split] if c[1] not in folded]
        sentence, _ = claims[number % len(claims)]
        pair("claim", insert(reply, sentence), f"adds an unsupported claim: {sentence}")

        numbers = NUMBERS[split]
        sentence = numbers[number % len(numbers)]
        pair("claim_number", insert(reply, sentence), f"adds an invented value: {sentence}")

        admin = sources_of(item, citizen=False)
        values = [
            s
            for s in extract_specifics(item.experience.text)
            if s.kind in ("amount", "date")
            or (s.kind == "delay" and not s.text.endswith(("ans", "années")))
        ]
        values = [s for s in values if not admin.supports(s)]
        if values:
            sentence = CITIZEN[split][values[0].kind].format(v=values[0].text)
            pair(
                "citizen_value",
                insert(reply, sentence),
                f"the citizen's value as a promise: {sentence}",
            )

        conveying = []
        for fact in item.key_facts:
            words = set(re.findall(r"\w{5,}", fact.lower()))
            for s in analysis.sentences:
                shared = sum(w in reply[s.start : s.end].lower() for w in words)
                conveying.append((shared / max(1, len(words)), fact, s))
        for share, fact, best in sorted(conveying, key=lambda c: -c[0]):
            said = reply[best.start : best.end]
            if share < 0.5 or re.search(COURTESY, said):
                continue
            flipped = negate(reply, best.start, best.end, analysis)
            # spaCy sometimes takes an indirect "vous" for the subject: "les mois vous ne sont…"
            if flipped is not None and not re.search(r"[a-zé] (?:vous|nous) ne ", flipped):
                pair("polarity", flipped, f"says the opposite of: {fact}")
                break

        for term, other in SWAPS[split].items():
            found = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", reply)
            if found and other.lower() not in (context + item.experience.text.lower()):
                at = found.start()
                pair(
                    "swapped_term",
                    reply[:at] + other + reply[at + len(term) :],
                    f"{other} for {term}",
                )
                break

        supported = [
            s
            for s in extract_specifics(" ".join(item.context))
            if s.kind in ("date", "delay", "amount")
        ]
        for given in extract_specifics(reply):
            others = [s for s in supported if s.kind == given.kind and s.value != given.value]
            if given.kind in ("date", "delay", "amount") and others:
                pair(
                    "swapped_value",
                    reply[: given.start] + others[0].text + reply[given.end :],
                    f"{others[0].text} (true of something else) for {given.text}",
                )
                break

        rewritten = reply
        for pattern, replacement in PARAPHRASES:
            rewritten = re.sub(pattern, replacement, rewritten)
        body = paragraphs(rewritten)
        if len(body) > 3:  # the middle paragraphs in another order
            body[1], body[2] = body[2], body[1]
        rewritten = "\n\n".join(body)
        if rewritten != reply:
            paraphrases.append(
                {
                    "id": f"{item.id}-paraphrase",
                    "item": item.id,
                    "service": item.service,
                    "split": split,
                    "faithful": reply,
                    "paraphrase": rewritten,
                }
            )
    for name, rows in (("pairs.jsonl", pairs), ("paraphrases.jsonl", paraphrases)):
        with (HERE / name).open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(pairs), "pairs,", len(paraphrases), "paraphrases")


if __name__ == "__main__":
    main()
