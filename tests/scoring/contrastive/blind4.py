# ruff: noqa: E501  (the replies are data, kept one string per line so they read as written)
"""A sixth hand-written batch, split "blind4": ten items over ten services absent from the gold
set and from every earlier batch (the national criminal records office, ONIAM, Enim, the
Police nationale, a commercial court registry, CNIEG, a municipal car pound, the national
asylum court, a family judge and a fire and rescue service), written without reading the
scorer, its settings or any accuracy result, to measure the scorer once on cases nobody tuned
it on.

Each item has a faithful reply, a faithful paraphrase and five twins with one defect each: an
invented statement without a number ("claim"), one with a number ("claim_number"), a value the
citizen wrote turned into a commitment ("citizen_value"), a key fact with the opposite sense
("polarity") and a right kind of term tied to the wrong thing ("swapped_term").

Run from the repository root: ``.venv/bin/python tests/scoring/contrastive/blind4.py``. It writes
blind4_items.jsonl, blind4_pairs.jsonl and blind4_paraphrases.jsonl with fresh.py's writer; the
output is committed.
"""

from typing import Any

from fresh import write

ITEMS: list[dict[str, Any]] = [
    {
        "id": "blind4-casier-01",
        "service": "Casier judiciaire national",
        "experience": (
            "Extrait de casier judiciaire jamais reçu",
            "J'ai demandé mon bulletin n° 3 sur internet le 14 octobre pour un poste dans une crèche. On m'avait dit que je l'aurais en 48 heures. Trois semaines plus tard, rien, et mon futur employeur s'impatiente. Je suis né à Casablanca, est-ce que ça change quelque chose ?",
            "negative",
            "Youssef_K",
        ),
        "context": [
            "La demande de bulletin n° 3 a été enregistrée le 14 octobre 2025 sur casier-judiciaire.justice.gouv.fr.",
            "Pour une personne née à l'étranger, l'identité doit être vérifiée par le Service central d'état civil avant la délivrance du bulletin.",
            "Cette vérification a été demandée le 16 octobre 2025 ; elle est toujours en cours.",
            "Pour une personne née à l'étranger, le bulletin n° 3 est envoyé uniquement par courrier postal, à l'adresse indiquée dans la demande.",
            "Une nouvelle demande ne réduit pas le délai de délivrance.",
            "Le bulletin n° 3 est gratuit.",
        ],
        "key_facts": [
            "Le demandeur étant né à l'étranger, sa demande du 14 octobre 2025 attend la vérification d'identité du Service central d'état civil, toujours en cours.",
            "Le bulletin sera envoyé uniquement par courrier postal.",
            "Il est inutile de refaire une demande : cela ne réduit pas le délai.",
        ],
        "reply": "Bonjour Youssef_K,\n\nJe comprends que cette attente vous gêne pour votre embauche. Votre demande de bulletin n° 3 a bien été enregistrée le 14 octobre 2025. Comme vous êtes né à l'étranger, votre identité doit d'abord être vérifiée par le Service central d'état civil. Nous lui avons demandé cette vérification le 16 octobre 2025 et elle est toujours en cours.\n\nUne fois la vérification terminée, votre bulletin vous sera adressé par courrier postal uniquement, à l'adresse indiquée dans votre demande. Il est inutile d'en déposer une nouvelle : cela ne raccourcirait pas le délai.\n\nCe document est gratuit.",
        "paraphrase": "Bonjour Youssef_K,\n\nNe refaites pas de demande, le délai n'en serait pas réduit. Celle que vous avez faite le 14 octobre 2025 est bien enregistrée. Vous êtes né hors de France : avant de délivrer le bulletin n° 3, nous devons faire contrôler votre identité par le Service central d'état civil. Ce contrôle, demandé le 16 octobre 2025, n'est pas encore terminé.\n\nEnsuite, le bulletin, qui est gratuit, partira par la poste à l'adresse portée sur votre demande ; il ne peut pas vous être transmis autrement.",
        "defects": {
            "claim": (
                "insert",
                "Votre demande a été signalée comme urgente au service concerné.",
            ),
            "claim_number": (
                "insert",
                "Pour suivre cette vérification, appelez le 02 51 89 89 51 en semaine.",
            ),
            "citizen_value": (
                "insert",
                "Vous le recevrez ensuite sous 48 heures.",
            ),
            "polarity": (
                "elle est toujours en cours",
                "elle est désormais achevée",
            ),
            "swapped_term": (
                "par courrier postal uniquement",
                "par courriel uniquement",
            ),
        },
    },
    {
        "id": "blind4-oniam-01",
        "service": "ONIAM",
        "experience": (
            "Toujours pas d'offre après l'avis de la commission",
            "Après une infection attrapée à la clinique lors de mon opération du genou, j'ai saisi la commission régionale. Mon avocat dit que l'avis est favorable. On m'avait parlé de 25 000 € versés sous deux mois. Cela fait cinq mois que j'attends l'offre de l'ONIAM.",
            "negative",
            "Josiane_L",
        ),
        "context": [
            "La commission de conciliation et d'indemnisation d'Île-de-France a rendu le 12 mai 2025 un avis retenant une infection nosocomiale indemnisée au titre de la solidarité nationale.",
            "L'ONIAM a reçu cet avis le 3 juin 2025.",
            "Pour chiffrer son offre, l'ONIAM a demandé le 20 juin 2025 les justificatifs de perte de revenus : avis d'imposition 2022 à 2024 et attestations d'indemnités journalières.",
            "Ces justificatifs n'ont pas encore été reçus.",
            "L'ONIAM dispose de 4 mois pour présenter une offre à compter de la réception d'un dossier complet.",
            "Les pièces peuvent être envoyées par courrier ou déposées sur l'espace de dépôt sécurisé indiqué dans la lettre du 20 juin 2025.",
        ],
        "key_facts": [
            "L'avis de la commission du 12 mai 2025 retient la solidarité nationale ; l'ONIAM l'a reçu le 3 juin 2025.",
            "Les justificatifs de perte de revenus demandés le 20 juin 2025 n'ont pas été reçus.",
            "Le délai de 4 mois pour présenter l'offre court à partir du dossier complet.",
        ],
        "reply": "Bonjour Josiane_L,\n\nNous comprenons que cette attente soit pénible après ce que vous avez vécu. La commission de conciliation et d'indemnisation a rendu son avis le 12 mai 2025 : votre infection est indemnisée au titre de la solidarité nationale. Nous avons reçu cet avis le 3 juin 2025.\n\nPour calculer notre offre, nous vous avons demandé le 20 juin 2025 vos justificatifs de perte de revenus : vos avis d'imposition 2022 à 2024 et vos attestations d'indemnités journalières. Nous ne les avons pas encore reçus. Vous pouvez les envoyer par courrier ou les déposer sur l'espace sécurisé indiqué dans notre lettre.\n\nNous disposons de 4 mois pour vous présenter une offre, à compter de la réception de votre dossier complet.",
        "paraphrase": "Bonjour Josiane_L,\n\nIl nous manque encore vos justificatifs de perte de revenus, réclamés le 20 juin 2025 : avis d'imposition de 2022, 2023 et 2024, et attestations d'indemnités journalières. Déposez-les sur l'espace sécurisé mentionné dans notre courrier, ou adressez-les-nous par la poste. C'est à partir du moment où votre dossier sera complet que courra notre délai de 4 mois pour vous faire une offre.\n\nL'avis de la commission de conciliation et d'indemnisation, daté du 12 mai 2025 et arrivé chez nous le 3 juin 2025, retient bien une indemnisation par la solidarité nationale.",
        "defects": {
            "claim": (
                "insert",
                "Il ne sera pas nécessaire de vous soumettre à une nouvelle expertise médicale.",
            ),
            "claim_number": (
                "insert",
                "Une avance de 5 000 € peut vous être versée dès maintenant.",
            ),
            "citizen_value": (
                "insert",
                "Notre offre sera de l'ordre de 25 000 €, ainsi qu'on vous l'a annoncé.",
            ),
            "polarity": (
                "à compter de la réception de votre dossier complet",
                "sans attendre que votre dossier soit complet",
            ),
            "swapped_term": (
                "Nous avons reçu cet avis le 3 juin 2025.",
                "Nous avons reçu cet avis le 20 juin 2025.",
            ),
        },
    },
    {
        "id": "blind4-enim-01",
        "service": "Enim",
        "experience": (
            "Ma pension de marin est trop basse",
            "Je suis à la retraite depuis le 1er mars après 32 ans de mer. Ma pension est de 1 480 € alors qu'au téléphone on m'avait annoncé 1 750 €. Je pense qu'il manque mes années au commerce, avant la pêche.",
            "negative",
            "Yannick_29",
        ),
        "context": [
            "La pension de retraite du marin est versée depuis le 1er mars 2025 ; son montant mensuel brut est de 1 482,30 €.",
            "Le calcul retient 372 mois de services à la pêche.",
            "Les 41 mois de navigation au commerce de 1988 à 1991 n'ont pas été pris en compte, car ils ne figurent pas dans le relevé de services.",
            "Pour les faire ajouter, le marin doit fournir ses livrets professionnels maritimes ou les attestations d'embarquement de l'armateur pour cette période.",
            "Les pièces s'adressent au service des pensions de l'Enim à Paimpol ou se déposent dans l'espace personnel sur enim.eu.",
            "En cas de révision, le rappel est versé avec effet au 1er mars 2025.",
        ],
        "key_facts": [
            "Les 41 mois au commerce (1988 à 1991) n'ont pas été comptés, car ils sont absents du relevé de services.",
            "Il faut fournir les livrets professionnels maritimes ou les attestations d'embarquement de l'armateur, au service des pensions à Paimpol ou sur enim.eu.",
            "En cas de révision, le rappel remonte au 1er mars 2025.",
        ],
        "reply": "Bonjour Yannick_29,\n\nVotre pension de marin vous est versée depuis le 1er mars 2025. Son montant brut est de 1 482,30 € par mois, calculé sur 372 mois de services à la pêche.\n\nVos 41 mois de navigation au commerce, de 1988 à 1991, ne figurent pas dans votre relevé de services : ils n'ont donc pas été comptés. Pour que nous puissions les ajouter, envoyez-nous vos livrets professionnels maritimes ou les attestations d'embarquement de l'armateur. Vous pouvez les adresser au service des pensions à Paimpol ou les déposer dans votre espace personnel sur enim.eu.\n\nSi votre pension est révisée, le rappel vous sera versé à partir du 1er mars 2025.",
        "paraphrase": "Bonjour Yannick_29,\n\nVous avez raison de penser à vos années au commerce : les 41 mois navigués de 1988 à 1991 sont absents de votre relevé de services, et nous n'avons donc pas pu les retenir. Seuls vos 372 mois à la pêche ont servi au calcul, d'où une pension brute de 1 482,30 € par mois, payée depuis le 1er mars 2025.\n\nFaites-nous parvenir vos livrets professionnels maritimes, ou à défaut les attestations d'embarquement délivrées par l'armateur, soit par courrier au service des pensions de Paimpol, soit en ligne dans votre espace personnel enim.eu. Une éventuelle révision prendrait effet au 1er mars 2025, avec le rappel correspondant.",
        "defects": {
            "claim": (
                "insert",
                "Votre ancien armateur sera contacté directement par nos services pour obtenir ces attestations.",
            ),
            "claim_number": (
                "insert",
                "Votre pension passera alors à 1 690 € brut par mois.",
            ),
            "citizen_value": (
                "insert",
                "Le montant de 1 750 € qui vous a été annoncé au téléphone sera bien retenu.",
            ),
            "polarity": (
                "ils n'ont donc pas été comptés",
                "ils ont donc déjà été comptés",
            ),
            "swapped_term": (
                "au service des pensions à Paimpol",
                "au service des pensions à Saint-Malo",
            ),
        },
    },
    {
        "id": "blind4-police-01",
        "service": "Police nationale",
        "experience": (
            "Copie de ma plainte pour l'assurance",
            "On m'a volé mon téléphone dans le métro à Lyon le 2 septembre. J'ai porté plainte au commissariat du 3e le lendemain. Mon assurance réclame une copie de la plainte ; au commissariat, on m'a dit que je la recevrais par mail sous 8 jours. Je n'ai rien reçu.",
            "negative",
            "Camille_R",
        ),
        "context": [
            "La plainte pour vol a été enregistrée le 3 septembre 2025 au commissariat de Lyon 3e ; un récépissé de dépôt de plainte a été remis au plaignant le jour même.",
            "Les assureurs acceptent habituellement le récépissé de dépôt de plainte pour un vol.",
            "Une copie du procès-verbal de plainte peut être demandée gratuitement au commissariat où la plainte a été déposée, sur présentation d'une pièce d'identité.",
            "Les copies de procès-verbal ne sont pas envoyées par courriel.",
            "Le numéro IMEI du téléphone n'a pas été indiqué dans la plainte ; il peut être ajouté par une déclaration complémentaire au même commissariat.",
        ],
        "key_facts": [
            "La plainte a été enregistrée le 3 septembre 2025 et un récépissé, que les assureurs acceptent habituellement, a été remis le jour même.",
            "La copie du procès-verbal se demande gratuitement au commissariat de Lyon 3e avec une pièce d'identité ; elle n'est pas envoyée par courriel.",
            "Le numéro IMEI peut être ajouté par une déclaration complémentaire au même commissariat.",
        ],
        "reply": "Bonjour Camille_R,\n\nVotre plainte pour vol a bien été enregistrée le 3 septembre 2025 au commissariat de Lyon 3e, et un récépissé vous a été remis le jour même. C'est ce récépissé que les assureurs acceptent habituellement en cas de vol : transmettez-le d'abord au vôtre.\n\nSi votre assureur exige malgré tout la copie du procès-verbal, vous pouvez la demander gratuitement au commissariat de Lyon 3e, muni d'une pièce d'identité. Ces copies ne sont pas envoyées par courriel.\n\nEnfin, le numéro IMEI de votre téléphone n'apparaît pas dans votre plainte. Vous pouvez l'ajouter en faisant une déclaration complémentaire au même commissariat.",
        "paraphrase": "Bonjour Camille_R,\n\nPensez à compléter votre plainte : le numéro IMEI de votre téléphone n'y a pas été noté, et une déclaration complémentaire au commissariat de Lyon 3e suffit pour l'ajouter.\n\nPour votre assurance, le récépissé remis le 3 septembre 2025, jour où votre plainte pour vol a été enregistrée, est en général accepté. Si l'on vous demande quand même le procès-verbal, sa copie est gratuite et se retire sur place, dans ce même commissariat, avec une pièce d'identité : nous ne l'envoyons pas par courriel.",
        "defects": {
            "claim": (
                "insert",
                "Votre opérateur a déjà été informé du vol par nos services.",
            ),
            "claim_number": (
                "insert",
                "Comptez 10 jours ouvrés pour obtenir cette copie.",
            ),
            "citizen_value": (
                "insert",
                "Elle vous sera remise sous 8 jours, comme on vous l'a annoncé au commissariat.",
            ),
            "polarity": (
                "Ces copies ne sont pas envoyées par courriel.",
                "Ces copies ne sont envoyées que par courriel.",
            ),
            "swapped_term": (
                "en faisant une déclaration complémentaire au même commissariat",
                "en faisant une déclaration complémentaire à la brigade de gendarmerie la plus proche",
            ),
        },
    },
    {
        "id": "blind4-greffe-tc-01",
        "service": "Greffe du tribunal de commerce",
        "experience": (
            "Radiation de ma SARL pas faite",
            "J'ai fermé ma petite SARL de plomberie et déposé la radiation sur le guichet unique le 8 juillet. Mon comptable m'avait assuré que ce serait réglé en une semaine et qu'il n'y aurait rien à payer. Je reçois encore des relances de cotisations.",
            "negative",
            "Serge_P",
        ),
        "context": [
            "Le guichet unique a transmis la demande de radiation de la SARL au greffe du tribunal de commerce de Nantes le 9 juillet 2025.",
            "Le greffe a rejeté la formalité le 18 juillet 2025, car les comptes de liquidation approuvés n'étaient pas joints.",
            "Le motif du rejet a été notifié dans l'espace du déclarant sur le guichet unique.",
            "Pour régulariser, il faut déposer une nouvelle formalité sur le guichet unique avec les comptes de liquidation et le procès-verbal de l'assemblée qui les approuve.",
            "Tant que la radiation n'est pas inscrite au registre du commerce et des sociétés, la société existe juridiquement.",
            "Les frais de greffe pour la radiation sont de 13,93 €.",
        ],
        "key_facts": [
            "La formalité a été rejetée le 18 juillet 2025, faute des comptes de liquidation approuvés.",
            "Il faut déposer une nouvelle formalité sur le guichet unique avec les comptes de liquidation et le procès-verbal d'approbation.",
            "Tant que la radiation n'est pas inscrite au registre, la société existe toujours.",
        ],
        "reply": "Bonjour Serge_P,\n\nLe guichet unique nous a transmis votre demande de radiation le 9 juillet 2025. Nous avons dû la rejeter le 18 juillet 2025, car les comptes de liquidation approuvés n'y étaient pas joints. Le motif du rejet est indiqué dans votre espace sur le guichet unique.\n\nPour régulariser, déposez une nouvelle formalité sur le guichet unique, avec les comptes de liquidation et le procès-verbal de l'assemblée qui les approuve. Les frais de greffe pour la radiation sont de 13,93 €.\n\nTant que la radiation n'est pas inscrite au registre du commerce et des sociétés, votre société existe toujours.",
        "paraphrase": "Bonjour Serge_P,\n\nAux yeux du registre du commerce et des sociétés, votre SARL existe encore : la radiation n'y a pas été inscrite. En effet, la demande reçue du guichet unique le 9 juillet 2025 ne comportait pas les comptes de liquidation approuvés, et nous l'avons refusée le 18 juillet 2025 ; vous trouverez ce motif dans votre espace du guichet unique.\n\nIl vous faut refaire une formalité sur le guichet unique en y joignant ces comptes ainsi que le procès-verbal de l'assemblée qui les a approuvés. La radiation coûte 13,93 € de frais de greffe.",
        "defects": {
            "claim": (
                "insert",
                "Aucune autre pièce ne vous sera réclamée.",
            ),
            "claim_number": (
                "insert",
                "Le greffe traitera votre nouvelle formalité en 72 heures.",
            ),
            "citizen_value": (
                "insert",
                "La radiation sera alors faite en une semaine.",
            ),
            "polarity": (
                "votre société existe toujours",
                "votre société n'existe déjà plus",
            ),
            "swapped_term": (
                "car les comptes de liquidation approuvés n'y étaient pas joints",
                "car l'attestation de radiation de l'Urssaf n'y était pas jointe",
            ),
        },
    },
    {
        "id": "blind4-cnieg-01",
        "service": "CNIEG",
        "experience": (
            "Réversion de mon mari, retraité EDF",
            "Mon mari, retraité d'EDF, est décédé le 4 avril. J'ai envoyé ma demande de réversion début mai. Une dame m'a dit au téléphone que je toucherais la moitié de sa pension, soit 1 300 €, dès juin. Je n'ai toujours rien et les factures s'accumulent.",
            "negative",
            "Monique_G",
        ),
        "context": [
            "La demande de pension de réversion a été reçue le 7 mai 2025.",
            "Il manque la copie intégrale de l'acte de mariage et le dernier avis d'imposition de la demandeuse ; ces pièces ont été demandées par courrier le 15 mai 2025.",
            "Les pièces peuvent être envoyées par courrier ou déposées dans l'espace personnel sur cnieg.fr.",
            "Le montant de la pension est calculé après réception de toutes les pièces.",
            "La demande ayant été faite dans l'année du décès, la pension prend effet le 1er mai 2025 ; les mensualités dues depuis cette date sont versées en rappel.",
            "Une aide financière d'urgence peut être demandée à la CMCAS dont dépendait le défunt.",
        ],
        "key_facts": [
            "Il manque la copie intégrale de l'acte de mariage et le dernier avis d'imposition de la veuve, demandés le 15 mai 2025.",
            "La pension prend effet le 1er mai 2025 ; les mensualités dues sont versées en rappel.",
            "Une aide d'urgence peut être demandée à la CMCAS du défunt.",
        ],
        "reply": "Bonjour Monique_G,\n\nNous vous présentons nos sincères condoléances. Votre demande de pension de réversion nous est parvenue le 7 mai 2025. Il nous manque encore deux pièces, que nous vous avons demandées par courrier le 15 mai : la copie intégrale de votre acte de mariage et votre dernier avis d'imposition. Vous pouvez les envoyer par courrier ou les déposer dans votre espace personnel sur cnieg.fr. Nous calculerons le montant de votre pension une fois votre dossier complet.\n\nVotre pension prendra effet au 1er mai 2025 : les mois d'attente vous seront versés en rappel.\n\nSi vous avez du mal à payer vos factures d'ici là, vous pouvez demander une aide d'urgence à la CMCAS dont dépendait votre mari.",
        "paraphrase": "Bonjour Monique_G,\n\nToutes nos condoléances. Pour faire face à vos factures en attendant, vous pouvez solliciter une aide d'urgence auprès de la CMCAS dont relevait votre mari.\n\nPour votre réversion, reçue le 7 mai 2025, deux documents font encore défaut : votre dernier avis d'imposition et la copie intégrale de votre acte de mariage, réclamés par notre courrier du 15 mai. Transmettez-les par voie postale ou dans votre espace personnel cnieg.fr ; le montant sera établi dès que le dossier sera complet. Votre pension partira du 1er mai 2025, et les mensualités écoulées vous seront payées en rappel.",
        "defects": {
            "claim": (
                "insert",
                "Votre dossier sera examiné en priorité, compte tenu de votre situation.",
            ),
            "claim_number": (
                "insert",
                "Le rappel vous sera versé au plus tard le 30 juin 2025.",
            ),
            "citizen_value": (
                "insert",
                "Vous toucherez 1 300 € par mois, soit la moitié de la pension de votre mari.",
            ),
            "polarity": (
                "les mois d'attente vous seront versés en rappel",
                "les mois d'attente ne donneront lieu à aucun rappel",
            ),
            "swapped_term": (
                "et votre dernier avis d'imposition",
                "et le dernier avis d'imposition de votre mari",
            ),
        },
    },
    {
        "id": "blind4-fourriere-01",
        "service": "Fourrière municipale",
        "experience": (
            "Voiture enlevée pendant mes vacances",
            "Ma voiture a été enlevée rue Paradis le 12 août pendant que j'étais en vacances. On me réclame plus de 400 €. Un agent au téléphone m'a dit que si je venais avant vendredi, les frais de garde seraient annulés. Je conteste : le panneau n'était pas visible.",
            "negative",
            "Lucas_13",
        ),
        "context": [
            "Le véhicule a été mis en fourrière le 12 août 2025 pour stationnement gênant, rue Paradis à Marseille, et placé à la fourrière d'Arenc.",
            "Les frais comprennent l'enlèvement (150,78 €) et la garde (19,50 € par jour), due jusqu'au jour de la restitution.",
            "Le véhicule est restitué sur présentation du certificat d'immatriculation, du permis de conduire et d'une attestation d'assurance, après paiement des frais.",
            "La mise en fourrière se conteste par écrit auprès du procureur de la République.",
            "La contestation ne suspend pas les frais et ne dispense pas de les payer pour récupérer le véhicule.",
        ],
        "key_facts": [
            "Les frais sont de 150,78 € d'enlèvement et de 19,50 € de garde par jour jusqu'à la restitution.",
            "Le véhicule est rendu sur présentation du certificat d'immatriculation, du permis et d'une attestation d'assurance, après paiement.",
            "La contestation s'adresse par écrit au procureur de la République et ne suspend pas les frais.",
        ],
        "reply": "Bonjour Lucas_13,\n\nVotre véhicule a été mis en fourrière le 12 août 2025, rue Paradis, pour stationnement gênant. Il se trouve à la fourrière d'Arenc.\n\nPour le récupérer, présentez le certificat d'immatriculation, votre permis de conduire et une attestation d'assurance, puis réglez les frais : 150,78 € pour l'enlèvement et 19,50 € de garde par jour, jusqu'au jour où vous reprenez votre véhicule.\n\nVous pouvez contester cette mise en fourrière par écrit auprès du procureur de la République. Cette contestation ne suspend pas les frais : vous devrez quand même les régler pour récupérer votre voiture.",
        "paraphrase": "Bonjour Lucas_13,\n\nSi vous estimez que la signalisation n'était pas visible, adressez un courrier au procureur de la République pour contester l'enlèvement. Sachez toutefois que les frais continuent de courir pendant cette contestation et qu'ils restent à payer avant de reprendre la voiture.\n\nEnlevée le 12 août 2025 rue Paradis pour stationnement gênant, elle est gardée à la fourrière d'Arenc. Chaque jour de garde coûte 19,50 €, jusqu'à la restitution, en plus des 150,78 € d'enlèvement. Le jour où vous venez, munissez-vous du certificat d'immatriculation, de votre permis de conduire et d'une attestation d'assurance.",
        "defects": {
            "claim": (
                "insert",
                "Vous pourrez repartir avec votre véhicule sans rendez-vous.",
            ),
            "claim_number": (
                "insert",
                "La fourrière d'Arenc est ouverte 24 heures sur 24.",
            ),
            "citizen_value": (
                "insert",
                "Si vous passez avant vendredi, les frais de garde seront annulés.",
            ),
            "polarity": (
                "Cette contestation ne suspend pas les frais",
                "Cette contestation suspend les frais",
            ),
            "swapped_term": (
                "auprès du procureur de la République",
                "auprès du maire de Marseille",
            ),
        },
    },
    {
        "id": "blind4-cnda-01",
        "service": "Cour nationale du droit d'asile",
        "experience": (
            "Je ne comprends rien à mon recours",
            "Ma demande d'asile a été refusée et j'ai envoyé mon recours à la Cour le 20 janvier. L'avocat qu'on m'a désigné ne m'a jamais appelé. Un compatriote m'a dit que l'audience serait en mars et que j'avais le droit de travailler en attendant. Je ne comprends pas les courriers.",
            "negative",
            "Armand_D",
        ),
        "context": [
            "Le recours a été enregistré à la Cour nationale du droit d'asile le 21 janvier 2025.",
            "Le requérant a le droit de se maintenir en France jusqu'à la décision de la Cour.",
            "L'aide juridictionnelle a été accordée le 5 février 2025 ; Maître Dubreuil, avocate au barreau de Paris, a été désignée.",
            "La date d'audience n'est pas encore fixée.",
            "L'avis d'audience est envoyé au moins un mois avant l'audience, à l'adresse de domiciliation déclarée.",
            "Tout changement d'adresse doit être signalé à la Cour par écrit, sans délai.",
        ],
        "key_facts": [
            "Le recours a été enregistré le 21 janvier 2025 et la date d'audience n'est pas encore fixée ; l'avis arrive au moins un mois avant.",
            "Maître Dubreuil, avocate au barreau de Paris, a été désignée au titre de l'aide juridictionnelle le 5 février 2025.",
            "Le requérant peut rester en France jusqu'à la décision et doit signaler par écrit tout changement d'adresse.",
        ],
        "reply": "Bonjour Armand_D,\n\nVotre recours a bien été enregistré par la Cour le 21 janvier 2025. Vous pouvez rester en France jusqu'à notre décision.\n\nL'aide juridictionnelle vous a été accordée le 5 février 2025. L'avocate désignée pour vous défendre est Maître Dubreuil, du barreau de Paris.\n\nLa date de votre audience n'est pas encore fixée. Vous recevrez un avis d'audience au moins un mois avant, à l'adresse de domiciliation que vous nous avez indiquée. Si vous changez d'adresse, prévenez la Cour par écrit sans attendre.",
        "paraphrase": "Bonjour Armand_D,\n\nAucune date n'a encore été retenue pour votre audience. Quand elle le sera, un avis vous parviendra au moins un mois à l'avance, à votre adresse de domiciliation : c'est pourquoi tout déménagement doit nous être signalé aussitôt, par écrit.\n\nNous avons enregistré votre recours le 21 janvier 2025, et vous avez le droit de demeurer en France tant que la Cour n'a pas statué. Depuis le 5 février 2025, vous bénéficiez de l'aide juridictionnelle : Maître Dubreuil, avocate au barreau de Paris, a été désignée pour vous.",
        "defects": {
            "claim": (
                "insert",
                "Maître Dubreuil vous appellera pour fixer un premier rendez-vous.",
            ),
            "claim_number": (
                "insert",
                "Son cabinet est joignable au 01 44 32 48 48.",
            ),
            "citizen_value": (
                "Vous pouvez rester en France jusqu'à notre décision.",
                "Vous pouvez rester en France jusqu'à notre décision, et travailler en attendant.",
            ),
            "polarity": (
                "Vous pouvez rester en France",
                "Vous ne pouvez plus rester en France",
            ),
            "swapped_term": (
                "du barreau de Paris",
                "du barreau de Créteil",
            ),
        },
    },
    {
        "id": "blind4-jaf-01",
        "service": "Juge aux affaires familiales",
        "experience": (
            "Je ne peux plus payer la pension",
            "J'ai perdu mon emploi en mars et je n'arrive plus à payer les 350 € de pension pour mes deux enfants. J'ai envoyé une requête au juge aux affaires familiales de Lille le 2 mai. À l'accueil du tribunal, on m'a dit que la pension serait suspendue dès le dépôt, et mon cousin pense qu'elle sera baissée à 150 €. Quand serai-je convoqué ?",
            "neutral",
            "Thierry_59",
        ),
        "context": [
            "La requête en modification de la contribution à l'entretien et à l'éducation des enfants a été enregistrée au greffe du juge aux affaires familiales du tribunal judiciaire de Lille le 5 mai 2025.",
            "L'audience est fixée au 16 septembre 2025 à 14 h ; les deux parents sont convoqués par lettre recommandée.",
            "Le dépôt de la requête ne suspend pas la pension : le montant fixé par le jugement précédent reste dû jusqu'à la nouvelle décision.",
            "Le demandeur doit apporter à l'audience ses justificatifs de ressources et de charges, notamment l'attestation de fin de contrat et la notification de droits de France Travail.",
            "La représentation par un avocat n'est pas obligatoire pour cette procédure.",
        ],
        "key_facts": [
            "L'audience est fixée au 16 septembre 2025 à 14 h ; les deux parents sont convoqués par lettre recommandée.",
            "Le dépôt de la requête ne suspend pas la pension, qui reste due jusqu'à la nouvelle décision.",
            "Il faut apporter les justificatifs de ressources et de charges, dont la notification de droits de France Travail.",
            "L'avocat n'est pas obligatoire.",
        ],
        "reply": "Bonjour Thierry_59,\n\nVotre requête pour modifier la pension alimentaire de vos enfants a été enregistrée au greffe le 5 mai 2025. L'audience aura lieu le 16 septembre 2025 à 14 h ; vous et l'autre parent recevrez une convocation par lettre recommandée.\n\nAttention : le dépôt de votre requête ne suspend pas la pension. Vous devez continuer à verser le montant fixé par le précédent jugement jusqu'à la nouvelle décision du juge.\n\nLe jour de l'audience, apportez vos justificatifs de ressources et de charges, en particulier votre attestation de fin de contrat et la notification de vos droits par France Travail. L'avocat est facultatif pour cette procédure.",
        "paraphrase": "Bonjour Thierry_59,\n\nTant que le juge n'a pas rendu sa nouvelle décision, la pension fixée par le précédent jugement reste due : avoir déposé une requête ne vous autorise pas à arrêter les versements.\n\nVotre demande a été enregistrée par le greffe le 5 mai 2025. Les deux parents seront convoqués par lettre recommandée à l'audience du 16 septembre 2025, à 14 h. Vous pouvez vous y présenter sans avocat. Prenez avec vous tout ce qui justifie vos ressources et vos charges, notamment l'attestation de fin de contrat et la notification de droits de France Travail.",
        "defects": {
            "claim": (
                "insert",
                "Le juge tiendra compte de votre perte d'emploi pour réduire le montant.",
            ),
            "claim_number": (
                "insert",
                "Le nouveau montant s'appliquera à compter du 1er juin 2025.",
            ),
            "citizen_value": (
                "insert",
                "La pension sera ramenée à 150 € par mois à l'issue de l'audience.",
            ),
            "polarity": (
                "L'avocat est facultatif pour cette procédure.",
                "L'avocat est obligatoire pour cette procédure.",
            ),
            "swapped_term": (
                "la notification de vos droits par France Travail",
                "la notification de vos droits par la Caf",
            ),
        },
    },
    {
        "id": "blind4-sdis-01",
        "service": "Service départemental d'incendie et de secours (SDIS)",
        "experience": (
            "Facture pour un nid de frelons",
            "Les pompiers sont venus le 24 juillet détruire un nid de frelons asiatiques dans mon jardin. Je reçois une facture de 95 € alors que le standardiste m'avait dit que c'était gratuit pour les frelons. Je suis retraitée avec une petite pension.",
            "negative",
            "Odile_V",
        ),
        "context": [
            "L'intervention du 24 juillet 2025 concernait un nid de frelons asiatiques situé dans un arbre du jardin, sans danger immédiat pour les personnes.",
            "La destruction d'un nid sans danger immédiat ne fait pas partie des missions de secours gratuites ; elle est facturée 95 €, tarif voté par le conseil d'administration du SDIS.",
            "Le paiement se fait en ligne sur payfip.gouv.fr ou par chèque à l'ordre du Trésor public.",
            "Un paiement échelonné peut être demandé à la paierie départementale.",
            "La facture peut être contestée par écrit auprès du SDIS dans les deux mois suivant sa réception.",
        ],
        "key_facts": [
            "L'intervention, sans danger immédiat, ne relève pas des secours gratuits et est facturée 95 €.",
            "Le paiement se fait sur payfip.gouv.fr ou par chèque à l'ordre du Trésor public ; un échelonnement peut être demandé à la paierie départementale.",
            "La facture peut être contestée par écrit auprès du SDIS dans les deux mois suivant sa réception.",
        ],
        "reply": "Bonjour Odile_V,\n\nNos équipes sont intervenues chez vous le 24 juillet 2025 pour détruire un nid de frelons asiatiques situé dans un arbre de votre jardin. Comme ce nid ne présentait pas de danger immédiat pour les personnes, cette intervention ne fait pas partie des secours gratuits. Elle est facturée 95 €, tarif voté par notre conseil d'administration.\n\nVous pouvez payer en ligne sur payfip.gouv.fr ou par chèque à l'ordre du Trésor public. Si ce montant est difficile à régler en une fois, demandez un paiement échelonné à la paierie départementale.\n\nSi vous souhaitez contester cette facture, écrivez-nous dans les deux mois qui suivent sa réception.",
        "paraphrase": "Bonjour Odile_V,\n\nLes 95 € qui vous sont facturés correspondent au tarif fixé par notre conseil d'administration pour ce type d'intervention. Le nid de frelons asiatiques détruit le 24 juillet 2025 dans un arbre de votre jardin ne mettait personne en danger immédiat ; ce n'était donc pas un secours gratuit.\n\nVous avez deux mois à partir de la réception de la facture pour la contester par écrit auprès de nous. Pour la payer, utilisez payfip.gouv.fr ou envoyez un chèque libellé à l'ordre du Trésor public ; un étalement peut aussi être demandé à la paierie départementale.",
        "defects": {
            "claim": (
                "insert",
                "Cet échelonnement est accordé automatiquement aux retraités.",
            ),
            "claim_number": (
                "demandez un paiement échelonné à la paierie départementale",
                "demandez un paiement en 3 fois à la paierie départementale",
            ),
            "citizen_value": (
                "insert",
                "Puisque notre standardiste vous avait annoncé la gratuité, cette facture sera annulée.",
            ),
            "polarity": (
                "Comme ce nid ne présentait pas de danger immédiat",
                "Comme ce nid présentait un danger immédiat",
            ),
            "swapped_term": (
                "par chèque à l'ordre du Trésor public",
                "par chèque à l'ordre du SDIS",
            ),
        },
    },
]


if __name__ == "__main__":
    write(ITEMS, "blind4")
