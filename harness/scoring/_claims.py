"""Accuracy checks that read sentences rather than values, each finding with its span and reason:

- unsupported claims: a sentence promising or asserting something about the citizen's case or the
  administration's action (a priority, an automatic action, a callback, a compensation, an
  entitlement, an exemption, an exception…) that the context and the key facts never mention; or a
  value or a deadline the citizen wrote, given back as a commitment ("vous recevrez 450 €",
  "avant lundi"); or, for the claims the lexicon does not list, any assertive clause of the reply
  (:func:`asserts`: any tense, any subject, a commitment or a statement; not a denial, a
  condition, an instruction, a question, courtesy, the citizen's own doings, a rule or an offer)
  worded mostly in words the context, the key facts and the service never use (the citizen's
  words support nothing), each clause judged apart from those coordinated with it;
- polarity: clauses and their negations ("ne … pas", "aucun"; not "ne … que", nor "pas" without
  "ne"), and the contrary words of ``scoring.yaml`` (:class:`Contraries`: complet/incomplet,
  accepté/refusé);
- swapped facts: a document, benefit, office, person, way to pay or channel the facts never name,
  where they name another of the same kind ("votre RIB" where the avis d'imposition is missing).

Words are compared on a copy of the text folded character by character (lower case, no accents),
so that a match's offsets are offsets into the reply. The lexicons are short and readable on
purpose: they decide what the score can see, and what it cannot is said in the report.
"""

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from harness.text import Analysis, Sentence, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

FindingKind = Literal["claim", "polarity", "swapped"]


@dataclass(frozen=True)
class Finding:
    """A sentence of the reply that states what the facts do not support."""

    kind: FindingKind
    start: int
    end: int
    note: str


def _flat_table() -> dict[int, str]:
    table = {ord("’"): "'"}
    for code in range(0x80, 0x250):  # Latin-1 and Latin Extended: every French letter
        base = unicodedata.normalize("NFKD", chr(code).lower())[:1]
        table[code] = base if base.isascii() and base.isalpha() else chr(code).lower()[:1]
    return table


_FLAT = _flat_table()


def flat(text: str) -> str:
    """``text`` in lower case without accents, one character for one, so offsets carry over."""
    return text.translate(_FLAT).lower()


@dataclass(frozen=True)
class _Claim:
    name: str
    pattern: re.Pattern[str]
    support: tuple[str, ...]
    """Stems that, found in the context or the key facts, support the claim."""


def _claim(name: str, pattern: str, *support: str) -> _Claim:
    return _Claim(name, re.compile(pattern), support)


_CLAIMS = (
    _claim(
        "a priority",
        r"\ben priorite\b|\bprioritair\w*|\ben urgence\b|\b(?:traitement|examen) accelere"
        r"|\baccelerer? (?:le traitement|l'examen|l'etude|votre dossier|votre demande)",
        "priorit",
        "urgen",
        "accelere",
    ),
    _claim(
        "an automatic action",
        r"\bautomatiquement\b|\bautomatique\b|\bd'office\b|\bde plein droit\b"
        r"|\bsans (?:aucune )?demarche (?:de votre part|supplementaire)",
        "automati",
        "d'office",
        "plein droit",
        "sans demarche",
    ),
    _claim(
        "a callback",
        r"\b(?:vous|la|le) (?:re)?(?:rappellera|rappellerons|recontactera|recontacterons"
        r"|contactera|contacterons|appellera|appellerons|telephonera|telephonerons)\b"
        r"|\bvous serez (?:re)?(?:contacte|rappele|appele)e?s?\b|\brappel telephonique\b",
        "rappel",
        "recontact",
        "contactera",
        "sera contacte",
        "appellera",
    ),
    _claim(
        "a compensation",
        r"\bindemnis\w*|\bdedommag\w*|\bcompensation\b|\bgeste commercial\b"
        r"|\binterets de retard\b|\brembourse\w* (?:des |de vos |vos )?frais\b"
        r"|\b(?:pris|prise|prises|prend|prendra|prendrons|prenons) (?:\w+ )?en charge\b",
        "indemnis",
        "dedommag",
        "compens",
        "geste",
        "interets",
        "frais",
        "en charge",
    ),
    _claim(
        "an entitlement",
        r"\bvous (?:avez|aurez|aviez) (?:bien )?droit\b|\bvous etes (?:bien )?eligible"
        r"|\bvous beneficier\w*|\bvous pouvez pretendre\b|\bvotre droit (?:est|sera) (?:ouvert"
        r"|confirme|maintenu|garanti)|\bvous (?:est|sera) (?:accorde|attribue)e?s?\b",
        "droit",
        "eligib",
        "benefici",
        "pretendre",
        "accord",
        "attribu",
    ),
    _claim(
        "a benefit or a situation maintained",
        r"\b(?:est|sont|sera|seront|reste|restera|resteront) (?:bien )?maintenue?s?\b"
        r"|\bnous (?:maintenons|maintiendrons)\b",
        "maint",
    ),
    _claim(
        "an intervention already made for the citizen",
        r"\bnous (?:l'|les |lui |leur )?avons (?:\w+ )?(?:signale|prevenu|relance|contacte|informe"
        r"|averti|alerte|sollicite|saisi)e?s?\b",
        "signal",
        "preven",
        "relanc",
        "contact",
        "inform",
        "averti",
        "alert",
        "sollicit",
        "saisi",
    ),
    _claim(
        "an exemption",
        r"\bexonere\w*|\bexoneration\b|\bremise gracieuse\b|\baucune? (?:penalite|majoration"
        r"|sanction|frais)\b|\bsans (?:penalite|majoration|frais)\b|\bne sera (?:pas|plus) "
        r"(?:penalise|sanctionne|majore|reclame)|\b(?:annul|efface|supprim)\w* (?:la |votre |vos "
        r"|les )?(?:dette|penalite|majoration|trop-percu|indu|frais|amende)"
        # the same in the passive, the debt first: "les majorations de retard seront annulées"
        r"|\b(?:dette|penalite|majoration|trop-percu|indu|amende)s?\b[^.;:]{0,30}\b(?:sera|seront"
        r"|est|sont|a ete|ont ete) (?:\w+ )?(?:annule|efface|supprime)e?s?\b",
        "exoner",
        "remise",
        "penalit",
        "majoration",
        "sanction",
        "annul",
    ),
    _claim(
        "an exception",
        r"\ba titre exceptionnel\b|\bexceptionnellement\b|\bderogation\b|\bpar derogation\b",
        "exception",
        "derog",
    ),
    _claim(
        "a guarantee",
        r"\bnous vous garantissons\b|\bnous nous engageons\b|\bgaranti(?:e|s|es)? (?:que|de)\b"
        r"|\bsans faute\b|\bdans tous les cas\b",
        "garant",
        "engage",
    ),
    _claim(
        "a deadline extended",
        r"\bdelai supplementaire\b|\b(?:report|prolong)\w* (?:de |du |la |le |votre )?(?:delai"
        r"|date|echeance)|\bvous avez (?:tout )?le temps\b",
        "report",
        "supplementaire",
        "prolong",
    ),
    _claim(
        "an escalation",
        r"\b(?:transmis|transmettons|signale|remonte)e?s? (?:votre (?:dossier|demande|reclamation)"
        r" )?(?:a|au|aux) (?:notre |la |le |nos )?(?:direction|responsable|mediateur|service"
        r" contentieux|hierarchie|superieur)",
        "direction",
        "responsable",
        "mediat",
        "hierarch",
    ),
    _claim(
        "a visit or appointment",
        r"\b(?:un|une) (?:rendez-vous|visite|entretien)s? (?:vous )?sera (?:fixe|propose|organise)"
        r"|\bnous (?:vous )?(?:fixerons|proposerons|organiserons) (?:un|une) (?:rendez-vous|visite"
        r"|entretien)|\bse (?:deplacera|rendra) (?:a|chez) votre domicile",
        "rendez-vous",
        "visite",
        "entretien",
        "domicile",
    ),
)

# The citizen's own words, reported as theirs, assert nothing on the administration's behalf.
_REPORTED = re.compile(
    r"\bvous (?:nous )?(?:demandez|souhaitez|indiquez|ecrivez|signalez|expliquez|dites"
    r"|mentionnez|precisez|evoquez|esperiez|attendiez|pensiez|craignez)\b"
    r"|\bvous (?:nous )?avez (?:demande|souhaite|indique|ecrit|signale|explique|dit|mentionne)\b"
    r"|\bvotre (?:message|question|demande) (?:de|d'|sur|concernant)\b"
)
_PROMISE = re.compile(
    r"\b(?:vous|nous) (?:recevrez|percevrez|toucherez|obtiendrez|aurez|verserons|rembourserons"
    r"|paierons|enverrons|accorderons)\b|\b(?:nous )?vous (?:versons|remboursons|accordons"
    r"|garantissons)\b|\b(?:sera|seront|va etre|vont etre) (?:verse|paye|rembourse|credite"
    r"|vire|regle|traite|envoye|accorde|delivre)e?s?\b|\b(?:allons|va|vont) (?:recevoir|verser"
    r"|payer|rembourser|traiter|envoyer)\b|\bd'ici\b"
)

# Words that carry a negative pole on their own: "incomplet" says what "pas complet" says.
_NEGATIVE_POLES = (
    "incomplet",
    "refus",
    "rejet",
    "rejete",
    "manqu",
    "impossib",
    "invalid",
    "suspend",
    "ferme",
    "interromp",
    "absen",
    "annul",
    "irrecevab",
    "defavorab",
    "ineligib",
    "inexact",
    "non conform",
    "payant",
    "facultati",
    "expire",
    "dispens",
    "exempt",
    "perime",
    "exclu",
    "interdi",
)

_TERMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "document": (
        ("avis d'imposition", "avis d'impot", "avis de situation declarative"),
        ("attestation de loyer",),
        ("attestation de salaire",),
        ("attestation employeur", "attestation de l'employeur"),
        ("releve d'identite bancaire", "rib"),
        ("justificatif de domicile",),
        ("acte de naissance",),
        ("acte de deces",),
        ("acte de mariage", "livret de famille"),
        ("certificat medical",),
        ("arret de travail", "avis d'arret"),
        ("feuille de soins",),
        ("bulletin de salaire", "bulletins de salaire", "fiche de paie", "fiches de paie"),
        ("carte vitale",),
        ("carte d'identite",),
        ("passeport",),
        ("titre de sejour",),
        ("permis de conduire",),
        ("certificat d'immatriculation", "carte grise"),
        ("releve de carriere",),
        ("attestation de droits",),
        ("declaration de revenus", "declaration d'impots"),
        ("declaration trimestrielle de ressources",),
        ("contrat de travail",),
        ("quittance de loyer", "quittances de loyer"),
        ("photo d'identite",),
        ("facture d'achat",),
        ("releve bancaire", "releves bancaires", "releve de compte", "releves de compte"),
        ("certificat de scolarite",),
        ("attestation d'inscription",),
        ("avis d'echeance",),
        ("devis",),
        ("recepisse",),
    ),
    "benefit": (
        ("prime d'activite",),
        ("aide personnalisee au logement", "apl", "aide au logement", "allocation logement"),
        ("revenu de solidarite active", "rsa"),
        ("allocations familiales",),
        ("allocation aux adultes handicapes", "aah"),
        ("allocation de rentree scolaire",),
        ("complement de libre choix du mode de garde", "cmg"),
        ("allocation chomage", "allocation d'aide au retour a l'emploi", "are"),
        ("indemnites journalieres", "indemnite journaliere"),
        ("pension de reversion",),
        ("pension de retraite", "retraite de base"),
        ("retraite complementaire",),
        ("complementaire sante solidaire", "css"),
        ("conge maternite", "conge paternite"),
        ("pension d'invalidite",),
        ("aide financiere exceptionnelle",),
    ),
    "office": (
        ("caf", "caisse d'allocations familiales"),
        ("cpam", "assurance maladie", "ameli"),
        ("france travail", "pole emploi"),
        ("urssaf",),
        ("msa", "mutualite sociale agricole"),
        ("carsat", "assurance retraite"),
        (
            "centre des finances publiques",
            "service des impots",
            "sip",
            "finances publiques",
            "services fiscaux",
            "centre des impots",
            "sie",
        ),
        ("douane", "douanes", "bureau de douane"),
        ("ofii",),
        ("mdph", "maison departementale des personnes handicapees"),
        ("crous",),
        ("ccas", "centre communal d'action sociale"),
        ("conseil departemental",),
        ("asp", "agence de services et de paiement"),
        ("tribunal",),
        ("ants", "agence nationale des titres securises"),
        ("prefecture",),
        ("sous-prefecture",),
        ("mairie",),
        ("france services",),
        ("tresorerie",),
    ),
    "person": (
        ("bailleur", "proprietaire"),
        ("employeur",),
        ("medecin traitant", "medecin"),
        ("notaire",),
        ("banque", "banquier"),
        ("pharmacie", "pharmacien"),
        ("expert-comptable", "comptable"),
        ("mutuelle",),
    ),
    # How a payment is made: "par chèque" where the facts say "par virement". The cheques that
    # are benefits ("chèque énergie") are not a way to pay.
    "payment": (
        ("virement",),
        ("cheque",),
        ("prelevement",),
        ("especes",),
        ("carte bancaire",),
        ("mandat cash",),
    ),
    "channel": (
        ("espace mon compte", "mon compte"),
        ("compte ameli",),
        ("espace particulier",),
        ("espace personnel",),
        ("messagerie securisee",),
        ("lettre recommandee", "recommande"),
    ),
}


# Forms that name another thing when a word follows: "chèque énergie" is a benefit, not a cheque.
_UNLESS = {"cheque": r"(?!\s+(?:energie|emploi|vacances|cesu))"}


def _term_pattern(form: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) + "[sx]?" for word in form.split())  # singular or plural
    return re.compile(rf"(?<![\w-]){words}(?![\w-]){_UNLESS.get(form, '')}")


_TERM_PATTERNS = {
    kind: [[_term_pattern(form) for form in group] for group in groups]
    for kind, groups in _TERMS.items()
}


@lru_cache(maxsize=4096)  # the sources of an item are looked up once per reply to it
def _groups_in(text: str, kind: str) -> dict[int, re.Match[str]]:
    found = {}
    for number, patterns in enumerate(_TERM_PATTERNS[kind]):
        for pattern in patterns:
            match = pattern.search(text)
            if match is not None:
                found[number] = match
                break
    return found


def unsupported_claims(
    analysis: Analysis, admin: str, citizen_values: Sequence[tuple[int, int, str]]
) -> list[Finding]:
    """Sentences that claim what ``admin`` (the context and key facts, folded by :func:`flat`)
    does not say, and values of the citizen's (``(start, end, text)`` in the reply) given back
    as a commitment."""
    text = flat(analysis.text)
    findings = []
    for sentence in analysis.sentences:
        said = text[sentence.start : sentence.end]
        if _REPORTED.search(said):
            continue
        negations = [
            t.idx
            for t in analysis.tokens
            if t.lower_ in ("ne", "n'") and t.idx in range(sentence.start, sentence.end)
        ]
        for claim in _CLAIMS:
            match = claim.pattern.search(said)
            if match is None or any(stem in admin for stem in claim.support):
                continue
            if any(n < sentence.start + match.start() for n in negations):
                continue  # "nous ne pouvons pas traiter votre dossier en priorité" promises nothing
            findings.append(
                Finding(
                    "claim",
                    sentence.start,
                    sentence.end,
                    f"claims {claim.name} ({match.group()!r}) that neither the context nor the"
                    " key facts mention",
                )
            )
            break
        else:
            for start, end, value in citizen_values:
                if sentence.start <= start < sentence.end and _commits(analysis, sentence, said):
                    findings.append(
                        Finding(
                            "claim",
                            start,
                            end,
                            f"{value!r} comes from the citizen's message, not from the"
                            " administration, and the reply gives it as a commitment",
                        )
                    )
                    break
    return findings


# Clause heads that thank, regret, reassure, advise or protect the citizen's data: courtesy, advice
# and the style guide's standard formulas, not assertions about the case. Stems, as spaCy's lemmas
# of "-ons" forms are unreliable ("regretton").
_COURTESY = (
    "compren", "entend", "regrett", "remerci", "souhait", "excus", "mesur", "esper", "heureu",
    "content", "desol", "ravi", "proteg", "partag", "transmet", "conseill", "recommand", "invit",
    "merci", "pardon", "felicit", "condoleance",
)  # fmt: skip
# Words about the exchange rather than the case: they make no claim new.
_GENERIC = frozenset(
    {"situation", "nouveau", "point", "temps", "ici", "suite", "moment", "fois", "cas", "ainsi"}
)
# Nouns, verbs and adjectives make a statement; of the adverbs, those in -ment that say how the
# case is handled ("intégralement", "automatiquement"), not "bien" or "ensuite".
_WORD_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_LIGHT = frozenset({"etre", "avoir", "pouvoir", "devoir", "faire", "aller", "falloir", "vouloir"})
# A statement needs this many words the administration's sources never use, and this share of
# its words: "vous recevrez votre carte par courrier" rewords the facts, "votre pièce à domicile
# sera organisée la semaine prochaine" says something new. A statement that commits nobody
# ("votre conseillère a demandé un réexamen") needs a larger share, as the agents explain the
# case in words of their own.
_NOVEL = {"commitment": (3, 0.5), "statement": (3, 0.6)}


def disowned(head: "Token") -> bool:
    """Whether a clause is what the reply says is not so, and asserts nothing: the object of a
    denied verb ("l'absence de réponse ne signifie pas que votre demande est acceptée")."""
    return head.dep_ == "ccomp" and polarity_of(head.head, poles=False) == 1


def asserts(clause: "Clause", said: str) -> str | None:
    """What a clause asserts about the case on the administration's behalf: "commitment" for a
    future, a passive or "nous" as subject ("nous avons relancé…", "une avance peut vous être
    versée"); "statement" for any other affirmative clause in the indicative, whatever its
    tense and its subject ("votre conseillère a demandé un réexamen", "une place va se libérer");
    None for a denial, a condition ("si…", "dès que…"), an instruction, a question, a wish or a
    purpose ("pour que vous n'ayez rien à avancer"), courtesy or what it governs ("nous espérons
    que…"), what the citizen did ("vous avez commencé…"), a rule ("votre propriétaire doit la
    remplir") or an offer of what someone may do ("un conseiller peut vous aider…"). ``said``
    is its sentence, folded by :func:`flat`."""
    head = clause.head
    # A denial is a negation or a negative predicate ("l'information manquait"), not a verb
    # governing one: "votre fournisseur a accepté de suspendre le recouvrement" asserts.
    denial = clause.negated or flat(head.lemma_ or head.text).startswith(_NEGATIVE_POLES)
    if denial or conditional(head) or disowned(head) or said.rstrip().endswith("?"):
        return None  # what the administration does not do, or only supposes, promises nothing
    # Courtesy heads the clause, governs it, heads a fragment spaCy left inside it ("Nous
    # sommes désolés", "…, nous le comprenons", parsed with a noun for the verb) or is what the
    # clause offers ("nous vous présentons nos condoléances").
    governing = [head.head] if head.dep_ in _SUBORDINATE else []
    inner = [t for t in clause.tokens if t.dep_ in ("ROOT", "advcl", "parataxis", "obj")]
    if any(flat(t.text).startswith(_COURTESY) for t in (head, *governing, *inner)):
        return None
    main = [head, *(c for c in head.children if c.dep_.startswith("aux"))]
    moods = {m for v in main for m in v.morph.get("Mood", [])}
    if moods & {"Imp", "Sub"} or (not moods and "Inf" in head.morph.get("VerbForm", [])):
        return None  # an instruction, a wish or a purpose, an infinitive hung apart
    subjects = [c.lower_ for v in main for c in v.children if c.dep_.startswith("nsubj")]
    if not subjects and head.i == clause.tokens[0].i and head.lower_.endswith("ez"):
        return None  # an imperative spaCy took for a participle ("Pensez à apporter…")
    # spaCy hangs the subject on the auxiliary at times ("nous" on "avons" in "nous avons prévenu").
    if "nous" in subjects:
        return "commitment"
    # The passive of the main verb or of the verb it governs ("peut vous être versée"), not of a
    # purpose clause ("pour être aidée, vous pouvez appeler…").
    chain = [head, *(c for c in head.children if c.dep_ == "xcomp")]
    if any(c.dep_ == "aux:pass" for v in chain for c in v.children):
        return "commitment"
    lemmas = {fold(v.lemma_) for v in main}
    if lemmas & {"pouvoir", "devoir", "falloir"}:
        return None  # what someone may or must do: an offer, guidance or a rule
    future = any(_future(t) for t in main) or "aller" in lemmas
    if future:
        return "commitment"
    if "vous" in subjects or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None  # the citizen's own doings, as they told them; a clause without a verb
    return "statement"


# Prepositions that set a deadline: "avant lundi", "d'ici la fin de l'année", "sous huit jours".
_DEADLINE = frozenset({"avant", "ici", "sous", "des", "jusqu'", "jusque"})


def _deadline(clause: "Clause", citizens: Callable[[str], bool]) -> "Token | None":
    """A deadline of the citizen's in a statement: a word governed by "avant", "d'ici", "sous"…
    (or the noun it qualifies: "la fin de l'année") that only the citizen's message uses."""
    for token in clause.tokens:
        if token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "case" and flat(c.text) in _DEADLINE for c in token.children
        ):
            named = [token, *(c for c in token.children if c.dep_ == "nmod")]
            if any(citizens(fold(t.lemma_ or t.text)) for t in named):
                return token
    return None


KeyedClause = tuple[int, int, "Clause", Sequence[tuple["Token", set[str]]]]
"""A clause of the reply with its sentence's span and each of its words' vocabulary keys."""


def unsupported_statements(
    analysis: Analysis,
    reply_clauses: Sequence[KeyedClause],
    admin: frozenset[str],
    citizens: Callable[[str], bool],
    skip: Sequence[int] = (),
) -> list[Finding]:
    """Clauses asserting something about the case (see :func:`asserts`) mostly in words whose
    keys the administration's sources (``admin``: the context, the key facts, the service) never
    use, or with a deadline of the citizen's (``citizens``: a folded lemma → whether only the
    citizen's message uses it). Each clause is judged on its own words, so a true clause does not
    carry an invented one coordinated with it ("…, et votre employeur vous rendra la retenue").
    Sentences starting at an offset in ``skip`` already hold a finding; one finding a sentence."""
    findings = []
    text = flat(analysis.text)
    judged: set[int] = set(skip)
    # The moment a promise is kept is part of it ("votre chèque vous sera envoyé d'office dès que
    # votre déclaration sera enregistrée"): it is judged with the clause it sets the time of. A
    # supposition ("si trop d'impôt a été prélevé, …") is not part of what is asserted.
    conditions: dict[int, list[tuple[Token, set[str]]]] = {}
    for _, _, clause, keyed in reply_clauses:
        if _introduced(clause.head, _MOMENTS):
            conditions.setdefault(clause.head.head.i, []).extend(keyed)
    for start, end, clause, keyed in reply_clauses:
        if start in judged:
            continue
        said = text[start:end]
        asserted = asserts(clause, said) if not _REPORTED.search(said) else None
        if asserted is None:
            continue
        span = (clause.tokens[0].idx, clause.tokens[-1].idx + len(clause.tokens[-1].text))
        deadline = _deadline(clause, citizens)
        if deadline is not None:
            judged.add(start)
            findings.append(
                Finding(
                    "claim",
                    *span,
                    f"gives the citizen's own deadline ({deadline.text!r}, from their message)"
                    " as a fact the context and the key facts never state",
                )
            )
            continue
        words = [
            (fold(t.lemma_ or t.text), keys)
            for t, keys in (*keyed, *conditions.get(clause.head.i, ()))
            if (t.pos_ in _WORD_POS or (t.pos_ == "ADV" and t.lower_.endswith("ment")))
            and not t.is_stop
        ]
        words = [(w, k) for w, k in words if w not in _LIGHT and w not in _GENERIC]
        novel = [w for w, keys in words if not keys & admin]
        least, share = _NOVEL[asserted]
        if len(novel) >= least and len(novel) >= share * len(words):
            judged.add(start)
            findings.append(
                Finding(
                    "claim",
                    *span,
                    "states something about the case that the context and the key facts never"
                    f" say, in words they never use ({', '.join(novel)})",
                )
            )
    return findings


# The future indicative is the infinitive (or an irregular stem ending in r) plus -ai, -as, -a,
# -ons, -ez, -ont: "traiterons", "serez", "recevrez", "enverra", "aurons". spaCy's small model
# often tags these as present; "déclarez", "entrez", "mesurons" or "ouvrez" (present) lack the
# stem's "er", "ir", "rr", "vr" or "dr" ("espérons" has "ér", which is not "er").
_FUTURE = re.compile(r"(?:^aur|er|ir|rr|(?<!ou)vr|dr)(?:ai|as|a|ons|ez|ont)$")


def _future(token: "Token") -> bool:
    """Whether a verb is in the future tense, by its morphology or by its ending."""
    if "Fut" in token.morph.get("Tense", []):
        return True
    return token.pos_ in ("VERB", "AUX") and _FUTURE.search(token.lower_) is not None


def _commits(analysis: Analysis, sentence: Sentence, said: str) -> bool:
    start, end = sentence.start, sentence.end
    heads = [flat(c.head.text) for c in clauses(analysis, start, end)]
    if heads and all(head.startswith(_COURTESY) for head in heads):
        return False  # "nous mesurons votre agacement après 3 mois d'attente" promises nothing
    future = any(_future(t) for t in _tokens_between(analysis, start, end))
    return future or _PROMISE.search(said) is not None


_ENDINGS = r"(?:e|s|es|ee|ees|ement)?\b"
_DENIAL = re.compile(r"(?:\bne\b|\bn'|\bpas\b|\bplus\b|\bjamais\b|\baucune?\b)[^.;:]{0,20}$")


def _denied(text: str, at: int) -> bool:
    """Whether the word at ``at`` is itself negated ("n'est pas complète")."""
    return _DENIAL.search(text[max(0, at - 30) : at]) is not None


def _word(form: str) -> str:
    return rf"\b{re.escape(flat(form.strip()))}{_ENDINGS}"


ContraryPairs = tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]
"""A fact's words with a contrary: the word, its contraries, whether the fact denies it."""


class Contraries:
    """Words and their contraries (``scoring.yaml``: ``contraries``, ``one_way_contraries``), each
    taking its feminine and plural endings."""

    def __init__(self, both_ways: Sequence[Sequence[str]], one_way: Sequence[Sequence[str]]):
        pairs = [(word, others) for word, *others in both_ways]
        pairs += [(other, [word]) for word, *others in both_ways for other in others]
        pairs += [(word, others) for word, *others in one_way]
        self._pairs = tuple(
            (re.compile(_word(word)), re.compile("|".join(_word(o) for o in others)))
            for word, others in pairs
        )

    def of(self, fact: str, sources: str = "") -> "ContraryPairs":
        """The pairs whose word ``fact`` uses, with whether it is denied there: looked up once
        per fact, then matched against each sentence with :meth:`contrary`. A pair whose
        contrary the ``sources`` (folded by :func:`flat`) use too is left out: they say both, of
        different cases ("payante" without the approval, "gratuite" with it), so the word tells
        which case the reply speaks of, not that it reverses one."""
        flat_fact = flat(fact)
        pairs = [
            (own, opposite, _denied(flat_fact, found.start()))
            for own, opposite in self._pairs
            if (found := own.search(flat_fact))
        ]
        # Said both ways round, the contrary is no other case: "n'est pas complète" and
        # "incomplète" say the same thing.
        return tuple(
            (own, opposite, denied)
            for own, opposite, denied in pairs
            if not any(_denied(sources, m.start()) == denied for m in opposite.finditer(sources))
        )

    @staticmethod
    def contrary(pairs: "ContraryPairs", reply: str) -> re.Match[str] | None:
        """Where ``reply`` uses the contrary of a word of a fact (its ``pairs``, from :meth:`of`)
        without the word itself, both affirmed or both denied: "n'est pas incomplète" reverses
        "n'est pas complète", "est incomplète" says the same."""
        said = flat(reply) if pairs else ""
        for own, opposite, denied in pairs:
            if not own.search(said):
                match = opposite.search(said)
                if match is not None and denied == _denied(said, match.start()):
                    return match
        return None


_CLAUSE_HEADS = frozenset({"ROOT", "conj", "parataxis"})
_SUBORDINATE = frozenset({"advcl", "acl:relcl", "ccomp"})
_OWN_CLAUSE = frozenset({"advcl", "acl", "ccomp", "conj", "parataxis"})
_NEGATION_WORDS = frozenset({"ne", "n'", "pas", "plus", "jamais", "aucun", "aucune", "non"})


def _negated(head: "Token", *, poles: bool = True) -> int:
    """1 when the clause headed by ``head`` is negative: a negation attached to its predicate
    ("n'est pas complet", "aucune pièce ne sera demandée") or, with ``poles``, a predicate with a
    negative pole ("incomplet", "refusé", "il manque")."""
    return _marked(head) ^ (_pole(head) if poles else 0)


def _marked(head: "Token") -> int:
    """1 when a negation is attached to the predicate ``head``."""
    words = {child.lower_ for child in head.children}
    marked = any(
        (child.lower_ in _NEGATION_WORDS or "Neg" in child.morph.get("Polarity", []))
        # Without "ne", "plus" compares ("le 3646 est plus chargé le lundi") and "pas" denies
        # what it stands before ("versée au fournisseur, pas au demandeur"), not the clause.
        and (child.lower_ not in ("plus", "pas") or bool(words & {"ne", "n'"}))
        for child in head.children
    )
    if marked and not words & (_NEGATION_WORDS - {"ne", "n'"}):
        # "ne … que" restricts ("ne sont exonérés que jusqu'à 45 €"): it denies nothing.
        marked = not any(t.lower_ in ("que", "qu'") and t.i > head.i for t in head.subtree)
    return int(marked)


def _pole(head: "Token") -> int:
    """1 when the predicate ``head`` has a negative pole ("incomplet", "refusé", "il manque")."""
    # The predicate itself, or a verb spaCy hung on it: "pour protéger vos données, évitez…" is
    # parsed with "évitez" as a noun, so that verb is recognised by its spelling. A clause of its
    # own hung on it ("…, pour éviter la coupure") does not turn it round.
    return int(
        any(
            (
                t.pos_ in ("VERB", "ADJ", "AUX")
                and flat(t.lemma_ or t.text).startswith(_NEGATIVE_POLES)
            )
            or flat(t.text).startswith("evit")
            for t in (head, *(c for c in head.children if c.dep_.split(":")[0] not in _OWN_CLAUSE))
        )
    )


def polarity_of(token: "Token", *, poles: bool = True) -> int:
    """The polarity of a predicate, with the verbs it completes: "déclarer" in "vous ne devez
    pas déclarer" is negative. Without ``poles``, only explicit negations count."""
    value = _negated(token, poles=poles)
    # spaCy hangs an infinitive on its modal as xcomp, ccomp or obj ("devez … déclarer"); a
    # finite verb is a clause of its own, even when spaCy hangs it on the previous sentence.
    while (
        token.dep_ in ("xcomp", "ccomp", "obj")
        and token.head.i != token.i
        and "Fin" not in token.morph.get("VerbForm", [])
    ):
        token = token.head
        value ^= _negated(token, poles=poles)
    return value


# Conjunctions opening a clause that does not assert what it says: "si" supposes it, "dès que"
# sets when a promise is kept (and is judged with that promise), "tant que" and "avant que" set
# how long something lasts.
_SUPPOSING = frozenset({"si", "s'"})
_MOMENTS = frozenset({"dès", "quand", "lorsque", "lorsqu'"})
_CONDITIONS = _SUPPOSING | _MOMENTS | {"tant", "avant", "jusqu'"}


def _introduced(head: "Token", conjunctions: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in conjunctions for c in head.children)


def conditional(head: "Token") -> bool:
    """Whether the clause headed by ``head`` states a condition or a moment ("si vous ne l'avez
    pas reçu", "dès que l'organisme aura déclaré…", "tant que…"): it supposes what it says, it
    does not assert it, so its polarity can contradict nothing."""
    return _introduced(head, _CONDITIONS)


def supposed(head: "Token") -> bool:
    """Whether the clause headed by ``head`` supposes what it says: "si une place se libère"."""
    return _introduced(head, _SUPPOSING)


@dataclass(frozen=True)
class Clause:
    """A main clause: its polarity (see :func:`_negated`), its head and its tokens."""

    polarity: int
    head: "Token"
    tokens: list["Token"]
    negated: int
    """Its polarity from explicit negations only ("ne … pas", "aucun", "sans"…)."""


def _idx(token: "Token") -> int:
    return token.idx


def _tokens_between(analysis: Analysis, start: int, end: int) -> list["Token"]:
    every = analysis.tokens  # in text order: a span's tokens are a slice of them
    return every[bisect_left(every, start, key=_idx) : bisect_left(every, end, key=_idx)]


def clauses(
    analysis: Analysis, start: int, end: int, *, subordinate: bool = False
) -> tuple[Clause, ...]:
    """The main clauses between two offsets (the root and the clauses coordinated with it);
    subordinate clauses ("si vous n'êtes pas d'accord, …") belong to the clause they depend on
    but do not set its polarity, unless ``subordinate`` makes them clauses of their own."""
    tokens = _tokens_between(analysis, start, end)
    # A token whose head lies outside the span heads a clause too: spaCy's sentences are not
    # always the reply's (« Bonjour Camille, ⏎ Votre demande… »).
    inside = {t.i for t in tokens}
    heads = {
        t.i
        for t in tokens
        if t.dep_ == "ROOT"
        or t.head.i not in inside
        or (
            (t.dep_ in _CLAUSE_HEADS or (subordinate and t.dep_ in _SUBORDINATE))
            and t.pos_ in ("VERB", "AUX", "ADJ")
        )
    }
    members: dict[int, list[Token]] = {}
    for token in tokens:
        node = token
        while node.i not in heads and node.head.i != node.i:
            node = node.head
        members.setdefault(node.i, []).append(token)
    doc = analysis.doc
    # spaCy sometimes leaves a subject as a fragment of its own ("Les Chèques-Vacances" rooted
    # apart from "ne sont jamais remboursés"): a group without a predicate says nothing by
    # itself, so it joins the next predicate of the span (or the last one), whose words it holds.
    predicates = sorted(i for i in members if doc[i].pos_ in ("VERB", "AUX", "ADJ"))
    for i in [i for i in members if predicates and i not in predicates]:
        after = [p for p in predicates if p > i]
        members[after[0] if after else predicates[-1]] += members.pop(i)
    found = []
    for i, group in sorted(members.items(), key=lambda kv: min(t.i for t in kv[1])):
        if i in heads:
            group.sort(key=lambda t: t.i)
            marked = _marked(doc[i])
            found.append(Clause(marked ^ _pole(doc[i]), doc[i], group, marked))
    return tuple(found)


def swapped_terms(analysis: Analysis, sources: str) -> list[Finding]:
    """Documents, benefits, offices, people and channels named in the reply that the sources
    (folded by :func:`flat`) never name, where they name another of the same kind."""
    text = flat(analysis.text)
    findings = []
    for kind in _TERMS:
        known = _groups_in(sources, kind)
        if not known:
            continue
        for number, match in _groups_in(text, kind).items():
            if number in known:
                continue
            expected = ", ".join(repr(m.group()) for m in known.values())
            start, end = match.span()
            findings.append(
                Finding(
                    "swapped",
                    start,
                    end,
                    f"names the {kind} {analysis.text[start:end]!r}, which the facts never name"
                    f" (they name {expected})",
                )
            )
    return findings
