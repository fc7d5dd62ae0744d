"""``scoring.yaml``: the weights and thresholds behind every score, read from the repository root.

The defaults below are the shipped values; ``scoring.yaml`` repeats them so that a team can read and
change them without touching Python. Any change changes scores, so the configuration's hash is part
of every scorer's version.
"""

import hashlib
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from harness import paths
from harness.errors import InputError, format_validation_error
from harness.files import load_yaml, read_text

CONFIG_FILE = "scoring.yaml"

_SYNONYMS = (
    ("contacter", "joindre", "appeler", "telephoner"),
    ("envoyer", "transmettre", "adresser", "expedier", "envoi", "transmission"),
    ("document", "piece", "justificatif", "papier"),
    ("dossier", "demande", "requete"),
    ("paiement", "versement", "virement", "payer", "verser", "regler", "reglement"),
    ("examiner", "etudier", "instruire", "traiter", "analyser", "examen", "etude", "traitement"),
    ("recevoir", "obtenir", "percevoir", "toucher"),
    ("aide", "allocation", "prestation"),
    ("rendez-vous", "rdv", "entretien"),
    ("courrier", "lettre"),
    ("courriel", "mail", "e-mail", "message", "messagerie"),
    ("compte", "espace"),
    ("reclamation", "contestation", "recours", "plainte"),
    ("conseiller", "agent", "interlocuteur", "conseillere"),
    ("agence", "antenne", "accueil", "guichet", "bureau"),
    ("ligne", "internet", "site"),
    ("signaler", "declarer", "indiquer", "informer", "prevenir"),
    ("modifier", "changer", "corriger", "modification", "changement", "correction"),
    ("necessaire", "obligatoire", "indispensable", "requis"),
    ("erreur", "anomalie", "probleme", "incident", "dysfonctionnement"),
    ("delai", "duree"),
    ("suivre", "suivi", "consulter", "voir"),
    ("rapidement", "vite"),
    ("ecart", "difference"),
)
# A word, then its contraries: "payant" where a fact says "gratuit" (and never "gratuit") gives
# the fact the opposite way round. Both ways, unless in ``one_way_contraries``.
_CONTRARIES = (
    ("gratuit", "payant", "contre paiement", "à vos frais", "facturé"),
    ("complet", "incomplet"),
    ("accepté", "refusé", "rejeté"),
    ("accordé", "refusé", "rejeté"),
    ("ouvert", "fermé"),
    ("possible", "impossible"),
    ("obligatoire", "facultatif", "facultative"),
    ("valide", "invalide"),
    ("favorable", "défavorable"),
    ("éligible", "inéligible"),
)
_ONE_WAY = (("manque", "complet"),)


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OverallConfig(_Section):
    """How the criteria combine into the overall score."""

    weights: dict[str, float] = Field(
        default_factory=lambda: {"accuracy": 0.5, "tone": 0.3, "conciseness": 0.2}
    )
    """Criterion name to weight; the overall score is the weighted mean of these criteria."""

    @model_validator(mode="after")
    def _positive(self) -> "OverallConfig":
        if not self.weights or any(w < 0 for w in self.weights.values()):
            raise ValueError("weights must be non-negative and name at least one criterion")
        if sum(self.weights.values()) <= 0:
            raise ValueError("weights must not all be zero")
        return self


class ToneConfig(_Section):
    """Tone: style guide violations, weighted by severity, per 100 words."""

    categories: list[str] = Field(
        default_factory=lambda: ["structure", "lexicon", "syntax", "tone", "commitment"]
    )
    """Style guide rule categories that bear on tone."""
    severity_weights: dict[str, float] = Field(
        default_factory=lambda: {"error": 3.0, "warning": 1.0, "info": 0.25}
    )
    """Weight of one violation of each severity."""
    scale: float = Field(default=10.0, gt=0)
    """Weighted violations per 100 words at which tone falls to 1/e (about 0.37)."""
    min_words: int = Field(default=60, ge=1)
    """Shorter replies are normalised as if they had this many words, so one slip in a very
    short reply does not sink it."""


class AccuracyConfig(_Section):
    """Accuracy: key facts conveyed, contradicted facts and invented specifics."""

    covered: float = Field(default=0.5, gt=0, le=1)
    """Share of a key fact's content words and specifics the reply must convey for the fact to
    count (and every specific must be there)."""
    partly: float = Field(default=0.25, ge=0, le=1)
    """From this share up to ``covered``, the fact counts half."""
    contradiction_penalty: float = Field(default=0.35, ge=0)
    """Subtracted for each key fact given with another value."""
    invented_penalty: float = Field(default=0.2, ge=0)
    """Subtracted for each invented specific (phone number, date, amount…)."""
    claim_penalty: float = Field(default=0.3, ge=0)
    """Subtracted for each unsupported claim: a priority, automatic action, callback,
    compensation, entitlement… that the facts never mention, or a value of the citizen's given
    back as a commitment."""
    synonyms: list[list[str]] = Field(default_factory=lambda: [list(g) for g in _SYNONYMS])
    """Groups of lemmas that convey the same thing in a reply; the style guide's jargon pairs
    (``transmettre`` → ``envoyer``) are added to them."""
    contraries: list[list[str]] = Field(default_factory=lambda: [list(g) for g in _CONTRARIES])
    """A word, then its contraries, each pair read both ways: a reply that uses a contrary of a
    word of a fact, and not the word, says the fact the other way round."""
    one_way_contraries: list[list[str]] = Field(default_factory=lambda: [list(g) for g in _ONE_WAY])
    """The same, read only from the word to its contraries: "complet" reverses "il manque…",
    but "il manque…" does not reverse "une demande complète"."""

    @model_validator(mode="after")
    def _contraries_pair_words(self) -> "AccuracyConfig":
        for group in (*self.contraries, *self.one_way_contraries):
            words = [word.strip() for word in group]
            if len(words) < 2 or not all(words):
                raise ValueError(f"a contrary names a word and at least one contrary: {group}")
            if words[0] in words[1:]:
                raise ValueError(f"{words[0]!r} cannot be its own contrary")
        return self


class ConcisenessConfig(_Section):
    """Conciseness: length, sentence length, filler, repetition and readability."""

    weights: dict[str, float] = Field(
        default_factory=lambda: {
            "length": 0.35,
            "sentences": 0.2,
            "filler": 0.2,
            "repetition": 0.15,
            "readability": 0.1,
        }
    )
    """Weight of each component in the conciseness score."""
    gold_ratio: tuple[float, float] = (0.5, 1.3)
    """Length ratio to the gold reply that costs nothing; the score falls to 0 at three times
    the upper bound or at a fifth of the lower one."""
    words: tuple[int, int] = (40, 150)
    """Word bounds of a reply when the style guide has no SPP-LEN-01 rule to take them from."""
    sentence_words: tuple[float, float] = (15.0, 30.0)
    """Mean words per sentence: full score up to the first, zero from the second."""
    readability: tuple[float, float] = (30.0, 70.0)
    """Kandel–Moles readability: zero up to the first, full from the second."""
    filler_cost: float = Field(default=0.25, ge=0)
    """Subtracted from the filler component for each phrase of the style guide's filler list
    (``styleguide/lexicons/filler.tsv``, the one list lint uses too)."""


class ScoringConfig(_Section):
    """The whole of ``scoring.yaml``."""

    version: int = 1
    """Version of this file's layout."""
    overall: OverallConfig = Field(default_factory=OverallConfig)
    """Overall score."""
    tone: ToneConfig = Field(default_factory=ToneConfig)
    """Tone scorer."""
    accuracy: AccuracyConfig = Field(default_factory=AccuracyConfig)
    """Accuracy scorer."""
    conciseness: ConcisenessConfig = Field(default_factory=ConcisenessConfig)
    """Conciseness scorer."""

    @property
    def sha256(self) -> str:
        """Hash of the values (not of the file's comments or layout)."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


def load_scoring_config(path: Path | None = None) -> ScoringConfig:
    """Read ``scoring.yaml`` (the repository root's by default); without the file, the defaults.

    Raises:
        InputError: the file is not valid YAML or has an unknown or mistyped field.
    """
    path = path or paths.root() / CONFIG_FILE
    if not path.exists():
        return ScoringConfig()
    text = read_text(path, "the scoring configuration")
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(
            path, f"not valid YAML ({getattr(error, 'problem', error)})", line=line
        ) from None
    try:
        return ScoringConfig.model_validate(raw or {})
    except ValidationError as error:
        raise InputError(path, format_validation_error(error)) from None
