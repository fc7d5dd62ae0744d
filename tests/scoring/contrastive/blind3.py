# ruff: noqa: E501  (the replies are data, kept one string per line so they read as written)
"""A fifth hand-written batch, split "blind3": ten items over ten services absent from the gold
set and from every earlier batch (Ciclade, a labour court, Ofpra, CNED, the gendarmerie, Visale,
Cipav, the labour inspectorate, the central civil registry, the nationality office), written
without reading the scorer, its settings or any accuracy result, to measure the scorer once on
cases nobody tuned it on.

Each item has a faithful reply, a faithful paraphrase and five twins with one defect each: an
invented statement without a number ("claim"), one with a number ("claim_number"), a value the
citizen wrote turned into a commitment ("citizen_value"), a key fact with the opposite sense
("polarity") and a right kind of term tied to the wrong thing ("swapped_term").

Run from the repository root: ``.venv/bin/python tests/scoring/contrastive/blind3.py``. It writes
blind3_items.jsonl, blind3_pairs.jsonl and blind3_paraphrases.jsonl with fresh.py's writer; the
output is committed.
"""

from typing import Any

from fresh import write

ITEMS: list[dict[str, Any]] = [
    {
        "id": "blind3-ciclade-01",
        "service": "Caisse des dépôts (Ciclade)",
        "experience": (
            "Livret de mon père introuvable",
            "Mon père est mort en 2014 et je pense qu'il avait un livret dans une banque. J'ai lancé une recherche sur Ciclade le 5 mars. Une personne au téléphone m'a dit que je toucherais environ 8 000 € d'ici un mois. Nous sommes en mai et toujours rien.",
            "negative",
            "Nadia_B",
        ),
        "context": [
            "La recherche déposée sur Ciclade le 5 mars 2025 a permis de retrouver un livret A au nom du défunt, d'un montant de 3 412,60 €, transféré à la Caisse des dépôts par la banque le 12 juin 2024.",
            "Pour une succession de moins de 5 000 €, les sommes sont versées sur présentation d'une attestation signée par tous les héritiers ou d'un acte de notoriété.",
            "Le demandeur a envoyé le 2 avril 2025 une attestation signée par lui seul ; ses deux sœurs, également héritières, ne l'ont pas signée.",
            "Le dossier reste incomplet tant que l'attestation n'est pas signée par tous les héritiers.",
            "Les pièces se déposent dans l'espace de suivi de la demande sur ciclade.caissedesdepots.fr.",
            "Les sommes restent réclamables jusqu'au 12 juin 2044.",
        ],
        "key_facts": [
            "Un livret A de 3 412,60 € au nom du défunt a été retrouvé.",
            "Le dossier est incomplet : l'attestation doit être signée par tous les héritiers, y compris les deux sœurs.",
            "La nouvelle attestation se dépose dans l'espace de suivi sur ciclade.caissedesdepots.fr.",
        ],
        "reply": "Bonjour Nadia_B,\n\nNous vous présentons nos condoléances et comprenons votre attente. Votre recherche du 5 mars 2025 a abouti : nous avons retrouvé un livret A au nom de votre père, d'un montant de 3 412,60 €. Sa banque nous l'avait transféré le 12 juin 2024.\n\nVotre dossier reste incomplet. L'attestation que vous avez envoyée le 2 avril 2025 porte seulement votre signature ; or elle doit être signée par tous les héritiers, donc aussi par vos deux sœurs. Déposez la nouvelle attestation dans l'espace de suivi de votre demande, sur ciclade.caissedesdepots.fr.\n\nCes sommes restent réclamables jusqu'au 12 juin 2044.",
        "paraphrase": "Bonjour Nadia_B,\n\nIl manque encore une pièce à votre dossier. Vos deux sœurs sont elles aussi héritières : l'attestation doit porter leur signature en plus de la vôtre, alors que celle reçue le 2 avril 2025 n'est signée que par vous. Une fois complétée, mettez-la en ligne dans l'espace de suivi de votre demande sur ciclade.caissedesdepots.fr.\n\nGrâce à votre recherche du 5 mars 2025, un livret A de 3 412,60 € ouvert au nom de votre père a été retrouvé ; la banque nous en avait transféré le solde le 12 juin 2024. Vous avez jusqu'au 12 juin 2044 pour le réclamer.",
        "defects": {
            "claim": (
                "insert",
                "Le versement se fera ensuite sans autre formalité de votre part.",
            ),
            "claim_number": (
                "insert",
                "Le virement interviendra dans les 15 jours suivant la réception de l'attestation complète.",
            ),
            "citizen_value": (
                "insert",
                "Vous percevrez la somme d'ici un mois, ainsi que notre conseiller vous l'a expliqué.",
            ),
            "polarity": ("Votre dossier reste incomplet.", "Votre dossier est désormais complet."),
            "swapped_term": (
                "L'attestation que vous avez envoyée le 2 avril 2025 porte seulement votre signature ; or elle doit",
                "L'acte de notoriété que vous avez envoyé le 2 avril 2025 porte seulement votre signature ; or il doit",
            ),
        },
    },
    {
        "id": "blind3-prudhommes-01",
        "service": "Conseil de prud'hommes",
        "experience": (
            "Aucune date d'audience",
            "J'ai saisi les prud'hommes de Bobigny le 10 janvier contre mon ancien patron qui me doit 4 600 € de salaires. Je n'ai toujours pas de date. L'avocat d'un ami m'a dit que l'audience aurait lieu en mars et que mon employeur serait forcément condamné. Est-ce que je dois prendre un avocat ?",
            "negative",
            "Mehdi_93",
        ),
        "context": [
            "La requête a été enregistrée au greffe du conseil de prud'hommes de Bobigny le 10 janvier 2025, en section commerce.",
            "L'audience de conciliation et d'orientation est fixée au 17 juin 2025 à 9 h ; la convocation a été envoyée par lettre recommandée le 3 avril 2025.",
            "Le demandeur doit être présent en personne à l'audience de conciliation, même s'il est assisté ou représenté.",
            "L'assistance d'un avocat n'est pas obligatoire : le demandeur peut aussi être assisté par un défenseur syndical ou par un salarié de la même branche d'activité.",
            "Le greffe ne peut donner aucun avis sur l'issue de l'affaire.",
        ],
        "key_facts": [
            "L'audience de conciliation et d'orientation est fixée au 17 juin 2025 à 9 h.",
            "La présence en personne du demandeur est obligatoire.",
            "L'avocat n'est pas obligatoire ; un défenseur syndical ou un salarié de la branche peut assister le demandeur.",
        ],
        "reply": "Bonjour Mehdi_93,\n\nVotre requête a bien été enregistrée par le greffe le 10 janvier 2025, en section commerce. L'audience de conciliation et d'orientation aura lieu le 17 juin 2025 à 9 h. Votre convocation vous a été adressée par lettre recommandée le 3 avril 2025.\n\nVous devez être présent en personne à cette audience, même si quelqu'un vous assiste. Un avocat n'est pas obligatoire : vous pouvez aussi vous faire assister par un défenseur syndical ou par un salarié de votre branche d'activité.\n\nLe greffe ne peut pas se prononcer sur l'issue de votre affaire.",
        "paraphrase": "Bonjour Mehdi_93,\n\nRendez-vous le 17 juin 2025 à 9 h pour l'audience de conciliation et d'orientation : la convocation est partie en lettre recommandée le 3 avril 2025. Votre présence personnelle y est exigée, que vous soyez assisté ou non.\n\nVous n'êtes pas obligé de prendre un avocat. Un défenseur syndical, ou un salarié de votre branche d'activité, peut aussi vous assister.\n\nPour mémoire, votre requête figure au greffe depuis le 10 janvier 2025, en section commerce. Nous ne pouvons rien vous dire de l'issue de l'affaire.",
        "defects": {
            "claim": (
                "L'audience de conciliation et d'orientation aura lieu le 17 juin 2025 à 9 h.",
                "L'audience de conciliation et d'orientation aura lieu le 17 juin 2025 à 9 h ; le conseil y ordonnera le paiement de vos salaires.",
            ),
            "claim_number": (
                "insert",
                "Si la conciliation échoue, le jugement sera rendu dans un délai de 6 semaines.",
            ),
            "citizen_value": (
                "Votre requête a bien été enregistrée",
                "Votre requête en paiement des 4 600 € de salaires qui vous sont dus a bien été enregistrée",
            ),
            "polarity": (
                "Vous devez être présent en personne à cette audience, même si quelqu'un vous assiste.",
                "Vous n'avez pas à être présent en personne à cette audience si quelqu'un vous assiste.",
            ),
            "swapped_term": ("par un défenseur syndical", "par un conseiller du salarié"),
        },
    },
    {
        "id": "blind3-ofpra-01",
        "service": "Ofpra",
        "experience": (
            "Toujours pas de décision",
            "J'ai passé mon entretien à l'Ofpra le 12 février. Depuis, plus rien. Un bénévole de l'association m'a dit que sans réponse au bout de 3 mois, la demande est acceptée. J'ai peur que mon allocation s'arrête.",
            "negative",
            "Farid_A",
        ),
        "context": [
            "L'entretien personnel du demandeur s'est tenu à l'Ofpra le 12 février 2025, avec un interprète en langue dari.",
            "Le dossier est en cours d'instruction par l'officier de protection ; aucune décision n'a encore été prise.",
            "L'absence de décision dans un délai donné ne vaut pas acceptation de la demande d'asile.",
            "La décision sera notifiée dans l'espace personnel du demandeur sur le portail de l'Ofpra ; une alerte est envoyée par courriel et par SMS.",
            "La transcription de l'entretien est transmise avec la décision.",
            "L'allocation pour demandeur d'asile relève de l'OFII ; elle continue d'être versée pendant l'instruction.",
        ],
        "key_facts": [
            "Le dossier est en cours d'instruction ; aucune décision n'a encore été prise.",
            "L'absence de décision ne vaut pas acceptation de la demande.",
            "La décision sera notifiée dans l'espace personnel du portail, avec une alerte par courriel et SMS.",
        ],
        "reply": "Bonjour Farid_A,\n\nNous comprenons que cette attente soit difficile. Votre entretien personnel s'est tenu le 12 février 2025, avec un interprète en dari. Votre dossier est toujours en cours d'instruction : aucune décision n'a encore été prise.\n\nL'absence de réponse ne signifie pas que votre demande est acceptée. La décision vous sera notifiée dans votre espace personnel sur le portail de l'Ofpra, et vous serez prévenu par courriel et par SMS. La transcription de votre entretien vous sera transmise avec la décision.\n\nVotre allocation relève de l'OFII ; elle continue d'être versée pendant l'instruction.",
        "paraphrase": "Bonjour Farid_A,\n\nL'officier de protection instruit encore votre demande, et aucune décision n'est prise à ce jour. Attention : le temps qui passe sans réponse ne vaut pas accord.\n\nQuand la décision sera rendue, elle sera déposée dans votre espace personnel du portail de l'Ofpra ; un courriel et un SMS vous en avertiront. Vous recevrez en même temps la transcription de l'entretien que vous avez eu le 12 février 2025 avec un interprète en dari.\n\nL'OFII, dont dépend votre allocation, continue de vous la verser tant que l'instruction dure.",
        "defects": {
            "claim": ("insert", "Votre dossier a été placé parmi les demandes prioritaires."),
            "claim_number": (
                "insert",
                "Vous pouvez joindre votre officier de protection au 01 58 68 10 10.",
            ),
            "citizen_value": (
                "aucune décision n'a encore été prise.",
                "aucune décision n'a encore été prise. Elle interviendra dans les 3 mois qui suivent votre entretien.",
            ),
            "polarity": (
                "Votre dossier est toujours en cours d'instruction : aucune décision n'a encore été prise.",
                "Votre dossier n'est plus en cours d'instruction : la décision a été prise.",
            ),
            "swapped_term": (
                "Votre allocation relève de l'OFII",
                "Votre allocation relève de la Caf",
            ),
        },
    },
    {
        "id": "blind3-cned-01",
        "service": "CNED",
        "experience": (
            "Facture et devoirs jamais corrigés",
            "Ma fille de 15 ans est malade et suit les cours du CNED depuis septembre. On me réclame 1 050 € alors que l'académie m'avait assuré que ce serait gratuit. En plus, ses devoirs envoyés le 8 octobre n'ont jamais été corrigés.",
            "negative",
            "Sandrine_F",
        ),
        "context": [
            "L'élève est inscrite en classe de seconde au CNED depuis le 9 septembre 2025.",
            "L'avis favorable du directeur académique des services de l'Éducation nationale n'a pas été reçu ; l'inscription a donc été enregistrée en inscription libre, payante : 1 050 € pour la seconde.",
            "Dès réception de l'avis favorable, l'inscription passe en inscription réglementée, gratuite, et la facture est annulée.",
            "L'avis se demande auprès de la direction des services départementaux de l'Éducation nationale, avec un certificat médical.",
            "Les devoirs déposés le 8 octobre 2025 ont été corrigés le 21 octobre 2025 ; les copies corrigées sont disponibles dans l'espace élève en ligne.",
        ],
        "key_facts": [
            "Faute d'avis favorable du directeur académique, l'inscription est libre et payante (1 050 €).",
            "Avec l'avis favorable, l'inscription devient réglementée et gratuite, et la facture est annulée.",
            "Les devoirs du 8 octobre 2025 ont été corrigés le 21 octobre 2025 et sont dans l'espace élève.",
        ],
        "reply": "Bonjour Sandrine_F,\n\nNous comprenons votre surprise. Votre fille est inscrite en seconde au CNED depuis le 9 septembre 2025. Nous n'avons pas reçu l'avis favorable du directeur académique : son inscription a donc été enregistrée en inscription libre, qui est payante, soit 1 050 € pour la seconde.\n\nDemandez cet avis à la direction des services départementaux de l'Éducation nationale, avec un certificat médical. Dès que nous le recevrons, l'inscription deviendra réglementée, donc gratuite, et la facture sera annulée.\n\nLes devoirs envoyés le 8 octobre 2025 ont été corrigés le 21 octobre 2025. Vous trouverez les copies corrigées dans l'espace élève en ligne.",
        "paraphrase": "Bonjour Sandrine_F,\n\nLes copies que votre fille a envoyées le 8 octobre 2025 sont corrigées depuis le 21 octobre 2025 ; elles l'attendent dans l'espace élève en ligne.\n\nPour la facture : sans l'avis favorable du directeur académique, que nous n'avons pas, une inscription en seconde est une inscription libre, facturée 1 050 €. C'est le cas de votre fille, inscrite depuis le 9 septembre 2025. Adressez un certificat médical à la direction des services départementaux de l'Éducation nationale pour obtenir cet avis. Quand il nous parviendra, l'inscription sera réglementée, c'est-à-dire gratuite, et nous annulerons la facture.",
        "defects": {
            "claim": (
                "Demandez cet avis à la direction des services départementaux de l'Éducation nationale, avec un certificat médical.",
                "Demandez cet avis à la direction des services départementaux de l'Éducation nationale, avec un certificat médical : il ne vous sera pas nécessaire de régler la facture en attendant.",
            ),
            "claim_number": (
                "soit 1 050 € pour la seconde.",
                "soit 1 050 € pour la seconde, payables en 10 mensualités.",
            ),
            "citizen_value": (
                "insert",
                "Comme l'académie vous l'a dit, l'inscription de votre fille est gratuite.",
            ),
            "polarity": ("et la facture sera annulée", "mais la facture sera maintenue"),
            "swapped_term": ("avec un certificat médical", "avec un certificat de scolarité"),
        },
    },
    {
        "id": "blind3-gendarmerie-01",
        "service": "Gendarmerie nationale",
        "experience": (
            "Procuration fantôme",
            "J'ai fait ma procuration sur internet le 20 mai pour que ma sœur vote à ma place le 8 juin, puis je suis passée à la gendarmerie de Lamballe. Le gendarme m'a dit que ce serait validé dans l'heure. Ma sœur n'a rien reçu. Elle habite à Rennes et compte voter là-bas.",
            "negative",
            "Claire_L",
        ),
        "context": [
            "La demande de procuration en ligne a été validée par la brigade de gendarmerie de Lamballe le 21 mai 2025, après vérification de l'identité de la mandante.",
            "La procuration a été enregistrée le 23 mai 2025 par la mairie de Lamballe-Armor, commune d'inscription de la mandante ; un courriel de confirmation a été envoyé à la mandante le même jour.",
            "Le mandataire ne reçoit aucun document ; le jour du scrutin, il se présente au bureau de vote de la mandante avec sa propre pièce d'identité.",
            "Le mandataire ne peut pas voter pour la mandante dans sa propre commune.",
            "La mandante peut vérifier sa procuration avec le module « Interroger sa situation électorale » de service-public.fr.",
        ],
        "key_facts": [
            "La procuration a été validée le 21 mai 2025 et enregistrée par la mairie de Lamballe-Armor le 23 mai 2025.",
            "La sœur ne reçoit aucun document et vote au bureau de vote de la mandante, avec sa propre pièce d'identité.",
            "Elle ne peut pas voter pour la mandante à Rennes.",
        ],
        "reply": "Bonjour Claire_L,\n\nVotre procuration a bien été validée par notre brigade de Lamballe le 21 mai 2025, après vérification de votre identité. La mairie de Lamballe-Armor l'a enregistrée le 23 mai 2025 et un courriel de confirmation vous a été envoyé ce jour-là.\n\nVotre sœur ne recevra aucun document : c'est normal. Le jour du scrutin, elle devra se rendre à votre bureau de vote, à Lamballe-Armor, et présenter sa propre pièce d'identité. Il lui est impossible de voter pour vous à Rennes.\n\nVous pouvez vérifier votre procuration avec le module « Interroger sa situation électorale » de service-public.fr.",
        "paraphrase": "Bonjour Claire_L,\n\nPas d'inquiétude : il est normal que votre sœur n'ait rien reçu, aucun document n'est adressé à la personne qui vote pour vous. Elle ne pourra pas le faire à Rennes ; elle devra aller à votre bureau de vote de Lamballe-Armor, munie de sa propre pièce d'identité.\n\nNotre brigade de Lamballe a contrôlé votre identité et validé la procuration le 21 mai 2025, puis la mairie de Lamballe-Armor l'a enregistrée le 23 mai 2025, date du courriel de confirmation que vous avez reçu. Le module « Interroger sa situation électorale » de service-public.fr vous permet de le vérifier.",
        "defects": {
            "claim": ("insert", "La mairie vous enverra une nouvelle carte électorale."),
            "claim_number": (
                "insert",
                "Pour toute question, la brigade de Lamballe est joignable au 02 96 31 00 17.",
            ),
            "citizen_value": (
                "Le jour du scrutin, elle devra se rendre",
                "Le 8 juin, jour du scrutin, elle devra se rendre",
            ),
            "polarity": (
                "Il lui est impossible de voter pour vous à Rennes.",
                "Il lui est possible de voter pour vous à Rennes.",
            ),
            "swapped_term": (
                "La mairie de Lamballe-Armor l'a enregistrée",
                "La préfecture des Côtes-d'Armor l'a enregistrée",
            ),
        },
    },
    {
        "id": "blind3-visale-01",
        "service": "Visale (Action Logement)",
        "experience": (
            "On me réclame 1 380 €",
            "Je suis au chômage et je n'ai pas pu payer mes loyers de septembre et d'octobre. J'ai reçu une lettre qui me demande de rembourser 1 380 €. Quand j'ai signé, on m'a dit que Visale couvrait tout et que je n'aurais jamais rien à rembourser.",
            "negative",
            "Thomas_V",
        ),
        "context": [
            "Le bailleur a déclaré le 6 novembre 2025 les loyers impayés de septembre et octobre 2025, soit 1 380 €, au titre de la garantie Visale du locataire.",
            "Visale a réglé ces 1 380 € au bailleur le 14 novembre 2025.",
            "Les sommes réglées au bailleur sont une avance : le locataire doit les rembourser à Action Logement.",
            "Le locataire peut proposer un plan d'apurement adapté à ses ressources en contactant le service recouvrement depuis son espace Visale.",
            "La garantie reste active tant que le bail est en cours.",
        ],
        "key_facts": [
            "Visale a réglé 1 380 € au bailleur le 14 novembre 2025.",
            "Cette somme est une avance que le locataire doit rembourser à Action Logement.",
            "Un plan d'apurement adapté aux ressources peut être proposé au service recouvrement depuis l'espace Visale.",
        ],
        "reply": "Bonjour Thomas_V,\n\nNous comprenons que ce courrier vous inquiète, surtout en période de chômage. Votre propriétaire nous a déclaré le 6 novembre 2025 les loyers impayés de septembre et octobre, soit 1 380 €. Visale les lui a réglés le 14 novembre 2025.\n\nCette somme est une avance : vous devez la rembourser à Action Logement. Si vos ressources ont baissé, vous pouvez proposer un plan d'apurement adapté à votre situation. Contactez pour cela notre service recouvrement depuis votre espace Visale.\n\nVotre garantie reste active tant que votre bail est en cours.",
        "paraphrase": "Bonjour Thomas_V,\n\nLes 1 380 € de loyers de septembre et octobre que votre propriétaire nous a signalés le 6 novembre 2025 lui ont été payés par Visale le 14 novembre 2025. Il s'agit d'une avance, que vous devez rembourser à Action Logement.\n\nVous pouvez passer par votre espace Visale pour proposer à notre service recouvrement un plan d'apurement qui tienne compte de vos ressources actuelles. Votre garantie, elle, continue de s'appliquer jusqu'à la fin de votre bail.",
        "defects": {
            "claim": (
                "insert",
                "Votre conseillère recouvrement acceptera le plan que vous proposerez.",
            ),
            "claim_number": (
                "un plan d'apurement adapté à votre situation.",
                "un plan d'apurement adapté à votre situation, sur 24 mois au plus.",
            ),
            "citizen_value": (
                "insert",
                "Comme on vous l'a dit à la signature, la garantie Visale couvre tout.",
            ),
            "polarity": (
                "vous devez la rembourser à Action Logement",
                "vous ne devez pas la rembourser à Action Logement",
            ),
            "swapped_term": (
                "vous devez la rembourser à Action Logement",
                "vous devez la rembourser à votre propriétaire",
            ),
        },
    },
    {
        "id": "blind3-cipav-01",
        "service": "Cipav",
        "experience": (
            "Retraite dans un mois, aucune nouvelle",
            "Architecte libéral, je pars à la retraite le 1er juillet. J'ai envoyé mon dossier en janvier. Au téléphone, on m'a annoncé une pension de 1 150 € par mois, versée dès juillet. Depuis, aucune nouvelle. Comment vais-je payer mes factures ?",
            "negative",
            "Pascal_D",
        ),
        "context": [
            "La demande de retraite a été reçue le 27 janvier 2025, pour un départ au 1er juillet 2025.",
            "Le dossier est incomplet : il manque l'attestation de cessation d'activité libérale, qui ne peut être délivrée qu'après l'arrêt de l'activité.",
            "L'attestation se transmet depuis l'espace adhérent, rubrique « Mes documents ».",
            "La pension de base et la pension complémentaire sont calculées une fois le dossier complet ; leur montant n'est pas encore connu.",
            "La retraite est versée mensuellement à terme échu : la pension de juillet est payée début août.",
        ],
        "key_facts": [
            "Le dossier est incomplet : il manque l'attestation de cessation d'activité, obtenue après l'arrêt de l'activité.",
            "Le montant de la pension n'est pas encore connu.",
            "La pension est versée à terme échu : celle de juillet est payée début août.",
        ],
        "reply": "Bonjour Pascal_D,\n\nNous avons bien reçu votre demande de retraite le 27 janvier 2025, pour un départ au 1er juillet 2025. Il y manque encore l'attestation de cessation de votre activité libérale. Vous ne pourrez l'obtenir qu'après l'arrêt de votre activité ; transmettez-la ensuite depuis votre espace adhérent, rubrique « Mes documents ».\n\nVotre pension de base et votre pension complémentaire seront calculées quand le dossier sera complet. Nous ne connaissons donc pas encore leur montant.\n\nLa retraite est versée chaque mois à terme échu : la pension de juillet sera payée début août.",
        "paraphrase": "Bonjour Pascal_D,\n\nLa retraite se paie à terme échu, mois par mois : votre pension de juillet arrivera donc début août. Son montant, pour la base comme pour la complémentaire, reste à calculer ; nous le ferons dès que votre dossier sera complet.\n\nIl lui manque en effet une pièce : l'attestation de cessation de votre activité libérale, que vous n'obtiendrez qu'une fois votre activité arrêtée. Déposez-la alors dans la rubrique « Mes documents » de votre espace adhérent. Votre demande, reçue le 27 janvier 2025, porte sur un départ au 1er juillet 2025.",
        "defects": {
            "claim": (
                "insert",
                "Vos trimestres de salarié seront repris automatiquement dans le calcul.",
            ),
            "claim_number": ("insert", "Un acompte de 800 € pourra vous être versé en juillet."),
            "citizen_value": (
                "insert",
                "Le montant de 1 150 € par mois qui vous a été annoncé vous est garanti.",
            ),
            "polarity": (
                "Nous ne connaissons donc pas encore leur montant.",
                "Nous connaissons donc déjà leur montant.",
            ),
            "swapped_term": ("chaque mois à terme échu", "chaque mois à terme à échoir"),
        },
    },
    {
        "id": "blind3-inspectiontravail-01",
        "service": "Inspection du travail",
        "experience": (
            "Heures sup jamais payées",
            "Je travaille dans un restaurant à Montpellier : je fais 50 heures par semaine et je suis payé 35. J'ai fait un signalement le 4 mars. On m'a dit qu'un inspecteur viendrait contrôler la semaine suivante et que mon patron devrait me payer 3 000 € d'heures supplémentaires. Rien ne s'est passé.",
            "negative",
            "Youssef_34",
        ),
        "context": [
            "Le signalement a été reçu le 4 mars 2025 par l'unité de contrôle de l'Hérault et confié à l'inspectrice de la section dont relève l'établissement.",
            "L'inspection du travail ne communique pas la date de ses contrôles, ni au salarié ni à l'employeur.",
            "L'inspection du travail ne peut pas ordonner le paiement d'heures supplémentaires ; seul le conseil de prud'hommes peut condamner l'employeur à les payer.",
            "Le salarié a intérêt à noter ses horaires réels et à conserver ses plannings et messages, qui servent de preuve.",
            "Le nom du salarié n'est pas communiqué à l'employeur sans son accord.",
        ],
        "key_facts": [
            "Le signalement a été reçu le 4 mars 2025 et confié à l'inspectrice compétente.",
            "La date des contrôles n'est pas communiquée.",
            "L'inspection ne peut pas ordonner le paiement des heures supplémentaires ; seul le conseil de prud'hommes le peut.",
            "Le nom du salarié n'est pas communiqué à l'employeur sans son accord.",
        ],
        "reply": "Bonjour Youssef_34,\n\nVotre signalement a été reçu le 4 mars 2025 par l'unité de contrôle de l'Hérault. Il a été confié à l'inspectrice chargée de votre établissement. Nous ne communiquons jamais la date de nos contrôles, ni aux salariés ni aux employeurs.\n\nL'inspection du travail n'a pas le pouvoir d'ordonner le paiement de vos heures supplémentaires. Seul le conseil de prud'hommes peut condamner votre employeur à les payer. D'ici là, notez vos horaires réels et gardez vos plannings et vos messages : ils serviront de preuve.\n\nVotre nom ne sera pas donné à votre employeur sans votre accord.",
        "paraphrase": "Bonjour Youssef_34,\n\nSans votre accord, votre employeur ne connaîtra pas votre nom. L'inspectrice dont relève votre établissement a reçu votre signalement, enregistré le 4 mars 2025 par l'unité de contrôle de l'Hérault. Quand aura lieu un contrôle, personne ne le sait à l'avance, ni vous ni votre employeur.\n\nPour le paiement des heures supplémentaires, c'est le conseil de prud'hommes qui peut condamner votre employeur ; l'inspection du travail ne le peut pas. Gardez dès maintenant la trace de vos horaires réels, de vos plannings et de vos messages : ce sont vos preuves.",
        "defects": {
            "claim": ("insert", "Votre employeur fera l'objet d'une sanction."),
            "claim_number": (
                "insert",
                "Vous pouvez joindre l'inspectrice le mardi de 9 h à 12 h.",
            ),
            "citizen_value": (
                "insert",
                "Votre employeur devra vous verser les 3 000 € d'heures supplémentaires.",
            ),
            "polarity": (
                "Nous ne communiquons jamais la date de nos contrôles",
                "Nous communiquons toujours la date de nos contrôles",
            ),
            "swapped_term": (
                "Seul le conseil de prud'hommes peut condamner",
                "Seul le tribunal administratif peut condamner",
            ),
        },
    },
    {
        "id": "blind3-etatcivil-01",
        "service": "Service central d'état civil",
        "experience": (
            "Acte de naissance pour mon mariage",
            "Née à Casablanca de parents français, j'ai demandé le 15 septembre sur internet la copie intégrale de mon acte de naissance pour mon mariage du 18 octobre. On m'avait dit que je l'aurais en 48 heures. Je n'ai rien reçu et la mairie ne peut pas publier les bans.",
            "negative",
            "Leila_M",
        ),
        "context": [
            "La demande de copie intégrale d'acte de naissance a été reçue en ligne le 15 septembre 2025.",
            "La copie intégrale a été envoyée par courrier le 2 octobre 2025 à l'adresse postale indiquée dans la demande.",
            "Les délais de traitement des demandes en ligne sont actuellement d'environ trois semaines.",
            "Les copies d'actes ne sont jamais envoyées par courriel ; leur délivrance est gratuite.",
            "La mairie qui célèbre le mariage peut demander elle-même l'acte au Service central d'état civil par voie dématérialisée ; les futurs époux n'ont alors pas à le fournir.",
        ],
        "key_facts": [
            "La copie intégrale a été envoyée par courrier le 2 octobre 2025 à l'adresse de la demande.",
            "Les copies d'actes ne sont jamais envoyées par courriel.",
            "La mairie du mariage peut demander l'acte elle-même par voie dématérialisée ; il n'est alors pas à fournir.",
        ],
        "reply": "Bonjour Leila_M,\n\nNous avons reçu votre demande en ligne le 15 septembre 2025. La copie intégrale de votre acte de naissance vous a été envoyée par courrier le 2 octobre 2025, à l'adresse postale indiquée dans votre demande. Nos délais de traitement sont en ce moment d'environ trois semaines.\n\nNous n'envoyons jamais les copies d'actes par courriel. En revanche, la mairie qui célèbre votre mariage peut nous demander elle-même votre acte par voie dématérialisée : vous n'avez alors pas à le fournir.\n\nLa délivrance des copies d'actes est gratuite.",
        "paraphrase": "Bonjour Leila_M,\n\nVotre copie intégrale d'acte de naissance est partie par courrier le 2 octobre 2025, vers l'adresse postale que vous aviez indiquée lors de votre demande en ligne du 15 septembre 2025. Il faut compter en ce moment trois semaines environ de traitement.\n\nLa mairie où vous vous mariez a la possibilité de nous réclamer directement votre acte par voie dématérialisée, ce qui vous dispense de le produire. Un envoi par courriel, lui, est exclu. Les copies d'actes sont délivrées gratuitement.",
        "defects": {
            "claim": (
                "insert",
                "La mairie a d'ailleurs été prévenue de ce retard par nos services.",
            ),
            "claim_number": (
                "insert",
                "En cas de perte du courrier, un duplicata vous parviendra sous 5 jours.",
            ),
            "citizen_value": ("insert", "Votre demande a bien été traitée en 48 heures."),
            "polarity": (
                "vous n'avez alors pas à le fournir",
                "vous devez alors quand même le fournir",
            ),
            "swapped_term": (
                "à l'adresse postale indiquée dans votre demande",
                "au consulat général de France à Casablanca",
            ),
        },
    },
    {
        "id": "blind3-nationalite-01",
        "service": "Pôle de la nationalité",
        "experience": (
            "Certificat de nationalité bloqué",
            "J'ai déposé ma demande de certificat de nationalité française au tribunal de Lyon le 12 décembre 2024 pour refaire ma carte d'identité. Le greffier m'avait dit que cela prendrait 3 mois. Dix mois plus tard, toujours rien et je ne peux plus voyager.",
            "negative",
            "Ibrahim_K",
        ),
        "context": [
            "La demande de certificat de nationalité française a été enregistrée le 12 décembre 2024 par le pôle de la nationalité du tribunal judiciaire de Lyon.",
            "Le 14 mai 2025, le greffe a demandé au demandeur l'acte de naissance de sa mère avec ses mentions marginales ; cette pièce n'a pas été reçue.",
            "L'examen du dossier ne peut reprendre qu'à la réception de cette pièce ; aucun délai ne peut être garanti.",
            "Un refus de délivrance peut être contesté auprès du ministère de la Justice dans un délai de 6 mois.",
        ],
        "key_facts": [
            "Le 14 mai 2025, le greffe a demandé l'acte de naissance de la mère avec ses mentions marginales ; il n'a pas été reçu.",
            "L'examen ne peut reprendre qu'à réception de cette pièce ; aucun délai n'est garanti.",
            "Un refus peut être contesté auprès du ministère de la Justice dans un délai de 6 mois.",
        ],
        "reply": "Bonjour Ibrahim_K,\n\nNous comprenons votre gêne, en particulier pour vos voyages. Votre demande de certificat de nationalité française a été enregistrée le 12 décembre 2024 par le pôle de la nationalité du tribunal judiciaire de Lyon. Le 14 mai 2025, le greffe vous a demandé l'acte de naissance de votre mère, avec ses mentions marginales. Nous n'avons toujours pas reçu cette pièce.\n\nL'examen de votre dossier ne peut reprendre qu'à sa réception. Nous ne sommes pas en mesure de vous garantir un délai.\n\nSi le certificat vous est refusé, vous pourrez contester ce refus auprès du ministère de la Justice dans un délai de 6 mois.",
        "paraphrase": "Bonjour Ibrahim_K,\n\nVotre dossier attend une pièce. Par courrier du 14 mai 2025, le greffe vous a réclamé l'acte de naissance de votre mère comportant ses mentions marginales, et il ne nous est pas parvenu. Tant qu'il manque, l'examen de la demande que le pôle de la nationalité du tribunal judiciaire de Lyon a enregistrée le 12 décembre 2024 reste arrêté, et nous ne pouvons vous promettre aucun délai.\n\nEn cas de refus du certificat, un recours est ouvert pendant 6 mois auprès du ministère de la Justice.",
        "defects": {
            "claim": (
                "insert",
                "Le directeur de greffe a déjà donné un avis favorable à votre demande.",
            ),
            "claim_number": (
                "insert",
                "Vous recevrez le certificat dans les 30 jours suivant l'envoi de cet acte.",
            ),
            "citizen_value": (
                "insert",
                "Une fois la pièce reçue, le délai de 3 mois annoncé par le greffier sera respecté.",
            ),
            "polarity": (
                "L'examen de votre dossier ne peut reprendre qu'à sa réception.",
                "L'examen de votre dossier peut reprendre sans attendre sa réception.",
            ),
            "swapped_term": (
                "auprès du ministère de la Justice",
                "auprès du ministère de l'Intérieur",
            ),
        },
    },
]


if __name__ == "__main__":
    write(ITEMS, "blind3")
