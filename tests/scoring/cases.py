"""Contrastive cases in the style of Services Publics+: a plain, correct reply and rewrites that an
experienced agent would rank lower on one criterion (or, for the paraphrase, the same)."""

from dataclasses import dataclass

from harness.gold import GoldItem


@dataclass(frozen=True)
class Case:
    item: GoldItem
    good: str
    paraphrase: str
    pompous: str
    jargon: str
    rude: str
    wrong_fact: str
    missing_facts: str
    invented: str
    padded: str


def _item(
    id: str,
    service: str,
    title: str,
    text: str,
    context: list[str],
    reply: str,
    key_facts: list[str],
    sentiment: str = "negative",
) -> GoldItem:
    return GoldItem.model_validate(
        {
            "id": id,
            "service": service,
            "context": context,
            "reply": reply,
            "key_facts": key_facts,
            "experience": {"title": title, "text": text, "sentiment": sentiment},
        }
    )


CAF = Case(
    item=_item(
        "caf-prime",
        "Caf",
        "Toujours pas de versement",
        "J'ai envoyé mon dossier de prime d'activité il y a un mois et je n'ai rien reçu. "
        "Personne ne répond au téléphone.",
        [
            "Le dossier de prime d'activité est complet depuis le 12 mars.",
            "Le délai de traitement d'un dossier complet est de 21 jours.",
            "Le suivi du dossier se fait dans l'espace personnel sur caf.fr.",
        ],
        "Bonjour,\n\nMerci pour votre message. Votre dossier est complet depuis le 12 mars. "
        "Nous le traitons sous 21 jours. Vous pouvez suivre son avancement dans votre espace "
        "personnel sur caf.fr.\n\nCordialement,\nLa Caf",
        [
            "Le dossier est complet depuis le 12 mars.",
            "Le délai de traitement est de 21 jours.",
            "Le suivi se fait dans l'espace personnel sur caf.fr.",
        ],
    ),
    good="Bonjour,\n\nMerci pour votre message et désolés pour cette attente. Votre dossier de "
    "prime d'activité est complet depuis le 12 mars. Nous le traitons sous 21 jours. Vous pouvez "
    "suivre son avancement dans votre espace personnel sur caf.fr.\n\nCordialement,\nLa Caf",
    paraphrase="Bonjour,\n\nNous avons reçu toutes vos pièces le 12 mars : votre demande est donc "
    "complète. Nous l'examinons dans un délai de 3 semaines. Pour voir où elle en est, consultez "
    "votre compte personnel sur caf.fr.\n\nCordialement,\nLa Caf",
    pompous="Madame, Monsieur,\n\nNous accusons bonne réception de votre courrier et ne "
    "manquerons pas de vous tenir informé ; soyez assuré que votre dossier, complet depuis le "
    "12 mars, sera traité sous 21 jours. Il vous est loisible de consulter votre espace "
    "personnel sur caf.fr.\n\nNous vous prions d'agréer, Madame, Monsieur, l'expression de nos "
    "salutations distinguées.",
    jargon="Bonjour,\n\nAfin de donner suite à votre requête, nous vous informons que votre "
    "dossier est complet depuis le 12 mars. Il sera instruit sous 21 jours conformément à la "
    "réglementation en vigueur. Nous vous invitons à consulter votre espace personnel sur "
    "caf.fr afin d'obtenir toute information utile.\n\nCordialement,\nLa Caf",
    rude="Salut,\n\nTon dossier est complet depuis le 12 mars, tu vas pas mourir ! Il sera "
    "traité sous 21 jours comme pour tout le monde ! Va voir ton espace perso sur caf.fr au "
    "lieu d'appeler !!",
    wrong_fact="Bonjour,\n\nMerci pour votre message et désolés pour cette attente. Votre dossier "
    "de prime d'activité est complet depuis le 12 mars. Nous le traitons sous 15 jours. Vous "
    "pouvez suivre son avancement dans votre espace personnel sur caf.fr.\n\nCordialement,\nLa Caf",
    missing_facts="Bonjour,\n\nMerci pour votre message et désolés pour cette attente. Nous "
    "comprenons votre inquiétude et nous regardons votre situation avec attention.\n\n"
    "Cordialement,\nLa Caf",
    invented="Bonjour,\n\nMerci pour votre message et désolés pour cette attente. Votre dossier de "
    "prime d'activité est complet depuis le 12 mars. Nous le traitons sous 21 jours. Pour "
    "toute question, vous pouvez nous joindre au 02 864 15 79.\n\nCordialement,\nLa Caf",
    padded="Bonjour,\n\nMerci pour votre message et désolés pour cette attente. Nous tenons à "
    "vous préciser que nous avons bien pris connaissance de votre message. Votre dossier de "
    "prime d'activité est complet depuis le 12 mars. Sachez que votre dossier de prime "
    "d'activité est bien complet depuis le 12 mars. Nous le traitons sous 21 jours. Nous "
    "traitons en effet les dossiers complets sous 21 jours. Vous pouvez suivre son avancement "
    "dans votre espace personnel sur caf.fr. Votre espace personnel sur caf.fr vous permet de "
    "suivre l'avancement de votre dossier. Nous restons à votre disposition pour tout "
    "renseignement complémentaire. N'hésitez pas à nous contacter. Nous espérons avoir "
    "répondu à vos attentes et nous vous remercions encore pour votre message.\n\n"
    "Cordialement,\nLa Caf",
)

CPAM = Case(
    item=_item(
        "cpam-vitale",
        "CPAM",
        "Carte Vitale perdue",
        "J'ai perdu ma carte Vitale et je ne sais pas comment en avoir une nouvelle.",
        [
            "Une nouvelle carte Vitale se commande dans le compte ameli, rubrique Mes démarches.",
            "La carte arrive par courrier sous 3 semaines.",
            "En attendant, l'attestation de droits téléchargée sur ameli.fr permet de se soigner.",
        ],
        "Bonjour,\n\nVous pouvez commander une nouvelle carte Vitale dans votre compte ameli, "
        "rubrique Mes démarches. Elle arrive par courrier sous 3 semaines. En attendant, "
        "téléchargez votre attestation de droits sur ameli.fr.\n\n"
        "Cordialement,\nL'Assurance Maladie",
        [
            "La nouvelle carte se commande dans le compte ameli.",
            "La carte arrive par courrier sous 3 semaines.",
            "L'attestation de droits téléchargée sur ameli.fr permet de se soigner en attendant.",
        ],
        sentiment="neutral",
    ),
    good="Bonjour,\n\nMerci pour votre question. Vous pouvez commander une nouvelle carte Vitale "
    "dans votre compte ameli, rubrique Mes démarches. Elle arrive par courrier sous 3 semaines. "
    "En attendant, téléchargez votre attestation de droits sur ameli.fr : elle vous permet de "
    "vous soigner.\n\nCordialement,\nL'Assurance Maladie",
    paraphrase="Bonjour,\n\nPour obtenir une nouvelle carte Vitale, faites la demande dans "
    "votre compte ameli, rubrique Mes démarches. Nous vous l'envoyons par lettre en 21 jours. "
    "D'ici là, l'attestation de droits à télécharger sur ameli.fr vous permet de vous "
    "soigner.\n\nCordialement,\nL'Assurance Maladie",
    pompous="Madame, Monsieur,\n\nJ'ai l'honneur d'accuser réception de votre requête ; nous "
    "regrettons vivement et sincèrement cette situation. Une nouvelle carte Vitale peut être "
    "commandée dans votre compte ameli, elle vous sera adressée sous 3 semaines. Votre "
    "attestation de droits est téléchargeable sur ameli.fr.\n\nVeuillez agréer, Madame, "
    "Monsieur, l'expression de ma considération distinguée.",
    jargon="Bonjour,\n\nNous vous informons qu'il convient d'effectuer une demande de carte "
    "Vitale via votre compte ameli afin de procéder à son renouvellement. Elle vous sera "
    "transmise sous 3 semaines. Dans l'intervalle, l'attestation de droits est "
    "téléchargeable sur ameli.fr.\n\nCordialement,\nL'Assurance Maladie",
    rude="Bonjour,\n\nTu aurais dû faire attention à ta carte ! Commande-la sur ton compte ameli "
    "et attends 3 semaines ! L'attestation est sur ameli.fr, c'est écrit partout !!",
    wrong_fact="Bonjour,\n\nMerci pour votre question. Vous pouvez commander une nouvelle carte "
    "Vitale dans votre compte ameli, rubrique Mes démarches. Elle arrive par courrier sous "
    "10 jours. En attendant, téléchargez votre attestation de droits sur ameli.fr : elle vous "
    "permet de vous soigner.\n\nCordialement,\nL'Assurance Maladie",
    missing_facts="Bonjour,\n\nMerci pour votre question. Vous pouvez commander une nouvelle "
    "carte Vitale dans votre compte ameli, rubrique Mes démarches.\n\nCordialement,\n"
    "L'Assurance Maladie",
    invented="Bonjour,\n\nMerci pour votre question. Vous pouvez commander une nouvelle carte "
    "Vitale dans votre compte ameli, rubrique Mes démarches. Elle arrive par courrier sous "
    "3 semaines. En attendant, présentez-vous à l'accueil de la CPAM de Montreuil, 12 rue de "
    "Paris, le 4 avril à 14h.\n\nCordialement,\nL'Assurance Maladie",
    padded="Bonjour,\n\nMerci pour votre question. Nous avons bien pris note de votre demande "
    "concernant votre carte Vitale. Sachez que vous pouvez commander une nouvelle carte "
    "Vitale dans votre compte ameli, rubrique Mes démarches. La commande d'une nouvelle carte "
    "Vitale se fait dans votre compte ameli. Elle arrive par courrier sous 3 semaines. La "
    "nouvelle carte arrive donc chez vous par courrier sous 3 semaines. En attendant, "
    "téléchargez votre attestation de droits sur ameli.fr : elle vous permet de vous soigner. "
    "Nous restons à votre entière disposition pour tout renseignement complémentaire. "
    "N'hésitez surtout pas à nous contacter. Nous espérons que cette réponse vous aidera.\n\n"
    "Cordialement,\nL'Assurance Maladie",
)

FRANCE_TRAVAIL = Case(
    item=_item(
        "ft-radiation",
        "France Travail",
        "Radié sans explication",
        "J'ai reçu un courrier de radiation alors que j'étais à mon rendez-vous du 5 février. "
        "C'est une erreur, je veux une explication.",
        [
            "La radiation peut être contestée par un recours préalable sous 2 mois.",
            "Le recours se dépose dans l'espace personnel sur francetravail.fr.",
            "Le conseiller peut être joint au 3949.",
        ],
        "Bonjour,\n\nNous regrettons cette situation. Vous pouvez contester la radiation par un "
        "recours sous 2 mois, dans votre espace personnel sur francetravail.fr. Votre conseiller "
        "répond aussi au 3949.\n\nCordialement,\nFrance Travail",
        [
            "La radiation se conteste par un recours sous 2 mois.",
            "Le recours se dépose dans l'espace personnel sur francetravail.fr.",
            "Le conseiller est joignable au 3949.",
        ],
    ),
    good="Bonjour,\n\nMerci de nous avoir écrit et désolés pour cette situation. Vous pouvez "
    "contester la radiation par un recours sous 2 mois. Déposez-le dans votre espace "
    "personnel sur francetravail.fr. Votre conseiller répond aussi au 3949.\n\n"
    "Cordialement,\nFrance Travail",
    paraphrase="Bonjour,\n\nVous avez 2 mois pour contester cette radiation. Faites votre "
    "réclamation depuis votre espace personnel sur francetravail.fr. Vous pouvez aussi "
    "appeler votre conseiller au 3949.\n\nCordialement,\nFrance Travail",
    pompous="Madame, Monsieur,\n\nNous accusons réception de votre réclamation et regrettons "
    "profondément les désagréments occasionnés ; nos équipes sont pleinement mobilisées. "
    "La décision de radiation est susceptible d'être contestée par un recours sous 2 mois sur "
    "francetravail.fr, et votre conseiller demeure joignable au 3949.\n\nNous vous prions de "
    "croire, Madame, Monsieur, à l'assurance de notre considération distinguée.",
    jargon="Bonjour,\n\nIl vous appartient de formuler un recours gracieux préalable sous "
    "2 mois afin de contester la décision de radiation susvisée. Ledit recours est à "
    "déposer dans votre espace personnel sur francetravail.fr. Votre conseiller est "
    "joignable au 3949.\n\nCordialement,\nFrance Travail",
    rude="Bonjour,\n\nTu as été radié, c'est comme ça ! Si tu n'es pas content, fais un recours "
    "sous 2 mois sur francetravail.fr ! Ton conseiller est au 3949 !!",
    wrong_fact="Bonjour,\n\nMerci de nous avoir écrit et désolés pour cette situation. Vous "
    "pouvez contester la radiation par un recours sous 15 jours. Déposez-le dans votre espace "
    "personnel sur francetravail.fr. Votre conseiller répond aussi au 3949.\n\n"
    "Cordialement,\nFrance Travail",
    missing_facts="Bonjour,\n\nMerci de nous avoir écrit et désolés pour cette situation. "
    "Votre conseiller répond au 3949.\n\nCordialement,\nFrance Travail",
    invented="Bonjour,\n\nMerci de nous avoir écrit et désolés pour cette situation. Vous "
    "pouvez contester la radiation par un recours sous 2 mois. Déposez-le dans votre espace "
    "personnel sur francetravail.fr. Votre conseiller répond aussi au 01 40 12 77 77 ou par "
    "courriel à recours@francetravail.fr.\n\nCordialement,\nFrance Travail",
    padded="Bonjour,\n\nMerci de nous avoir écrit et désolés pour cette situation. Nous tenons "
    "à vous rappeler que nous prenons note de toutes les remarques. Vous pouvez contester la "
    "radiation par un recours sous 2 mois. Ce recours contre la radiation est possible sous "
    "2 mois. Déposez-le dans votre espace personnel sur francetravail.fr. Votre espace "
    "personnel sur francetravail.fr permet de déposer ce recours. Votre conseiller répond "
    "aussi au 3949. Nous restons à votre disposition. N'hésitez pas à revenir vers nous. "
    "Nous espérons avoir répondu à votre question.\n\nCordialement,\nFrance Travail",
)

IMPOTS = Case(
    item=_item(
        "impots-remboursement",
        "impots.gouv",
        "Remboursement d'impôt en retard",
        "On m'a annoncé un remboursement de 420 euros en juillet et je n'ai toujours rien.",
        [
            "Le remboursement de 420 € a été émis le 2 septembre.",
            "Un virement arrive sur le compte sous 5 jours ouvrés après émission.",
            "Si le virement n'arrive pas, l'usager peut écrire depuis la messagerie sécurisée "
            "de son espace particulier sur impots.gouv.fr.",
        ],
        "Bonjour,\n\nVotre remboursement de 420 € a été émis le 2 septembre. Le virement arrive "
        "sous 5 jours ouvrés. Sinon, écrivez-nous depuis la messagerie sécurisée de votre "
        "espace particulier sur impots.gouv.fr.\n\nCordialement,\nLa DGFiP",
        [
            "Le remboursement de 420 € a été émis le 2 septembre.",
            "Le virement arrive sous 5 jours ouvrés.",
            "En cas de problème, écrire par la messagerie sécurisée sur impots.gouv.fr.",
        ],
    ),
    good="Bonjour,\n\nMerci pour votre message. Nous avons émis votre remboursement de 420 € le "
    "2 septembre. Le virement arrive sur votre compte sous 5 jours ouvrés. S'il n'arrive pas, "
    "écrivez-nous depuis la messagerie sécurisée de votre espace particulier sur "
    "impots.gouv.fr.\n\nCordialement,\nLa DGFiP",
    paraphrase="Bonjour,\n\nVotre remboursement de 420 euros est parti le 2 septembre. Comptez "
    "5 jours ouvrés pour voir le virement sur votre compte. En cas de problème, envoyez-nous "
    "un message depuis la messagerie sécurisée de votre espace sur impots.gouv.fr.\n\n"
    "Cordialement,\nLa DGFiP",
    pompous="Madame, Monsieur,\n\nNous accusons bonne réception de votre courrier et vous "
    "prions de bien vouloir nous excuser ; soyez assuré que votre remboursement de 420 €, émis "
    "le 2 septembre, vous parviendra sous 5 jours ouvrés. Il vous est loisible de nous écrire "
    "via la messagerie sécurisée sur impots.gouv.fr.\n\nVeuillez agréer, Madame, Monsieur, "
    "l'expression de nos salutations distinguées.",
    jargon="Bonjour,\n\nNous vous informons que le remboursement afférent à votre situation, "
    "d'un montant de 420 €, a été ordonnancé le 2 septembre. Le virement interviendra sous "
    "5 jours ouvrés. À défaut, il convient de formuler une requête via la messagerie "
    "sécurisée de votre espace particulier sur impots.gouv.fr.\n\nCordialement,\nLa DGFiP",
    rude="Bonjour,\n\nTon remboursement de 420 € est parti le 2 septembre, sois patient ! Le "
    "virement arrive sous 5 jours ouvrés ! Sinon écris sur impots.gouv.fr, on n'est pas un "
    "guichet !!",
    wrong_fact="Bonjour,\n\nMerci pour votre message. Nous avons émis votre remboursement de "
    "240 € le 2 septembre. Le virement arrive sur votre compte sous 5 jours ouvrés. S'il "
    "n'arrive pas, écrivez-nous depuis la messagerie sécurisée de votre espace particulier "
    "sur impots.gouv.fr.\n\nCordialement,\nLa DGFiP",
    missing_facts="Bonjour,\n\nMerci pour votre message. Nous avons émis votre remboursement de "
    "420 € le 2 septembre.\n\nCordialement,\nLa DGFiP",
    invented="Bonjour,\n\nMerci pour votre message. Nous avons émis votre remboursement de "
    "420 € le 2 septembre. Le virement arrive sur votre compte sous 5 jours ouvrés. S'il "
    "n'arrive pas, nous vous verserons 50 € de dédommagement avant le 30 septembre.\n\n"
    "Cordialement,\nLa DGFiP",
    padded="Bonjour,\n\nMerci pour votre message. Nous tenons à vous préciser que nous avons "
    "bien étudié votre situation. Nous avons émis votre remboursement de 420 € le 2 septembre. "
    "Votre remboursement de 420 € est donc émis depuis le 2 septembre. Le virement arrive sur "
    "votre compte sous 5 jours ouvrés. Il faut compter 5 jours ouvrés pour que le virement "
    "arrive sur votre compte. S'il n'arrive pas, écrivez-nous depuis la messagerie sécurisée de "
    "votre espace particulier sur impots.gouv.fr. Nous restons à votre disposition pour toute "
    "question supplémentaire. Nous espérons avoir répondu à vos attentes.\n\n"
    "Cordialement,\nLa DGFiP",
)

ANTS = Case(
    item=_item(
        "ants-permis",
        "ANTS",
        "Permis bloqué",
        "Ma demande de permis est bloquée depuis des semaines, je ne peux pas travailler.",
        [
            "La demande est bloquée car la photo d'identité est non conforme.",
            "Une nouvelle photo doit être faite par un photographe agréé ou une cabine agréée.",
            "La demande se corrige dans l'espace ANTS, rubrique Mes demandes en cours.",
        ],
        "Bonjour,\n\nVotre demande est bloquée car votre photo d'identité est non conforme. "
        "Faites une nouvelle photo chez un photographe ou dans une cabine agréés, puis corrigez "
        "votre demande dans votre espace ANTS.\n\nCordialement,\nL'ANTS",
        [
            "La demande est bloquée car la photo d'identité est non conforme.",
            "Une nouvelle photo doit être faite par un photographe ou une cabine agréés.",
            "La demande se corrige dans l'espace ANTS.",
        ],
    ),
    good="Bonjour,\n\nMerci pour votre message et désolés pour ce retard. Votre demande est "
    "bloquée car votre photo d'identité est non conforme. Faites une nouvelle photo chez un "
    "photographe ou dans une cabine agréés. Corrigez ensuite votre demande dans votre espace "
    "ANTS, rubrique Mes demandes en cours.\n\nCordialement,\nL'ANTS",
    paraphrase="Bonjour,\n\nVotre photo d'identité n'est pas conforme : c'est pour cela que "
    "votre demande est bloquée. Refaites-la dans une cabine ou chez un photographe agréés. "
    "Ensuite, modifiez votre demande depuis votre espace ANTS.\n\nCordialement,\nL'ANTS",
    pompous="Madame, Monsieur,\n\nJ'ai l'honneur de vous informer que votre demande est "
    "bloquée ; en effet, la photographie d'identité produite est non conforme. Nous vous "
    "saurions gré de bien vouloir faire réaliser une nouvelle photo par un photographe agréé "
    "et de corriger votre demande dans votre espace ANTS.\n\nVeuillez agréer, Madame, "
    "Monsieur, l'expression de nos salutations distinguées.",
    jargon="Bonjour,\n\nVotre demande fait l'objet d'un blocage en raison de la non-conformité "
    "de la photo d'identité. Il convient de procéder à la réalisation d'une nouvelle photo "
    "auprès d'un photographe agréé afin de procéder à la rectification de votre demande dans "
    "votre espace ANTS.\n\nCordialement,\nL'ANTS",
    rude="Bonjour,\n\nTa photo est non conforme, évidemment que ta demande est bloquée ! Refais "
    "ta photo chez un photographe agréé et corrige ta demande dans ton espace ANTS !!",
    wrong_fact="Bonjour,\n\nMerci pour votre message et désolés pour ce retard. Votre demande "
    "est bloquée car votre justificatif de domicile est non conforme. Envoyez un nouveau "
    "justificatif par courrier à votre préfecture.\n\nCordialement,\nL'ANTS",
    missing_facts="Bonjour,\n\nMerci pour votre message et désolés pour ce retard. Votre "
    "demande est en cours.\n\nCordialement,\nL'ANTS",
    invented="Bonjour,\n\nMerci pour votre message et désolés pour ce retard. Votre demande est "
    "bloquée car votre photo d'identité est non conforme. Faites une nouvelle photo chez un "
    "photographe ou dans une cabine agréés. Corrigez ensuite votre demande dans votre espace "
    "ANTS. Votre permis vous sera envoyé sous 48 heures, ou appelez le 09 70 83 07 07.\n\n"
    "Cordialement,\nL'ANTS",
    padded="Bonjour,\n\nMerci pour votre message et désolés pour ce retard. Sachez que nous "
    "avons examiné votre demande. Votre demande est bloquée car votre photo d'identité est non "
    "conforme. La photo d'identité de votre demande n'est en effet pas conforme. Faites une "
    "nouvelle photo chez un photographe ou dans une cabine agréés. Corrigez ensuite votre "
    "demande dans votre espace ANTS. Votre espace ANTS vous permet de corriger votre demande. "
    "Nous restons à votre disposition. N'hésitez pas à nous contacter. Nous espérons que "
    "votre demande aboutira.\n\nCordialement,\nL'ANTS",
)

URSSAF = Case(
    item=_item(
        "urssaf-majoration",
        "Urssaf",
        "Majoration injuste",
        "J'ai payé ma cotisation avec un jour de retard et on me réclame une majoration. "
        "C'est abusif.",
        [
            "Une majoration de retard de 5 % s'applique aux cotisations payées après l'échéance.",
            "Une remise de majoration peut être demandée depuis la messagerie de l'espace en "
            "ligne sur urssaf.fr.",
            "La demande de remise est étudiée sous 1 mois.",
        ],
        "Bonjour,\n\nUne majoration de 5 % s'applique après l'échéance. Vous pouvez demander une "
        "remise depuis la messagerie de votre espace en ligne sur urssaf.fr. Nous étudions "
        "votre demande sous 1 mois.\n\nCordialement,\nL'Urssaf",
        [
            "Une majoration de 5 % s'applique après l'échéance.",
            "Une remise peut être demandée depuis la messagerie de l'espace en ligne sur "
            "urssaf.fr.",
            "La demande de remise est étudiée sous 1 mois.",
        ],
    ),
    good="Bonjour,\n\nMerci pour votre message. Une majoration de 5 % s'applique aux "
    "cotisations payées après l'échéance. Vous pouvez demander une remise de cette majoration "
    "depuis la messagerie de votre espace en ligne sur urssaf.fr. Nous étudions votre "
    "demande sous 1 mois.\n\nCordialement,\nL'Urssaf",
    paraphrase="Bonjour,\n\nQuand une cotisation est payée après l'échéance, une majoration de "
    "5 % s'applique. Pour demander une remise, écrivez-nous par la messagerie de votre espace "
    "sur urssaf.fr. Nous vous répondrons sous un mois.\n\nCordialement,\nL'Urssaf",
    pompous="Madame, Monsieur,\n\nNous accusons bonne réception de votre réclamation, à "
    "laquelle nous avons porté la plus grande attention ; une majoration de 5 % est applicable "
    "après l'échéance. Il vous est loisible de solliciter une remise sur urssaf.fr, laquelle "
    "sera étudiée sous 1 mois.\n\nNous vous prions d'agréer, Madame, Monsieur, l'expression de "
    "nos salutations distinguées.",
    jargon="Bonjour,\n\nNous vous informons qu'une majoration de 5 % est appliquée "
    "conformément à la réglementation en vigueur. Il vous appartient de solliciter une remise "
    "gracieuse via la messagerie de votre espace en ligne sur urssaf.fr. Ladite requête sera "
    "instruite sous 1 mois.\n\nCordialement,\nL'Urssaf",
    rude="Bonjour,\n\nTu as payé en retard, donc tu paies 5 % de plus, c'est la loi ! Demande "
    "une remise sur urssaf.fr si tu veux, on verra sous 1 mois !!",
    wrong_fact="Bonjour,\n\nMerci pour votre message. Une majoration de 10 % s'applique aux "
    "cotisations payées après l'échéance. Vous pouvez demander une remise de cette majoration "
    "depuis la messagerie de votre espace en ligne sur urssaf.fr. Nous étudions votre "
    "demande sous 1 mois.\n\nCordialement,\nL'Urssaf",
    missing_facts="Bonjour,\n\nMerci pour votre message. Nous comprenons votre "
    "mécontentement.\n\nCordialement,\nL'Urssaf",
    invented="Bonjour,\n\nMerci pour votre message. Une majoration de 5 % s'applique aux "
    "cotisations payées après l'échéance. Vous pouvez demander une remise de cette majoration "
    "depuis la messagerie de votre espace en ligne sur urssaf.fr. Nous étudions votre "
    "demande sous 1 mois. Vous pouvez aussi venir à l'agence de Bobigny le 3 juin.\n\n"
    "Cordialement,\nL'Urssaf",
    padded="Bonjour,\n\nMerci pour votre message. Nous tenons à vous préciser que nous avons "
    "bien lu votre message. Une majoration de 5 % s'applique aux cotisations payées après "
    "l'échéance. Les cotisations payées après l'échéance ont donc une majoration de 5 %. Vous "
    "pouvez demander une remise de cette majoration depuis la messagerie de votre espace en "
    "ligne sur urssaf.fr. Nous étudions votre demande sous 1 mois. Votre demande est étudiée "
    "par nos services sous 1 mois. Nous restons à votre disposition. N'hésitez pas à nous "
    "contacter. Nous espérons avoir répondu à votre question.\n\nCordialement,\nL'Urssaf",
)

CASES = [CAF, CPAM, FRANCE_TRAVAIL, IMPOTS, ANTS, URSSAF]
