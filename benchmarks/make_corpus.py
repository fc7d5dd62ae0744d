"""Write a synthetic Services Publics+ export (CSV, as published: ``;``, BOM, French headers).

Every name, address and number in it is made up; the citizens' messages and some agents' replies
carry planted identifiers (names, e-mails, phone numbers, social security and bank numbers,
addresses) so that anonymisation has work, and replies range from plain to pompous so that lint
and scoring have something to find. The same seed gives the same file.

    python benchmarks/make_corpus.py --replies 20000 --out /tmp/corpus-20000.csv
"""

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

COLUMNS = (
    "ID expérience",
    "Titre",
    "Description",
    "Intitulé typologie 1",
    "Réponse structure 1",
    "Ressenti usager",
    "Écrit le",
    "Date de publication",
    "Pseudo",
    "Code postal usager",
)

FIRST = ("Camille", "Julien", "Nadia", "Paul", "Sophie", "Karim", "Lucie", "Thomas", "Inès", "Marc")
LAST = ("Martin", "Durand", "Lefebvre", "Moreau", "Garnier", "Rousseau", "Fabre", "Mercier")
STREETS = ("rue des Lilas", "avenue Jean Jaurès", "boulevard Victor Hugo", "impasse des Tilleuls")
CITIES = (("69003", "Lyon"), ("44000", "Nantes"), ("33000", "Bordeaux"), ("59000", "Lille"))

SERVICES = {
    "France Travail": ("mon inscription", "mon allocation", "3949", "francetravail.fr"),
    "Caf": ("ma prime d'activité", "mon aide au logement", "3230", "caf.fr"),
    "CPAM": ("ma carte Vitale", "mon remboursement", "3646", "ameli.fr"),
    "Finances publiques": ("ma déclaration", "mon avis d'impôt", "0 809 401 401", "impots.gouv.fr"),
    "ANTS": ("mon permis de conduire", "ma carte grise", "34 00", "ants.gouv.fr"),
    "Carsat": ("ma retraite", "ma pension de réversion", "3960", "lassuranceretraite.fr"),
    "MSA": ("mes cotisations", "mon arrêt de travail", "3960", "msa.fr"),
}
SENTIMENTS = ("Négatif", "Négatif", "Neutre", "Positif")

PROBLEMS = (
    "J'attends {thing} depuis {months} mois et personne ne me répond.",
    "Mon dossier pour {thing} est bloqué depuis {months} mois.",
    "J'ai envoyé trois fois les mêmes pièces pour {thing}.",
    "Merci à l'agent qui m'a aidé pour {thing}, tout est réglé.",
    "Impossible de joindre quelqu'un au sujet de {thing}.",
)
IDENTIFIERS = (
    "Vous pouvez me joindre au {phone}.",
    "Mon adresse : {number} {street}, {postcode} {city}.",
    "Écrivez-moi à {email}.",
    "Mon numéro de sécurité sociale est {nir}.",
    "Mon IBAN est {iban}.",
    "Je m'appelle {first} {last}.",
    "",
)
GREETINGS = ("Bonjour,", "Bonjour {pseudo},", "Madame, Monsieur,", "Bonjour Madame {last},")
BODIES = (
    "Votre demande concernant {thing} est traitée. Vous recevrez une réponse par courrier.",
    "Nous avons bien reçu votre message au sujet de {thing}. Votre dossier est complet et le "
    "paiement sera versé le mois prochain.",
    "Nous accusons réception de votre requête susvisée relative à {thing}, laquelle fera "
    "l'objet d'un examen attentif par nos services compétents dans les meilleurs délais.",
    "Il a été procédé à la vérification de votre dossier et il apparaît que les pièces "
    "justificatives transmises ne permettent pas, en l'état, de statuer sur {thing}, de sorte "
    "qu'il vous appartient de nous faire parvenir un justificatif complémentaire.",
    "Nous sommes désolés pour ce délai. Vous pouvez suivre {thing} dans votre espace personnel "
    "sur {site}.",
    "Merci pour votre message. Nous sommes ravis que votre démarche ait abouti.",
)
NEXT_STEPS = (
    "Pour toute question, appelez le {official}.",
    "Vous pouvez aussi nous écrire depuis votre espace sur {site}.",
    "N'hésitez pas à nous recontacter au {phone} si besoin.",
    "Votre conseiller, {first} {last}, reste à votre disposition.",
    "",
)
CLOSINGS = (
    "Bonne journée.",
    "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    "Cordialement,",
    "",
)


def _nir(rng: random.Random) -> str:
    body = (
        f"{rng.choice('12')}{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 95):02d}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    )
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def _iban(rng: random.Random) -> str:
    bban = "".join(str(rng.randint(0, 9)) for _ in range(23))
    # ISO 13616 check digits: FR (15 27) and 00 moved to the end, mod 97.
    check = 98 - int(bban + "152700") % 97
    compact = f"FR{check:02d}{bban}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _phone(rng: random.Random) -> str:
    digits = [rng.choice("67")] + [f"{rng.randint(0, 99):02d}" for _ in range(4)]
    return "0" + digits[0] + " " + " ".join(digits[1:])


def row(number: int, rng: random.Random) -> dict[str, str]:
    """One experience with its reply; ``number`` makes the id."""
    service = rng.choice(list(SERVICES))
    thing_a, thing_b, official, site = SERVICES[service]
    first, last = rng.choice(FIRST), rng.choice(LAST)
    postcode, city = rng.choice(CITIES)
    values = {
        "thing": rng.choice((thing_a, thing_b)),
        "months": str(rng.randint(2, 9)),
        "phone": _phone(rng),
        "email": f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@exemple.fr",
        "nir": _nir(rng),
        "iban": _iban(rng),
        "first": first,
        "last": last,
        "pseudo": f"{first}-{last[0]}",
        "number": str(rng.randint(1, 120)),
        "street": rng.choice(STREETS),
        "postcode": postcode,
        "city": city,
        "official": official,
        "site": site,
    }
    problem = rng.choice(PROBLEMS).format(**values)
    text = " ".join(
        part for part in (problem, rng.choice(IDENTIFIERS).format(**values)) if part
    ).strip()
    reply = "\n\n".join(
        part
        for part in (
            rng.choice(GREETINGS).format(**values),
            rng.choice(BODIES).format(**values),
            rng.choice(NEXT_STEPS).format(**values),
            rng.choice(CLOSINGS),
        )
        if part
    )
    written = date(2023, 1, 1) + timedelta(days=rng.randint(0, 3 * 365 - 1))
    return {
        "ID expérience": str(3_000_000 + number),
        "Titre": problem.split(",")[0][:60],
        "Description": text,
        "Intitulé typologie 1": service,
        "Réponse structure 1": reply,
        "Ressenti usager": rng.choice(SENTIMENTS),
        "Écrit le": written.strftime("%d/%m/%Y"),
        "Date de publication": (written + timedelta(days=1)).isoformat(),
        "Pseudo": values["pseudo"],
        "Code postal usager": postcode,
    }


def write_corpus(path: Path, replies: int, seed: int = 18) -> None:
    """Write ``replies`` experiences with their replies to ``path`` (CSV)."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=";")
        writer.writeheader()
        for number in range(replies):
            writer.writerow(row(number, rng))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replies", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    args = parser.parse_args()
    write_corpus(args.out, args.replies, args.seed)
    print(f"wrote {args.replies} replies to {args.out}")


if __name__ == "__main__":
    main()
