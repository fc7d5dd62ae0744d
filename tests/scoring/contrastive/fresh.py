# ruff: noqa: E501  (the replies are data, kept one string per line so they read as written)
"""A second held-out batch, written by hand after accuracy 2.0.0 and before looking at why its
held-out pairs failed: sixteen new items over services absent from the gold set (ANTAI, MDPH,
Crous, a town hall, Anah, Agirc-Arrco, Pajemploi, the energy cheque, national service, OFII, a
county council, legal aid, Ircantec, CNRACL), each with a faithful reply, a faithful paraphrase and
one twin per defect class, in phrasings the gold-derived pairs do not use.

Run from the repository root: ``.venv/bin/python tests/scoring/contrastive/fresh.py``. It writes
fresh_items.jsonl (gold-format items), fresh_pairs.jsonl and fresh_paraphrases.jsonl (the format of
pairs.jsonl and paraphrases.jsonl, split "fresh"); the output is committed.

A third batch, split "blind" (eight more items over eight more services), was written once the
scorer's 2.1.0 rules were set, and measured without changing them. The misses of both batches
were then read to write accuracy 2.2.0: they are studied data now, no longer unseen.
"""

import json
from pathlib import Path
from typing import Any

from harness.gold import Experience, GoldItem

HERE = Path(__file__).parent

ITEMS: list[dict[str, Any]] = [
    {
        "id": "fresh-antai-01",
        "service": "ANTAI",
        "experience": (
            "Contravention injuste",
            "J'ai reçu une amende de 135 € pour un excès de vitesse du 8 mars alors que j'avais vendu ma voiture le 2 mars. J'ai contesté en ligne, depuis plus rien. Au téléphone on m'a dit que j'aurais la réponse avant le 30 avril. Je ne paierai pas pour une voiture qui n'est plus à moi.",
            "negative",
            "Marc_T",
        ),
        "context": [
            "La contestation a été enregistrée le 12 mars 2025 sur le site antai.gouv.fr.",
            "Le certificat de cession joint à la contestation est daté du 2 mars 2025, avant l'infraction du 8 mars 2025.",
            "La contestation est transmise à l'officier du ministère public, seul compétent pour l'accepter ou la rejeter.",
            "Tant que l'officier du ministère public n'a pas statué, l'amende n'a pas à être payée.",
            "La décision est envoyée par courrier à l'adresse du titulaire.",
        ],
        "key_facts": [
            "La contestation a été enregistrée le 12 mars 2025.",
            "L'officier du ministère public décide d'accepter ou de rejeter la contestation.",
            "L'amende n'a pas à être payée tant que la décision n'est pas rendue.",
        ],
        "reply": "Bonjour Marc_T,\n\nNous comprenons votre exaspération. Votre contestation a bien été enregistrée le 12 mars 2025, avec le certificat de cession de votre véhicule.\n\nC'est l'officier du ministère public qui examine votre contestation : lui seul peut l'accepter ou la rejeter. Tant qu'il n'a pas rendu sa décision, vous n'avez pas à payer l'amende.\n\nSa décision vous sera envoyée par courrier, à votre adresse.",
        "paraphrase": "Bonjour Marc_T,\n\nVotre agacement est compréhensible. Nous avons bien enregistré votre contestation le 12 mars 2025. Le certificat de cession de votre véhicule y est joint.\n\nVotre contestation est examinée par l'officier du ministère public. Il est le seul à pouvoir l'accepter ou la rejeter. Vous n'avez pas à payer l'amende tant que sa décision n'est pas rendue.\n\nVous recevrez sa décision par courrier.",
        "defects": {
            "claim": ("insert", "Votre amende sera annulée puisque vous aviez vendu le véhicule."),
            "citizen_value": ("insert", "Vous aurez sa réponse avant le 30 avril."),
            "polarity": (
                "Tant qu'il n'a pas rendu sa décision, vous n'avez pas à payer l'amende.",
                "Même avant sa décision, vous devez payer l'amende.",
            ),
            "swapped_term": (
                "C'est l'officier du ministère public qui examine",
                "C'est le tribunal de police qui examine",
            ),
        },
    },
    {
        "id": "fresh-mdph-01",
        "service": "MDPH",
        "experience": (
            "Dossier AAH bloqué",
            "J'ai déposé mon dossier d'allocation adulte handicapé en janvier. On m'avait dit 4 mois maximum, on est en juin. Je vis avec 600 euros par mois, je ne tiens plus. Il me faut une réponse sous 15 jours.",
            "negative",
            "Sylvie_83",
        ),
        "context": [
            "Le dossier de demande d'allocation aux adultes handicapés (AAH) a été reçu complet le 20 janvier 2025.",
            "Le délai moyen de traitement à la MDPH du département est de 6 mois.",
            "Le dossier est en cours d'évaluation par l'équipe pluridisciplinaire. Il passera ensuite devant la commission des droits et de l'autonomie (CDAPH), qui décide.",
            "La décision est notifiée par courrier. Le versement de l'AAH est ensuite fait par la Caf.",
            "Le suivi du dossier est possible sur le portail en ligne de la MDPH.",
        ],
        "key_facts": [
            "Le dossier est complet et en cours d'évaluation par l'équipe pluridisciplinaire.",
            "La commission des droits et de l'autonomie (CDAPH) décide ensuite.",
            "Le délai moyen de traitement est de 6 mois.",
            "L'AAH est versée par la Caf après la décision.",
        ],
        "reply": "Bonjour Sylvie_83,\n\nNous entendons votre difficulté et nous sommes désolés de cette attente. Votre dossier est complet depuis le 20 janvier 2025. Il est en cours d'évaluation par notre équipe pluridisciplinaire.\n\nIl passera ensuite devant la commission des droits et de l'autonomie, qui prend la décision. Le délai moyen de traitement dans notre département est de 6 mois.\n\nVous recevrez la décision par courrier. Si elle vous accorde l'AAH, c'est la Caf qui la versera. Vous pouvez suivre votre dossier sur notre portail en ligne.",
        "paraphrase": "Bonjour Sylvie_83,\n\nNous sommes désolés de cette attente, qui vous met en difficulté. Nous avons reçu votre dossier complet le 20 janvier 2025. Notre équipe pluridisciplinaire est en train de l'évaluer.\n\nEnsuite, la commission des droits et de l'autonomie l'examinera et décidera. Dans notre département, il faut compter 6 mois en moyenne.\n\nLa décision vous sera envoyée par courrier. Si l'AAH vous est accordée, elle sera versée par la Caf. Le suivi de votre dossier est possible sur notre portail en ligne.",
        "defects": {
            "claim": (
                "insert",
                "Nous avons signalé votre situation pour que votre dossier passe à la prochaine commission.",
            ),
            "citizen_value": ("insert", "Vous aurez une réponse sous 15 jours."),
            "polarity": (
                "Votre dossier est complet depuis le 20 janvier 2025.",
                "Votre dossier est incomplet depuis le 20 janvier 2025.",
            ),
            "swapped_term": ("c'est la Caf qui la versera", "c'est la MSA qui la versera"),
        },
    },
    {
        "id": "fresh-crous-01",
        "service": "Crous",
        "experience": (
            "Bourse pas versée",
            "Je suis étudiante en deuxième année, ma bourse n'est toujours pas arrivée alors qu'on est le 15 octobre. Sans les 450 € je ne peux pas payer mon loyer. Sur le site c'est écrit en attente. Vous allez la verser quand ?",
            "negative",
            "Ines.B",
        ),
        "context": [
            "Le dossier social étudiant est validé, échelon 4.",
            "Le versement de la bourse est bloqué car l'attestation d'inscription de l'établissement n'a pas été reçue.",
            "L'attestation d'inscription se dépose sur le site messervices.etudiant.gouv.fr, rubrique « Dossier social étudiant ».",
            "Après réception de l'attestation, le premier versement intervient sous 10 jours, avec les mois en retard.",
        ],
        "key_facts": [
            "Le versement est bloqué faute d'attestation d'inscription.",
            "L'attestation se dépose sur messervices.etudiant.gouv.fr.",
            "Le versement intervient sous 10 jours après réception, avec les mois en retard.",
        ],
        "reply": "Bonjour Ines.B,\n\nNous comprenons votre inquiétude pour votre loyer. Votre dossier social étudiant est bien validé, à l'échelon 4. Le versement de votre bourse est bloqué parce que nous n'avons pas reçu votre attestation d'inscription.\n\nDéposez-la sur messervices.etudiant.gouv.fr, rubrique « Dossier social étudiant ». Votre établissement vous la remet au moment de l'inscription.\n\nDès réception, le premier versement arrive sous 10 jours, avec les mois en retard.",
        "paraphrase": "Bonjour Ines.B,\n\nNous mesurons votre inquiétude au sujet de votre loyer. Nous avons validé votre dossier social étudiant, échelon 4. Il nous manque votre attestation d'inscription : c'est ce qui bloque le versement de votre bourse.\n\nVous pouvez la déposer sur messervices.etudiant.gouv.fr, dans la rubrique « Dossier social étudiant ». Votre établissement vous la donne lors de l'inscription.\n\nUne fois l'attestation reçue, nous faisons le premier versement sous 10 jours, mois en retard compris.",
        "defects": {
            "claim": ("insert", "En attendant, le Crous prend en charge votre loyer de ce mois."),
            "citizen_value": ("insert", "Les 450 € seront sur votre compte dans la semaine."),
            "polarity": (
                "Votre dossier social étudiant est bien validé, à l'échelon 4.",
                "Votre dossier social étudiant n'est pas encore validé.",
            ),
            "swapped_term": (
                "Votre établissement vous la remet",
                "Votre propriétaire vous la remet",
            ),
        },
    },
    {
        "id": "fresh-mairie-01",
        "service": "Mairie",
        "experience": (
            "Acte de naissance introuvable",
            "J'ai demandé une copie intégrale de mon acte de naissance il y a trois semaines pour mon mariage le 12 juillet. Toujours rien reçu. La mairie m'avait promis un envoi en 48 heures. C'est urgent.",
            "negative",
            "Kevin_D",
        ),
        "context": [
            "La demande de copie intégrale d'acte de naissance a été reçue le 3 juin 2025 par le service de l'état civil.",
            "La demande ne comportait pas le nom de la mère, nécessaire pour retrouver l'acte. Un courriel a été envoyé le 5 juin 2025 pour le demander.",
            "Les copies d'actes sont envoyées gratuitement par courrier, sous 5 jours ouvrés après une demande complète.",
            "Le service de l'état civil reçoit aussi sans rendez-vous, du lundi au vendredi de 9h à 12h.",
        ],
        "key_facts": [
            "Il manque le nom de la mère pour retrouver l'acte.",
            "Un courriel le demandant a été envoyé le 5 juin 2025.",
            "La copie est envoyée sous 5 jours ouvrés après une demande complète.",
        ],
        "reply": "Bonjour Kevin_D,\n\nNous comprenons l'urgence avec votre mariage qui approche. Nous avons bien reçu votre demande le 3 juin 2025. Pour retrouver votre acte, il nous manque le nom de votre mère. Nous vous l'avons demandé par courriel le 5 juin 2025.\n\nDès que vous nous l'indiquez, nous vous envoyons la copie intégrale par courrier, sous 5 jours ouvrés. L'envoi est gratuit.\n\nSi c'est plus simple pour vous, le service de l'état civil vous reçoit sans rendez-vous, du lundi au vendredi de 9h à 12h.",
        "paraphrase": "Bonjour Kevin_D,\n\nVotre mariage approche et nous comprenons que ce soit urgent. Votre demande nous est bien parvenue le 3 juin 2025. Il nous manque toutefois le nom de votre mère pour retrouver votre acte. Un courriel vous l'a demandé le 5 juin 2025.\n\nAussitôt que nous l'avons, la copie intégrale part par courrier, sous 5 jours ouvrés. Cet envoi est gratuit.\n\nVous pouvez aussi venir au service de l'état civil, sans rendez-vous, du lundi au vendredi de 9h à 12h.",
        "defects": {
            "claim": (
                "insert",
                "Nous avons d'ailleurs prévenu la mairie de votre mariage pour qu'elle avance la date de publication des bans.",
            ),
            "citizen_value": ("insert", "La copie vous parviendra en 48 heures."),
            "polarity": ("L'envoi est gratuit.", "L'envoi est payant."),
            "swapped_term": (
                "il nous manque le nom de votre mère",
                "il nous manque le nom de votre père",
            ),
        },
    },
    {
        "id": "fresh-anah-01",
        "service": "Anah",
        "experience": (
            "MaPrimeRénov jamais payée",
            "Mes travaux d'isolation sont finis depuis février, j'ai envoyé la facture. On m'avait annoncé 8 000 € de prime. Toujours rien payé. L'artisan me relance. Je veux être payé avant le 1er septembre.",
            "negative",
            "Gerard_R",
        ),
        "context": [
            "La demande de paiement MaPrimeRénov' a été déposée le 14 février 2025.",
            "La facture déposée ne mentionne pas la résistance thermique de l'isolant, obligatoire pour le paiement.",
            "Une facture rectifiée doit être demandée à l'entreprise et déposée dans l'espace personnel sur maprimerenov.gouv.fr.",
            "Le montant de la prime est celui indiqué dans la décision d'attribution : 6 400 €.",
            "Le paiement intervient en moyenne sous 30 jours après une demande complète.",
        ],
        "key_facts": [
            "La facture doit mentionner la résistance thermique de l'isolant.",
            "Une facture rectifiée de l'entreprise se dépose dans l'espace personnel sur maprimerenov.gouv.fr.",
            "La prime est de 6 400 €, comme dans la décision d'attribution.",
            "Le paiement intervient en moyenne sous 30 jours après une demande complète.",
        ],
        "reply": "Bonjour Gerard_R,\n\nNous comprenons votre impatience, d'autant que votre artisan vous relance. Votre demande de paiement du 14 février 2025 est bloquée : la facture ne mentionne pas la résistance thermique de l'isolant. Cette mention est obligatoire pour payer la prime.\n\nDemandez une facture rectifiée à l'entreprise, puis déposez-la dans votre espace personnel sur maprimerenov.gouv.fr.\n\nLe montant de votre prime est celui de la décision d'attribution : 6 400 €. Le paiement arrive en moyenne sous 30 jours après une demande complète.",
        "paraphrase": "Bonjour Gerard_R,\n\nVotre artisan vous relance et nous comprenons votre impatience. Votre demande de paiement, déposée le 14 février 2025, ne peut pas aboutir en l'état. En effet, la résistance thermique de l'isolant ne figure pas sur la facture, alors qu'elle est obligatoire.\n\nIl vous faut une facture rectifiée de l'entreprise. Déposez-la ensuite dans votre espace personnel sur maprimerenov.gouv.fr.\n\nVotre prime s'élève à 6 400 €, le montant de la décision d'attribution. Comptez en moyenne 30 jours après une demande complète pour le paiement.",
        "defects": {
            "claim": (
                "insert",
                "Nous réglerons directement l'artisan pour que vous n'ayez rien à avancer.",
            ),
            "citizen_value": (
                "Le montant de votre prime est celui de la décision d'attribution : 6 400 €.",
                "Le montant de votre prime sera bien de 8 000 €.",
            ),
            "polarity": (
                "Cette mention est obligatoire pour payer la prime.",
                "Cette mention est facultative pour payer la prime.",
            ),
            "swapped_term": (
                "Demandez une facture rectifiée à l'entreprise",
                "Demandez une facture rectifiée à votre banque",
            ),
        },
    },
    {
        "id": "fresh-agirc-01",
        "service": "Agirc-Arrco",
        "experience": (
            "Retraite complémentaire en retard",
            "Retraité depuis le 1er avril, je touche ma retraite de base mais rien de l'Agirc-Arrco. J'ai calculé, il me manque 380 € par mois. On m'a dit que tout serait réglé sous un mois. Ça fait trois mois.",
            "negative",
            "Bernard_59",
        ),
        "context": [
            "La demande de retraite complémentaire a été reçue le 10 février 2025.",
            "Le relevé de carrière comporte une période de 2001 à 2003 sans points, pour laquelle les bulletins de salaire de l'employeur de l'époque sont demandés.",
            "Les justificatifs se déposent dans l'espace personnel sur agirc-arrco.fr, rubrique « Mes documents ».",
            "La retraite complémentaire est versée avec effet au 1er avril 2025, les mensualités en retard comprises.",
        ],
        "key_facts": [
            "Il manque les bulletins de salaire de 2001 à 2003.",
            "Les justificatifs se déposent dans l'espace personnel sur agirc-arrco.fr, rubrique « Mes documents ».",
            "La retraite complémentaire est due à partir du 1er avril 2025, mensualités en retard comprises.",
        ],
        "reply": "Bonjour Bernard_59,\n\nNous comprenons votre mécontentement après trois mois sans votre retraite complémentaire. Nous avons reçu votre demande le 10 février 2025. Pour finir le calcul, il nous manque vos bulletins de salaire de 2001 à 2003 : cette période n'a pas de points sur votre relevé de carrière.\n\nVous pouvez les déposer dans votre espace personnel sur agirc-arrco.fr, rubrique « Mes documents ».\n\nVotre retraite complémentaire vous sera versée à partir du 1er avril 2025. Vous recevrez aussi les mensualités en retard.",
        "paraphrase": "Bonjour Bernard_59,\n\nTrois mois sans votre retraite complémentaire, nous comprenons votre mécontentement. Votre demande nous est parvenue le 10 février 2025. Votre relevé de carrière n'a pas de points de 2001 à 2003 : il nous faut vos bulletins de salaire de cette période pour terminer le calcul.\n\nMerci de les déposer dans votre espace personnel sur agirc-arrco.fr, dans la rubrique « Mes documents ».\n\nVous toucherez votre retraite complémentaire à compter du 1er avril 2025, et les mensualités en retard vous seront versées.",
        "defects": {
            "claim": (
                "insert",
                "Nous vous verserons une avance dès cette semaine, en attendant le calcul définitif.",
            ),
            "citizen_value": (
                "insert",
                "Vous percevrez les 380 € mensuels que vous avez calculés.",
            ),
            "polarity": (
                "Vous recevrez aussi les mensualités en retard.",
                "Les mensualités en retard ne vous seront pas versées.",
            ),
            "swapped_term": (
                "il nous manque vos bulletins de salaire de 2001 à 2003",
                "il nous manque vos avis d'imposition de 2001 à 2003",
            ),
        },
    },
    {
        "id": "fresh-pajemploi-01",
        "service": "Pajemploi",
        "experience": (
            "Nounou pas payée",
            "J'ai déclaré ma nounou comme chaque mois le 28 mai mais elle n'a pas reçu son salaire de 920 €. Elle me dit qu'elle attend toujours. C'est la première fois que ça arrive, je veux que ce soit versé demain.",
            "negative",
            "Claire_P",
        ),
        "context": [
            "La déclaration de mai 2025 a été enregistrée le 28 mai 2025 avec le service Pajemploi+.",
            "Le prélèvement sur le compte de l'employeur a été rejeté par la banque le 3 juin 2025.",
            "En cas de rejet de prélèvement, le salaire n'est pas versé au salarié. L'employeur doit régulariser par virement depuis son compte en ligne sur pajemploi.urssaf.fr.",
            "Après régularisation, le salaire est versé au salarié sous 4 jours ouvrés.",
        ],
        "key_facts": [
            "Le prélèvement a été rejeté par la banque le 3 juin 2025.",
            "L'employeur doit régulariser par virement depuis son compte en ligne sur pajemploi.urssaf.fr.",
            "Le salaire est versé sous 4 jours ouvrés après régularisation.",
        ],
        "reply": "Bonjour Claire_P,\n\nNous comprenons votre gêne vis-à-vis de votre assistante maternelle. Votre déclaration de mai a bien été enregistrée le 28 mai 2025. En revanche, votre banque a rejeté le prélèvement le 3 juin 2025. Dans ce cas, nous ne pouvons pas verser le salaire.\n\nPour régulariser, faites un virement depuis votre compte en ligne sur pajemploi.urssaf.fr.\n\nLe salaire sera versé à votre assistante maternelle sous 4 jours ouvrés après votre régularisation.",
        "paraphrase": "Bonjour Claire_P,\n\nNous comprenons que cette situation vous gêne vis-à-vis de votre assistante maternelle. Nous avons bien enregistré votre déclaration de mai le 28 mai 2025. Mais le prélèvement a été rejeté par votre banque le 3 juin 2025, et le salaire ne peut alors pas être versé.\n\nVous pouvez régulariser par virement, depuis votre compte en ligne sur pajemploi.urssaf.fr.\n\nVotre assistante maternelle recevra son salaire sous 4 jours ouvrés après la régularisation.",
        "defects": {
            "claim": ("insert", "Les frais de rejet vous seront remboursés par nos soins."),
            "citizen_value": ("insert", "Les 920 € seront versés dès demain."),
            "polarity": (
                "En revanche, votre banque a rejeté le prélèvement le 3 juin 2025.",
                "Votre banque a accepté le prélèvement le 3 juin 2025.",
            ),
            "swapped_term": (
                "faites un virement depuis votre compte en ligne",
                "faites un chèque depuis votre compte en ligne",
            ),
        },
    },
    {
        "id": "fresh-energie-01",
        "service": "Chèque énergie",
        "experience": (
            "Pas reçu le chèque énergie",
            "Tous mes voisins ont reçu leur chèque énergie en avril, moi rien alors que j'ai les mêmes revenus. L'an dernier j'avais eu 194 €. J'aimerais le recevoir avant l'hiver.",
            "neutral",
            "Odile_V",
        ),
        "context": [
            "Le chèque énergie est attribué automatiquement à partir de la déclaration de revenus et de la taxe d'habitation de l'année précédente.",
            "Pour ce foyer, aucune déclaration de revenus 2023 n'a été reçue par les services fiscaux.",
            "Sans déclaration de revenus, le chèque énergie ne peut pas être attribué.",
            "Une réclamation est possible sur chequeenergie.gouv.fr, rubrique « Je n'ai pas reçu mon chèque », après avoir déposé la déclaration.",
        ],
        "key_facts": [
            "Aucune déclaration de revenus 2023 n'a été reçue.",
            "Sans déclaration de revenus, le chèque énergie ne peut pas être attribué.",
            "Une réclamation est possible sur chequeenergie.gouv.fr après avoir déposé la déclaration.",
        ],
        "reply": "Bonjour Odile_V,\n\nMerci pour votre message. Le chèque énergie est attribué automatiquement à partir de la déclaration de revenus. Or, les services fiscaux n'ont reçu aucune déclaration de revenus 2023 pour votre foyer. Sans elle, nous ne pouvons pas vous attribuer le chèque.\n\nDéposez d'abord votre déclaration auprès des services fiscaux. Vous pourrez ensuite faire une réclamation sur chequeenergie.gouv.fr, rubrique « Je n'ai pas reçu mon chèque ».",
        "paraphrase": "Bonjour Odile_V,\n\nNous vous remercions de nous avoir écrit. Nous attribuons le chèque énergie automatiquement, d'après la déclaration de revenus. Pour votre foyer, les services fiscaux n'ont reçu aucune déclaration de revenus 2023, et le chèque ne peut pas vous être attribué sans elle.\n\nCommencez par déposer votre déclaration auprès des services fiscaux. Une réclamation sera ensuite possible sur chequeenergie.gouv.fr, rubrique « Je n'ai pas reçu mon chèque ».",
        "defects": {
            "claim": (
                "insert",
                "Votre chèque vous sera envoyé d'office dès que votre déclaration sera enregistrée.",
            ),
            "citizen_value": ("insert", "Vous recevrez ensuite vos 194 € comme l'an dernier."),
            "polarity": (
                "Or, les services fiscaux n'ont reçu aucune déclaration de revenus 2023 pour votre foyer.",
                "Or, les services fiscaux ont bien reçu votre déclaration de revenus 2023.",
            ),
            "swapped_term": (
                "Déposez d'abord votre déclaration auprès des services fiscaux.",
                "Déposez d'abord votre déclaration auprès de votre mairie.",
            ),
        },
    },
    {
        "id": "fresh-jdc-01",
        "service": "Service national",
        "experience": (
            "Certificat JDC",
            "Mon fils a fait sa JDC le 14 novembre mais il n'a jamais eu son certificat. Il passe le permis le 20 mars et l'auto-école le réclame. On nous avait dit qu'il serait envoyé sous huit jours. Aidez-nous.",
            "negative",
            "Maman_de_Theo",
        ),
        "context": [
            "La journée défense et citoyenneté (JDC) a été effectuée le 14 novembre 2024.",
            "Le certificat individuel de participation se télécharge sur majdc.fr, dans l'espace du jeune, rubrique « Mes documents ».",
            "Il n'est pas envoyé par courrier.",
            "Le jeune doit créer son compte sur majdc.fr avec son numéro de convocation.",
        ],
        "key_facts": [
            "Le certificat se télécharge sur majdc.fr, rubrique « Mes documents ».",
            "Il n'est pas envoyé par courrier.",
            "Le jeune crée son compte avec son numéro de convocation.",
        ],
        "reply": "Bonjour,\n\nMerci pour votre message. Votre fils a bien effectué sa JDC le 14 novembre 2024. Le certificat n'est pas envoyé par courrier : il se télécharge sur majdc.fr.\n\nVotre fils doit d'abord créer son compte sur majdc.fr avec son numéro de convocation. Il trouvera ensuite son certificat dans la rubrique « Mes documents ».\n\nIl pourra alors le remettre à son auto-école. Bonne chance à lui pour son permis.",
        "paraphrase": "Bonjour,\n\nNous vous remercions pour votre message. La JDC de votre fils a bien été effectuée le 14 novembre 2024. Son certificat ne part pas par courrier, il faut le télécharger sur majdc.fr.\n\nPour cela, votre fils crée son compte sur majdc.fr à l'aide de son numéro de convocation. Le certificat se trouve ensuite dans la rubrique « Mes documents ».\n\nIl n'aura plus qu'à le donner à son auto-école. Nous lui souhaitons bonne chance pour son permis.",
        "defects": {
            "claim": (
                "insert",
                "Nous avons aussi prévenu son auto-école que sa JDC était validée.",
            ),
            "citizen_value": ("insert", "Nous lui enverrons aussi un exemplaire sous huit jours."),
            "polarity": (
                "Le certificat n'est pas envoyé par courrier : il se télécharge sur majdc.fr.",
                "Le certificat lui est envoyé par courrier, il n'a rien à télécharger.",
            ),
            "swapped_term": (
                "avec son numéro de convocation",
                "avec son numéro de sécurité sociale",
            ),
        },
    },
    {
        "id": "fresh-ofii-01",
        "service": "OFII",
        "experience": (
            "Allocation demandeur d'asile",
            "Je suis demandeur d'asile depuis janvier. Mon allocation ADA a été coupée en mai sans explication. Je n'ai que ça pour vivre, 14 € par jour. Un ami dit que tout sera rétabli le 1er juillet, c'est vrai ?",
            "negative",
            "Amadou_K",
        ),
        "context": [
            "Le versement de l'allocation pour demandeur d'asile (ADA) a été suspendu le 2 mai 2025 car le bénéficiaire ne s'est pas présenté à son rendez-vous du 24 avril 2025 à la direction territoriale de l'OFII.",
            "Pour demander le rétablissement, le bénéficiaire doit écrire à la direction territoriale en expliquant le motif de son absence, avec un justificatif.",
            "La direction territoriale répond par écrit. Si l'allocation est rétablie, elle l'est à compter de la demande, sans rappel des jours passés.",
        ],
        "key_facts": [
            "L'ADA est suspendue depuis le 2 mai 2025 pour absence au rendez-vous du 24 avril 2025.",
            "Le bénéficiaire doit écrire à la direction territoriale avec le motif et un justificatif.",
            "Un rétablissement vaut à compter de la demande, sans rappel des jours passés.",
        ],
        "reply": "Bonjour Amadou_K,\n\nNous comprenons que cette situation est très difficile. Votre allocation est suspendue depuis le 2 mai 2025, parce que vous ne vous êtes pas présenté à votre rendez-vous du 24 avril 2025 à notre direction territoriale.\n\nPour demander son rétablissement, écrivez à la direction territoriale. Expliquez pourquoi vous étiez absent et joignez un justificatif.\n\nLa direction territoriale vous répondra par écrit. Si votre allocation est rétablie, elle le sera à partir de votre demande, sans rappel des jours passés.",
        "paraphrase": "Bonjour Amadou_K,\n\nNous mesurons combien cette situation est difficile. Depuis le 2 mai 2025, votre allocation est suspendue : vous étiez absent à votre rendez-vous du 24 avril 2025 à notre direction territoriale.\n\nVous pouvez en demander le rétablissement par écrit à la direction territoriale, en expliquant le motif de votre absence et en joignant un justificatif.\n\nVous recevrez sa réponse par écrit. En cas de rétablissement, l'allocation reprendra à partir de votre demande, sans rappel des jours passés.",
        "defects": {
            "claim": ("insert", "Votre hébergement est maintenu pendant cette période."),
            "citizen_value": ("insert", "Votre allocation sera rétablie le 1er juillet."),
            "polarity": ("sans rappel des jours passés.", "avec le rappel des jours passés."),
            "swapped_term": ("écrivez à la direction territoriale", "écrivez à la préfecture"),
        },
    },
    {
        "id": "fresh-apa-01",
        "service": "Conseil départemental",
        "experience": (
            "APA pour ma mère",
            "Ma mère de 87 ans a déposé une demande d'APA il y a deux mois. Elle ne peut plus rester seule. Personne n'est venu la voir. On nous avait parlé de 20 heures d'aide par mois. Quand est-ce que ça commence ?",
            "negative",
            "Fabienne_M",
        ),
        "context": [
            "La demande d'allocation personnalisée d'autonomie (APA) à domicile a été reçue complète le 2 avril 2025.",
            "Une visite à domicile de l'équipe médico-sociale est nécessaire pour évaluer la perte d'autonomie et proposer un plan d'aide.",
            "La visite de la demandeuse est programmée le 17 juin 2025 ; un courrier de confirmation a été envoyé.",
            "Le président du conseil départemental notifie la décision dans les 2 mois suivant le dossier complet. Le nombre d'heures d'aide est fixé par le plan d'aide.",
        ],
        "key_facts": [
            "La visite de l'équipe médico-sociale est programmée le 17 juin 2025.",
            "Le nombre d'heures d'aide est fixé par le plan d'aide après la visite.",
            "La décision est notifiée dans les 2 mois suivant le dossier complet.",
        ],
        "reply": "Bonjour Fabienne_M,\n\nNous comprenons votre inquiétude pour votre mère. Sa demande d'APA est complète depuis le 2 avril 2025. Avant toute décision, notre équipe médico-sociale doit lui rendre visite, pour évaluer sa perte d'autonomie.\n\nCette visite est programmée le 17 juin 2025. Un courrier de confirmation lui a été envoyé.\n\nLe nombre d'heures d'aide sera fixé dans le plan d'aide proposé après la visite. La décision est notifiée dans les 2 mois qui suivent le dossier complet.",
        "paraphrase": "Bonjour Fabienne_M,\n\nNous comprenons que vous soyez inquiète pour votre mère. Nous avons son dossier d'APA complet depuis le 2 avril 2025. Notre équipe médico-sociale doit d'abord se rendre chez elle pour évaluer sa perte d'autonomie.\n\nLa visite aura lieu le 17 juin 2025. Votre mère a reçu un courrier qui le confirme.\n\nAprès la visite, un plan d'aide fixera le nombre d'heures d'aide. La décision est notifiée dans les 2 mois qui suivent le dossier complet.",
        "defects": {
            "claim": (
                "insert",
                "En attendant, une aide à domicile d'urgence sera mise en place dès la semaine prochaine.",
            ),
            "citizen_value": ("insert", "Elle aura bien ses 20 heures d'aide par mois."),
            "polarity": (
                "Avant toute décision, notre équipe médico-sociale doit lui rendre visite",
                "Aucune visite de notre équipe médico-sociale n'est nécessaire avant la décision",
            ),
            "swapped_term": (
                "Le nombre d'heures d'aide sera fixé dans le plan d'aide proposé après la visite.",
                "Le nombre d'heures d'aide sera fixé par son médecin traitant après la visite.",
            ),
        },
    },
    {
        "id": "fresh-aj-01",
        "service": "Aide juridictionnelle",
        "experience": (
            "Demande d'aide juridictionnelle",
            "J'ai envoyé ma demande d'aide juridictionnelle pour mon divorce en mars. Mon audience est le 9 septembre. L'avocate me dit qu'elle attend la décision pour commencer. Je croyais que c'était accordé en un mois.",
            "neutral",
            "Sabrina_L",
        ),
        "context": [
            "La demande d'aide juridictionnelle a été reçue le 18 mars 2025 par le bureau d'aide juridictionnelle du tribunal judiciaire.",
            "Il manque l'avis d'imposition 2024 du foyer, demandé par courrier le 2 avril 2025.",
            "La demande peut être complétée en ligne sur le site aidejuridictionnelle.justice.fr, avec le numéro de dossier.",
            "La décision est envoyée à la demanderesse et à son avocat.",
        ],
        "key_facts": [
            "Il manque l'avis d'imposition 2024, demandé le 2 avril 2025.",
            "La demande se complète en ligne sur aidejuridictionnelle.justice.fr avec le numéro de dossier.",
            "La décision est envoyée à la demanderesse et à son avocat.",
        ],
        "reply": "Bonjour Sabrina_L,\n\nMerci pour votre message. Le bureau d'aide juridictionnelle a bien reçu votre demande le 18 mars 2025. Il y manque l'avis d'imposition 2024 de votre foyer, que nous vous avons demandé par courrier le 2 avril 2025.\n\nVous pouvez compléter votre demande en ligne sur aidejuridictionnelle.justice.fr, avec votre numéro de dossier.\n\nLa décision sera envoyée à vous et à votre avocate.",
        "paraphrase": "Bonjour Sabrina_L,\n\nNous vous remercions pour votre message. Votre demande est arrivée au bureau d'aide juridictionnelle le 18 mars 2025. L'avis d'imposition 2024 de votre foyer n'y figure pas ; un courrier du 2 avril 2025 vous l'a demandé.\n\nIl vous est possible de compléter votre demande en ligne, sur aidejuridictionnelle.justice.fr, grâce à votre numéro de dossier.\n\nVous et votre avocate recevrez la décision.",
        "defects": {
            "claim": (
                "insert",
                "Votre aide juridictionnelle sera totale, vos frais d'avocat seront donc entièrement pris en charge.",
            ),
            "citizen_value": ("insert", "La décision sera rendue en un mois."),
            "polarity": (
                "Vous pouvez compléter votre demande en ligne sur aidejuridictionnelle.justice.fr, avec votre numéro de dossier.",
                "Vous ne pouvez pas compléter votre demande en ligne sur aidejuridictionnelle.justice.fr.",
            ),
            "swapped_term": (
                "Il y manque l'avis d'imposition 2024 de votre foyer",
                "Il y manque le jugement de divorce de votre foyer",
            ),
        },
    },
    {
        "id": "fresh-ircantec-01",
        "service": "Ircantec",
        "experience": (
            "Points manquants",
            "Je suis contractuelle à l'hôpital depuis 2015. Sur mon relevé Ircantec il manque les années 2018 et 2019. J'ai appelé deux fois, on m'a dit que ce serait corrigé avant la fin de l'année. Je veux une confirmation écrite.",
            "neutral",
            "Nathalie_G",
        ),
        "context": [
            "Les années 2018 et 2019 ne figurent pas sur le relevé de points car l'employeur n'a pas transmis les déclarations de ces années.",
            "L'Ircantec a demandé ces déclarations à l'employeur le 12 mai 2025.",
            "L'affilié peut envoyer ses bulletins de salaire de 2018 et 2019 depuis son espace personnel sur ircantec.retraites.fr pour accélérer la correction.",
            "Les points sont ajoutés au relevé dès réception des déclarations ou des bulletins.",
        ],
        "key_facts": [
            "L'employeur n'a pas transmis les déclarations de 2018 et 2019.",
            "L'Ircantec les a demandées à l'employeur le 12 mai 2025.",
            "Les bulletins de salaire peuvent être envoyés depuis l'espace personnel sur ircantec.retraites.fr.",
        ],
        "reply": "Bonjour Nathalie_G,\n\nNous confirmons votre remarque. Les années 2018 et 2019 manquent sur votre relevé parce que votre employeur ne nous a pas transmis ses déclarations pour ces années. Nous les lui avons demandées le 12 mai 2025.\n\nPour accélérer la correction, vous pouvez nous envoyer vos bulletins de salaire de 2018 et 2019 depuis votre espace personnel sur ircantec.retraites.fr.\n\nLes points seront ajoutés à votre relevé dès que nous aurons les déclarations ou vos bulletins.",
        "paraphrase": "Bonjour Nathalie_G,\n\nVous avez raison. Votre employeur ne nous a pas transmis ses déclarations pour 2018 et 2019 : c'est pourquoi ces années manquent sur votre relevé. Nous lui avons demandé ces déclarations le 12 mai 2025.\n\nLa correction ira plus vite si vous nous transmettez vos bulletins de salaire de 2018 et 2019, depuis votre espace personnel sur ircantec.retraites.fr.\n\nNous ajouterons les points à votre relevé dès réception des déclarations ou de vos bulletins.",
        "defects": {
            "claim": (
                "insert",
                "Nous vous attribuerons d'office les points de ces deux années, même sans les déclarations.",
            ),
            "citizen_value": ("insert", "Votre relevé sera corrigé avant la fin de l'année."),
            "polarity": (
                "parce que votre employeur ne nous a pas transmis ses déclarations pour ces années",
                "alors que votre employeur nous a bien transmis ses déclarations pour ces années",
            ),
            "swapped_term": (
                "vous pouvez nous envoyer vos bulletins de salaire de 2018 et 2019",
                "vous pouvez nous envoyer vos relevés bancaires de 2018 et 2019",
            ),
        },
    },
    {
        "id": "fresh-cnracl-01",
        "service": "CNRACL",
        "experience": (
            "Départ en retraite",
            "Aide-soignante à l'hôpital, je pars en retraite le 1er octobre. J'ai fait ma demande en avril et je n'ai aucune nouvelle. Ma collègue a eu son titre de pension en 3 semaines. Est-ce que je serai payée le 1er novembre ?",
            "neutral",
            "Josiane_H",
        ),
        "context": [
            "La demande de retraite est transmise à la CNRACL par l'employeur, qui constitue le dossier.",
            "Pour cette agente, le dossier n'a pas encore été transmis par l'hôpital employeur.",
            "L'employeur doit transmettre le dossier au plus tard 6 mois avant la date de départ. Le service des ressources humaines de l'hôpital est l'interlocuteur de l'agente.",
            "La première pension est versée à la fin du mois suivant la date de départ, si le dossier est reçu à temps.",
        ],
        "key_facts": [
            "Le dossier est constitué et transmis par l'employeur.",
            "L'hôpital n'a pas encore transmis le dossier.",
            "Le service des ressources humaines de l'hôpital est l'interlocuteur.",
            "La première pension est versée à la fin du mois suivant le départ si le dossier arrive à temps.",
        ],
        "reply": "Bonjour Josiane_H,\n\nMerci pour votre message. Pour les agents hospitaliers, c'est l'employeur qui constitue le dossier de retraite et qui nous le transmet. À ce jour, nous n'avons pas encore reçu votre dossier de la part de l'hôpital.\n\nNous vous conseillons de contacter le service des ressources humaines de votre hôpital : c'est votre interlocuteur pour ce dossier.\n\nSi votre dossier nous parvient à temps, votre première pension sera versée à la fin du mois qui suit votre départ.",
        "paraphrase": "Bonjour Josiane_H,\n\nNous vous remercions pour votre message. Quand on est agent hospitalier, le dossier de retraite est constitué par l'employeur, qui nous l'envoie. Votre hôpital ne nous l'a pas encore transmis.\n\nLe mieux est de vous adresser au service des ressources humaines de votre hôpital, qui est votre interlocuteur.\n\nSi nous recevons votre dossier à temps, vous toucherez votre première pension à la fin du mois suivant votre départ.",
        "defects": {
            "claim": (
                "insert",
                "Nous avons relancé l'hôpital pour qu'il nous l'envoie en priorité.",
            ),
            "citizen_value": ("insert", "Vous serez bien payée le 1er novembre."),
            "polarity": (
                "À ce jour, nous n'avons pas encore reçu votre dossier de la part de l'hôpital.",
                "Nous avons déjà reçu votre dossier de la part de l'hôpital.",
            ),
            "swapped_term": (
                "contacter le service des ressources humaines de votre hôpital",
                "contacter le service des admissions de votre hôpital",
            ),
        },
    },
    {
        "id": "fresh-crous-02",
        "service": "Crous",
        "experience": (
            "Caution du logement",
            "J'ai quitté ma chambre en résidence Crous le 30 juin. Ma caution de 300 € ne m'a toujours pas été rendue. L'état des lieux était parfait. On m'avait dit que c'était remboursé en 15 jours.",
            "negative",
            "Yanis_R",
        ),
        "context": [
            "L'état des lieux de sortie du 30 juin 2025 ne mentionne aucune dégradation.",
            "Le dépôt de garantie est restitué par virement sur le compte dont le RIB a été fourni, dans un délai d'un mois après la sortie.",
            "Pour ce résident, aucun RIB n'a été enregistré dans son espace trouverunlogement.lescrous.fr.",
            "Le RIB se dépose dans l'espace, rubrique « Mon dossier ».",
        ],
        "key_facts": [
            "L'état des lieux ne mentionne aucune dégradation.",
            "Aucun RIB n'est enregistré ; il se dépose dans l'espace, rubrique « Mon dossier ».",
            "Le dépôt de garantie est restitué par virement dans un délai d'un mois après la sortie.",
        ],
        "reply": "Bonjour Yanis_R,\n\nMerci pour votre message. Votre état des lieux de sortie du 30 juin 2025 ne mentionne aucune dégradation : votre dépôt de garantie vous sera donc rendu.\n\nNous le restituons par virement, dans un délai d'un mois après la sortie. Or, nous n'avons aucun RIB enregistré pour vous. Déposez-le dans votre espace trouverunlogement.lescrous.fr, rubrique « Mon dossier ».",
        "paraphrase": "Bonjour Yanis_R,\n\nNous vous remercions pour votre message. Aucune dégradation n'est notée dans votre état des lieux de sortie du 30 juin 2025, et votre dépôt de garantie vous sera donc restitué.\n\nLa restitution se fait par virement, dans un délai d'un mois après la sortie. Il nous manque cependant votre RIB. Vous pouvez le déposer dans votre espace trouverunlogement.lescrous.fr, rubrique « Mon dossier ».",
        "defects": {
            "claim": ("insert", "Nous y ajouterons des intérêts pour le retard."),
            "citizen_value": ("insert", "Le remboursement sera fait en 15 jours."),
            "polarity": (
                "Votre état des lieux de sortie du 30 juin 2025 ne mentionne aucune dégradation : votre dépôt de garantie vous sera donc rendu.",
                "Votre état des lieux de sortie du 30 juin 2025 mentionne des dégradations : votre dépôt de garantie ne vous sera donc pas rendu.",
            ),
            "swapped_term": ("Nous le restituons par virement", "Nous le restituons par chèque"),
        },
    },
    {
        "id": "fresh-mairie-02",
        "service": "Mairie",
        "experience": (
            "Inscription sur les listes électorales",
            "Je viens d'emménager dans votre commune et je voudrais voter aux municipales de mars. Une amie m'a dit qu'il fallait s'inscrire avant le 31 décembre et qu'on recevait sa carte électorale en 48 heures. Comment je fais ?",
            "neutral",
            "Lucas_F",
        ),
        "context": [
            "L'inscription sur les listes électorales est possible jusqu'au sixième vendredi avant le scrutin.",
            "Elle se fait en ligne sur service-public.fr ou à l'accueil de la mairie, avec une pièce d'identité et un justificatif de domicile de moins de 3 mois.",
            "La carte électorale est envoyée par courrier avant le scrutin.",
        ],
        "key_facts": [
            "L'inscription est possible jusqu'au sixième vendredi avant le scrutin.",
            "Elle se fait sur service-public.fr ou à l'accueil de la mairie.",
            "Il faut une pièce d'identité et un justificatif de domicile de moins de 3 mois.",
            "La carte électorale est envoyée par courrier avant le scrutin.",
        ],
        "reply": "Bonjour Lucas_F,\n\nBienvenue dans notre commune. Vous pouvez vous inscrire sur les listes électorales jusqu'au sixième vendredi avant le scrutin.\n\nL'inscription se fait en ligne sur service-public.fr ou à l'accueil de la mairie. Munissez-vous d'une pièce d'identité et d'un justificatif de domicile de moins de 3 mois.\n\nVotre carte électorale vous sera envoyée par courrier avant le scrutin.",
        "paraphrase": "Bonjour Lucas_F,\n\nBienvenue chez nous. L'inscription sur les listes électorales reste possible jusqu'au sixième vendredi avant le scrutin.\n\nVous pouvez vous inscrire en ligne sur service-public.fr, ou à l'accueil de la mairie. Prévoyez une pièce d'identité et un justificatif de domicile de moins de 3 mois.\n\nVous recevrez votre carte électorale par courrier avant le scrutin.",
        "defects": {
            "claim": (
                "insert",
                "Votre inscription sera faite automatiquement dès que vous aurez changé d'adresse auprès des impôts.",
            ),
            "citizen_value": (
                "Votre carte électorale vous sera envoyée par courrier avant le scrutin.",
                "Votre carte électorale vous sera envoyée par courrier en 48 heures.",
            ),
            "polarity": (
                "Munissez-vous d'une pièce d'identité et d'un justificatif de domicile de moins de 3 mois.",
                "Aucune pièce d'identité ni justificatif de domicile ne vous sera demandé.",
            ),
            "swapped_term": (
                "un justificatif de domicile de moins de 3 mois",
                "un avis d'imposition de moins de 3 mois",
            ),
        },
    },
]

# Written after accuracy 2.1.0's rules were set, to measure them on cases no rule was changed for.
ITEMS_BLIND: list[dict[str, Any]] = [
    {
        "id": "blind-region-01",
        "service": "Transport scolaire",
        "split": "blind",
        "experience": (
            "Carte de bus jamais reçue",
            "J'ai inscrit ma fille au transport scolaire en juillet et payé 90 €. La rentrée était il y a deux semaines et toujours pas de carte. Le chauffeur la laisse monter pour l'instant mais il a dit que ça ne durerait pas. Je veux la carte avant lundi.",
            "negative",
            "Celine_B",
        ),
        "context": [
            "L'inscription au transport scolaire a été enregistrée le 12 juillet 2025 et le paiement de 90 € reçu le même jour.",
            "La photo d'identité déposée a été refusée car elle est floue. Un courriel le signalant a été envoyé le 20 août 2025.",
            "Une nouvelle photo se dépose sur le portail transports de la Région, rubrique « Mes inscriptions ».",
            "La carte est fabriquée puis envoyée par courrier sous 10 jours après réception d'une photo conforme.",
            "En attendant, l'élève peut monter dans le car en présentant le courriel de confirmation d'inscription.",
        ],
        "key_facts": [
            "La photo d'identité a été refusée car floue ; un courriel l'a signalé le 20 août 2025.",
            "Une nouvelle photo se dépose sur le portail transports, rubrique « Mes inscriptions ».",
            "La carte est envoyée sous 10 jours après réception d'une photo conforme.",
            "En attendant, l'élève monte dans le car avec le courriel de confirmation d'inscription.",
        ],
        "reply": "Bonjour Celine_B,\n\nNous comprenons votre inquiétude. L'inscription de votre fille est bien enregistrée depuis le 12 juillet 2025, et votre paiement de 90 € a été reçu. En revanche, la photo d'identité a été refusée car elle était floue. Nous vous l'avons signalé par courriel le 20 août 2025.\n\nDéposez une nouvelle photo sur le portail transports de la Région, rubrique « Mes inscriptions ». La carte est envoyée par courrier sous 10 jours après réception d'une photo conforme.\n\nEn attendant, votre fille peut monter dans le car en présentant le courriel de confirmation d'inscription.",
        "paraphrase": "Bonjour Celine_B,\n\nNous entendons votre inquiétude. Votre fille est inscrite depuis le 12 juillet 2025 et nous avons reçu vos 90 €. Sa photo d'identité, trop floue, n'a cependant pas pu être acceptée ; un courriel du 20 août 2025 vous en a informée.\n\nMerci de déposer une autre photo sur le portail transports de la Région, dans la rubrique « Mes inscriptions ». Une fois la photo conforme reçue, la carte part par courrier sous 10 jours.\n\nD'ici là, votre fille peut prendre le car en montrant le courriel de confirmation d'inscription.",
        "defects": {
            "claim": (
                "insert",
                "Nous avons demandé au transporteur de lui fournir une carte provisoire dès demain.",
            ),
            "citizen_value": ("insert", "Vous aurez la carte avant lundi."),
            "polarity": (
                "En revanche, la photo d'identité a été refusée car elle était floue.",
                "La photo d'identité a été acceptée.",
            ),
            "swapped_term": (
                "en présentant le courriel de confirmation d'inscription",
                "en présentant son certificat de scolarité",
            ),
        },
    },
    {
        "id": "blind-ccas-01",
        "service": "CCAS",
        "split": "blind",
        "experience": (
            "Aide pour la facture d'électricité",
            "J'ai demandé une aide au CCAS pour ma facture d'électricité de 480 € il y a un mois. On m'a dit que la commission se réunissait le 10. Rien reçu. Ils vont me couper le courant.",
            "negative",
            "Rachid_M",
        ),
        "context": [
            "La demande d'aide facultative pour l'énergie a été reçue le 3 mars 2025.",
            "Elle sera examinée par la commission permanente du 24 mars 2025.",
            "Si l'aide est accordée, elle est versée directement au fournisseur d'énergie, pas au demandeur.",
            "Un travailleur social peut demander au fournisseur de suspendre la coupure pendant l'examen du dossier. Le demandeur doit pour cela prendre rendez-vous à l'accueil du CCAS.",
        ],
        "key_facts": [
            "La demande sera examinée par la commission du 24 mars 2025.",
            "L'aide accordée est versée directement au fournisseur, pas au demandeur.",
            "Un travailleur social peut demander la suspension de la coupure ; il faut prendre rendez-vous à l'accueil du CCAS.",
        ],
        "reply": "Bonjour Rachid_M,\n\nNous comprenons votre inquiétude. Votre demande d'aide a bien été reçue le 3 mars 2025. Elle sera examinée par la commission du 24 mars 2025.\n\nSi l'aide vous est accordée, elle sera versée directement à votre fournisseur d'énergie, et non à vous.\n\nPour éviter la coupure, prenez rendez-vous à l'accueil du CCAS : un travailleur social peut demander à votre fournisseur de suspendre la coupure pendant l'examen de votre dossier.",
        "paraphrase": "Bonjour Rachid_M,\n\nNous mesurons votre inquiétude. Nous avons reçu votre demande d'aide le 3 mars 2025 ; la commission du 24 mars 2025 l'examinera.\n\nEn cas d'accord, le montant sera payé directement à votre fournisseur d'énergie, pas à vous.\n\nUn travailleur social peut demander à votre fournisseur de suspendre la coupure le temps de l'examen. Pour cela, prenez rendez-vous à l'accueil du CCAS.",
        "defects": {
            "claim": ("insert", "Votre facture sera réglée intégralement par le CCAS."),
            "citizen_value": (
                "Elle sera examinée par la commission du 24 mars 2025.",
                "Elle sera examinée par la commission du 10.",
            ),
            "polarity": (
                "elle sera versée directement à votre fournisseur d'énergie, et non à vous",
                "elle ne sera pas versée à votre fournisseur d'énergie mais à vous",
            ),
            "swapped_term": (
                "prenez rendez-vous à l'accueil du CCAS",
                "prenez rendez-vous auprès de votre fournisseur",
            ),
        },
    },
    {
        "id": "blind-douane-01",
        "service": "Douane",
        "split": "blind",
        "experience": (
            "Colis bloqué",
            "Mon colis venant des États-Unis est bloqué depuis 3 semaines. Le transporteur me demande de payer 62 € de taxes. C'est un cadeau d'une amie, je ne devrais rien payer. On m'a dit que ce serait débloqué sous 48 heures.",
            "negative",
            "Julie_V",
        ),
        "context": [
            "Les envois entre particuliers venant d'un pays hors de l'Union européenne sont exonérés de droits et de TVA si leur valeur ne dépasse pas 45 €.",
            "La déclaration jointe au colis indique une valeur de 180 €. Les droits et la TVA sont donc dus.",
            "Les taxes sont payées au transporteur, qui les reverse à la douane.",
            "Si la valeur déclarée est erronée, le destinataire peut contester auprès du bureau de douane indiqué sur l'avis du transporteur, avec une preuve de la valeur réelle.",
        ],
        "key_facts": [
            "Les cadeaux entre particuliers hors UE sont exonérés jusqu'à 45 €.",
            "La valeur déclarée est de 180 €, donc les droits et la TVA sont dus.",
            "Les taxes se paient au transporteur.",
            "Une contestation est possible auprès du bureau de douane indiqué sur l'avis, avec une preuve de la valeur réelle.",
        ],
        "reply": "Bonjour Julie_V,\n\nMerci pour votre message. Un cadeau envoyé par un particulier depuis un pays hors de l'Union européenne est exonéré de taxes s'il vaut 45 € au plus. Or, la déclaration jointe à votre colis indique une valeur de 180 €. Les droits et la TVA sont donc dus.\n\nCes taxes se paient au transporteur, qui les reverse à la douane.\n\nSi la valeur déclarée est fausse, vous pouvez la contester auprès du bureau de douane indiqué sur l'avis du transporteur. Joignez une preuve de la valeur réelle.",
        "paraphrase": "Bonjour Julie_V,\n\nNous vous remercions pour votre message. Les cadeaux entre particuliers venant d'un pays hors de l'Union européenne ne sont exonérés que jusqu'à 45 €. La déclaration de votre colis mentionne 180 € : les droits et la TVA sont donc dus.\n\nVous les payez au transporteur, qui les reverse ensuite à la douane.\n\nSi cette valeur est erronée, contestez-la auprès du bureau de douane indiqué sur l'avis du transporteur, en fournissant une preuve de la valeur réelle.",
        "defects": {
            "claim": (
                "insert",
                "Le montant payé vous sera rendu si votre amie confirme qu'il s'agit d'un cadeau.",
            ),
            "citizen_value": ("insert", "Votre colis sera débloqué sous 48 heures."),
            "polarity": (
                "Les droits et la TVA sont donc dus.",
                "Vous n'avez donc ni droits ni TVA à payer.",
            ),
            "swapped_term": (
                "vous pouvez la contester auprès du bureau de douane indiqué sur l'avis du transporteur",
                "vous pouvez la contester auprès de votre centre des impôts",
            ),
        },
    },
    {
        "id": "blind-sie-01",
        "service": "Service des impôts des entreprises",
        "split": "blind",
        "experience": (
            "Remboursement de crédit de TVA",
            "J'ai demandé le remboursement de mon crédit de TVA de 3 400 € en janvier. Mon comptable dit que c'est payé en un mois normalement. Ma trésorerie est à sec. Quand allez-vous payer ?",
            "negative",
            "Atelier_Morel",
        ),
        "context": [
            "La demande de remboursement de crédit de TVA a été déposée le 20 janvier 2025 dans l'espace professionnel.",
            "Le service a demandé le 5 février 2025, par la messagerie de l'espace professionnel, les factures d'achat justifiant le crédit.",
            "Ces factures n'ont pas été reçues. Sans elles, la demande ne peut pas être instruite.",
            "Le remboursement est effectué par virement sur le compte bancaire de l'entreprise après instruction.",
        ],
        "key_facts": [
            "Les factures d'achat ont été demandées le 5 février 2025 par la messagerie de l'espace professionnel.",
            "Sans ces factures, la demande ne peut pas être instruite.",
            "Le remboursement est fait par virement sur le compte de l'entreprise après instruction.",
        ],
        "reply": "Bonjour,\n\nMerci pour votre message. Votre demande de remboursement a bien été déposée le 20 janvier 2025. Le 5 février 2025, nous vous avons demandé, par la messagerie de votre espace professionnel, les factures d'achat qui justifient ce crédit.\n\nNous ne les avons pas reçues. Sans elles, nous ne pouvons pas instruire votre demande.\n\nDès qu'elle sera instruite, le remboursement sera fait par virement sur le compte bancaire de votre entreprise.",
        "paraphrase": "Bonjour,\n\nNous vous remercions pour votre message. Vous avez déposé votre demande de remboursement le 20 janvier 2025. Nous vous avons ensuite réclamé, le 5 février 2025 via la messagerie de votre espace professionnel, les factures d'achat justifiant le crédit.\n\nCes factures ne nous sont pas parvenues, et votre demande ne peut pas être instruite sans elles.\n\nUne fois l'instruction terminée, nous virerons le remboursement sur le compte bancaire de votre entreprise.",
        "defects": {
            "claim": (
                "insert",
                "Nous pouvons vous accorder un délai de paiement pour votre prochaine échéance de TVA.",
            ),
            "citizen_value": ("insert", "Vous serez remboursé en un mois."),
            "polarity": ("Nous ne les avons pas reçues.", "Nous les avons bien reçues."),
            "swapped_term": (
                "les factures d'achat qui justifient ce crédit",
                "les relevés bancaires qui justifient ce crédit",
            ),
        },
    },
    {
        "id": "blind-universite-01",
        "service": "Université",
        "split": "blind",
        "experience": (
            "Diplôme introuvable",
            "J'ai eu ma licence en juin 2023 et je n'ai toujours pas mon diplôme. Mon employeur le réclame pour ma titularisation le 1er octobre. La scolarité m'avait dit qu'il serait prêt en décembre 2023.",
            "negative",
            "Amandine_L",
        ),
        "context": [
            "Le diplôme de licence de la promotion 2023 est disponible depuis le 15 mars 2025.",
            "Il se retire au bureau des diplômes, sur rendez-vous pris en ligne, avec une pièce d'identité.",
            "Il peut aussi être envoyé par courrier recommandé, sur demande écrite accompagnée d'une copie de la pièce d'identité et d'une enveloppe affranchie.",
            "En attendant, l'attestation de réussite téléchargeable dans l'espace numérique de travail a la même valeur pour un employeur.",
        ],
        "key_facts": [
            "Le diplôme est disponible depuis le 15 mars 2025.",
            "Il se retire au bureau des diplômes sur rendez-vous, avec une pièce d'identité, ou s'envoie en recommandé sur demande écrite.",
            "L'attestation de réussite de l'espace numérique de travail vaut pour un employeur.",
        ],
        "reply": "Bonjour Amandine_L,\n\nNous sommes désolés de ce délai. Votre diplôme de licence est disponible depuis le 15 mars 2025.\n\nVous pouvez le retirer au bureau des diplômes, sur rendez-vous pris en ligne, avec une pièce d'identité. Vous pouvez aussi le recevoir en courrier recommandé : envoyez-nous une demande écrite, avec une copie de votre pièce d'identité et une enveloppe affranchie.\n\nPour votre employeur, l'attestation de réussite téléchargeable dans votre espace numérique de travail a la même valeur que le diplôme.",
        "paraphrase": "Bonjour Amandine_L,\n\nNous regrettons ce retard. Depuis le 15 mars 2025, votre diplôme de licence est disponible.\n\nRetirez-le au bureau des diplômes après avoir pris rendez-vous en ligne, muni d'une pièce d'identité. Si vous préférez un envoi en recommandé, adressez-nous une demande écrite accompagnée d'une copie de votre pièce d'identité et d'une enveloppe affranchie.\n\nVotre employeur peut accepter l'attestation de réussite de votre espace numérique de travail : elle a la même valeur que le diplôme.",
        "defects": {
            "claim": (
                "insert",
                "Nous vous l'enverrons sans frais, à titre de geste pour ce retard.",
            ),
            "citizen_value": ("insert", "Il vous parviendra avant le 1er octobre."),
            "polarity": (
                "a la même valeur que le diplôme",
                "n'a pas la même valeur que le diplôme",
            ),
            "swapped_term": (
                "Vous pouvez le retirer au bureau des diplômes",
                "Vous pouvez le retirer au secrétariat de votre UFR",
            ),
        },
    },
    {
        "id": "blind-logement-01",
        "service": "Logement social",
        "split": "blind",
        "experience": (
            "Demande de logement social",
            "Ma demande de logement social a 2 ans. Je vis à 4 dans un 2 pièces. On m'avait dit qu'avec mes enfants je serais prioritaire et logé en 6 mois. Que faire ?",
            "negative",
            "Fatou_D",
        ),
        "context": [
            "La demande de logement social a été enregistrée le 14 mai 2023 ; son numéro unique figure sur l'attestation d'enregistrement.",
            "La demande doit être renouvelée chaque année ; elle a été renouvelée le 2 mai 2025.",
            "Une situation de sur-occupation peut être signalée en mettant à jour la demande sur le portail grand public de la demande de logement social.",
            "En cas de délai anormalement long, un recours est possible devant la commission de médiation DALO du département.",
        ],
        "key_facts": [
            "La demande est active, renouvelée le 2 mai 2025.",
            "La sur-occupation se signale en mettant à jour la demande sur le portail de la demande de logement social.",
            "Un recours devant la commission de médiation DALO est possible en cas de délai anormalement long.",
        ],
        "reply": "Bonjour Fatou_D,\n\nNous comprenons combien vivre à quatre dans un deux pièces est difficile. Votre demande est bien active : elle a été renouvelée le 2 mai 2025.\n\nPensez à signaler votre sur-occupation en mettant à jour votre demande sur le portail de la demande de logement social.\n\nComme le délai est anormalement long, vous pouvez aussi faire un recours devant la commission de médiation DALO de votre département.",
        "paraphrase": "Bonjour Fatou_D,\n\nVivre à quatre dans un deux pièces est difficile, nous le comprenons. Votre demande, renouvelée le 2 mai 2025, est toujours active.\n\nMettez-la à jour sur le portail de la demande de logement social pour signaler que votre logement est sur-occupé.\n\nLe délai étant anormalement long, un recours devant la commission de médiation DALO de votre département vous est aussi ouvert.",
        "defects": {
            "claim": (
                "insert",
                "Votre dossier sera présenté à la prochaine commission d'attribution.",
            ),
            "citizen_value": ("insert", "Vous serez logée dans les 6 mois."),
            "polarity": (
                "Votre demande est bien active : elle a été renouvelée le 2 mai 2025.",
                "Votre demande n'est plus active depuis le 2 mai 2025.",
            ),
            "swapped_term": (
                "devant la commission de médiation DALO de votre département",
                "devant le tribunal administratif de votre département",
            ),
        },
    },
    {
        "id": "blind-cnil-01",
        "service": "Cnil",
        "split": "blind",
        "experience": (
            "Plainte sans réponse",
            "J'ai déposé une plainte contre un site qui refuse d'effacer mes données il y a 4 mois. Aucune nouvelle. On m'avait promis une réponse en 2 mois. Est-ce que le site va payer une amende ?",
            "negative",
            "Thomas_G",
        ),
        "context": [
            "La plainte a été enregistrée le 8 janvier 2025 sous le numéro indiqué dans l'accusé de réception.",
            "Elle est en cours d'instruction : la Cnil a écrit à l'organisme le 3 mars 2025 pour lui demander de s'expliquer.",
            "La Cnil ne communique pas de délai de traitement, qui dépend de la réponse de l'organisme.",
            "Une sanction éventuelle est décidée par la formation restreinte de la Cnil, à l'issue d'une procédure distincte.",
        ],
        "key_facts": [
            "La plainte est en cours d'instruction ; la Cnil a écrit à l'organisme le 3 mars 2025.",
            "Aucun délai de traitement n'est communiqué.",
            "Une sanction relève de la formation restreinte, dans une procédure distincte.",
        ],
        "reply": "Bonjour Thomas_G,\n\nMerci pour votre message. Votre plainte, enregistrée le 8 janvier 2025, est en cours d'instruction. Nous avons écrit à l'organisme le 3 mars 2025 pour lui demander de s'expliquer.\n\nNous ne pouvons pas vous donner de délai : il dépend de la réponse de l'organisme.\n\nUne éventuelle sanction est décidée par la formation restreinte de la Cnil, dans une procédure distincte.",
        "paraphrase": "Bonjour Thomas_G,\n\nNous vous remercions pour votre message. Enregistrée le 8 janvier 2025, votre plainte est en cours d'instruction : le 3 mars 2025, nous avons demandé à l'organisme de s'expliquer.\n\nLe délai dépend de sa réponse, et nous ne pouvons donc pas vous l'indiquer.\n\nSi une sanction devait être prononcée, elle le serait par la formation restreinte de la Cnil, au terme d'une procédure distincte.",
        "defects": {
            "claim": ("insert", "Le site sera sanctionné et vos données effacées."),
            "citizen_value": ("insert", "Vous aurez une réponse d'ici 2 mois."),
            "polarity": (
                "Votre plainte, enregistrée le 8 janvier 2025, est en cours d'instruction.",
                "Votre plainte, enregistrée le 8 janvier 2025, a été classée sans suite.",
            ),
            "swapped_term": (
                "est décidée par la formation restreinte de la Cnil",
                "est décidée par le tribunal judiciaire",
            ),
        },
    },
    {
        "id": "blind-servicecivique-01",
        "service": "Agence du Service civique",
        "split": "blind",
        "experience": (
            "Indemnité pas versée",
            "J'ai commencé mon service civique le 1er septembre et je n'ai pas été payé fin septembre. Mon tuteur dit que c'est normal au début. J'ai besoin de mes 620 € pour le loyer.",
            "neutral",
            "Nolan_P",
        ),
        "context": [
            "Le contrat d'engagement de service civique a été validé le 25 septembre 2025 par l'organisme d'accueil.",
            "L'indemnité est versée par l'Agence de services et de paiement (ASP) à la fin de chaque mois.",
            "Pour un contrat validé après le 20 du mois, le premier versement est fait le mois suivant, avec un rappel pour le mois écoulé.",
            "Le volontaire suit ses paiements dans son espace sur le site de l'ASP.",
        ],
        "key_facts": [
            "Le contrat a été validé le 25 septembre 2025, après le 20 du mois.",
            "Le premier versement arrive donc fin octobre, avec un rappel pour septembre.",
            "L'indemnité est versée par l'ASP ; les paiements se suivent dans l'espace sur son site.",
        ],
        "reply": "Bonjour Nolan_P,\n\nMerci pour votre message. Votre contrat a été validé le 25 septembre 2025 par votre organisme d'accueil, donc après le 20 du mois.\n\nDans ce cas, le premier versement est fait le mois suivant : vous recevrez fin octobre votre indemnité d'octobre, avec un rappel pour septembre.\n\nL'indemnité est versée par l'Agence de services et de paiement (ASP). Vous pouvez suivre vos paiements dans votre espace sur son site.",
        "paraphrase": "Bonjour Nolan_P,\n\nNous vous remercions pour votre message. Votre organisme d'accueil a validé votre contrat le 25 septembre 2025, c'est-à-dire après le 20 du mois.\n\nLe premier versement a alors lieu le mois suivant : fin octobre, vous toucherez votre indemnité d'octobre et un rappel pour septembre.\n\nC'est l'Agence de services et de paiement (ASP) qui verse l'indemnité ; vos paiements se suivent dans votre espace sur son site.",
        "defects": {
            "claim": (
                "insert",
                "Une avance peut vous être versée sur simple demande à votre tuteur.",
            ),
            "citizen_value": ("insert", "Les 620 € seront sur votre compte dès cette semaine."),
            "polarity": ("avec un rappel pour septembre", "sans rappel pour septembre"),
            "swapped_term": (
                "L'indemnité est versée par l'Agence de services et de paiement (ASP).",
                "L'indemnité est versée par votre organisme d'accueil.",
            ),
        },
    },
]


def insert(reply: str, sentence: str) -> str:
    """``sentence`` added at the end of the paragraph before the reply's last one."""
    parts = reply.split("\n\n")
    where = max(1, len(parts) - 2)
    parts[where] = parts[where].rstrip() + " " + sentence
    return "\n\n".join(parts)


def write(rows: list[dict[str, Any]], prefix: str) -> None:
    """``rows`` written as PREFIX_items.jsonl, PREFIX_pairs.jsonl and PREFIX_paraphrases.jsonl,
    each row in the split it names or, by default, in split PREFIX: the one writer of every
    hand-written batch (blind2.py uses it too)."""
    items, pairs, paraphrases = [], [], []
    for row in rows:
        title, text, sentiment, pseudonym = row["experience"]
        item = GoldItem(
            id=row["id"],
            service=row["service"],
            experience=Experience(title=title, text=text, sentiment=sentiment, pseudonym=pseudonym),
            context=row["context"],
            reply=row["reply"],
            key_facts=row["key_facts"],
            source="constructed",
        )
        items.append(item.model_dump(mode="json", exclude_none=True))
        common = {"item": item.id, "service": item.service, "split": row.get("split", prefix)}
        for kind, (old, new) in row["defects"].items():
            if old == "insert":
                defective, defect = insert(item.reply, new), f"adds: {new}"
            else:
                assert item.reply.count(old) == 1, (item.id, kind)
                defective, defect = item.reply.replace(old, new), f"{new} for {old}"
            pairs.append(
                {
                    "id": f"{item.id}-{kind}",
                    **common,
                    "class": kind,
                    "faithful": item.reply,
                    "defective": defective,
                    "defect": defect,
                }
            )
        paraphrases.append(
            {
                "id": f"{item.id}-paraphrase",
                **common,
                "faithful": item.reply,
                "paraphrase": row["paraphrase"],
            }
        )
    for name, lines in (("items", items), ("pairs", pairs), ("paraphrases", paraphrases)):
        with (HERE / f"{prefix}_{name}.jsonl").open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(len(items), "items,", len(pairs), "pairs,", len(paraphrases), "paraphrases")


def main() -> None:
    write(ITEMS + ITEMS_BLIND, "fresh")


if __name__ == "__main__":
    main()
