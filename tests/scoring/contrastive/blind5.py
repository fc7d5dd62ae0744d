# ruff: noqa: E501  (the replies are data, kept one string per line so they read as written)
"""A seventh hand-written batch, split "blind5": ten items over ten services absent from the gold
set and from every earlier batch (Campus France, the Agence de services et de paiement, the
Établissement français du sang, Voies navigables de France, the army's pensions office, CRPCEN,
a regional council, a public hospital, a local civil court and a waste collection syndicate),
written without reading the scorer, its settings or any accuracy result, to measure the scorer
once on cases nobody tuned it on.

Each item has a faithful reply, a faithful paraphrase and five twins with one defect each: an
invented statement without a number ("claim"), one with a number ("claim_number"), a value the
citizen wrote turned into a commitment ("citizen_value"), a key fact with the opposite sense
("polarity") and a right kind of term tied to the wrong thing ("swapped_term").

Run from the repository root: ``.venv/bin/python tests/scoring/contrastive/blind5.py``. It writes
blind5_items.jsonl, blind5_pairs.jsonl and blind5_paraphrases.jsonl with fresh.py's writer; the
output is committed.
"""

from typing import Any

from fresh import write

ITEMS: list[dict[str, Any]] = [
    {
        "id": "blind5-campusfrance-01",
        "service": "Campus France",
        "experience": (
            "Toujours pas d'entretien pour mon master",
            "J'ai payé les frais de 255 € le 2 mai et validé mon dossier Études en France pour un master à Lyon. On m'a promis un entretien dans la semaine, et un mois après je n'ai aucune convocation. Ma rentrée est le 8 septembre et je n'ai même pas commencé la demande de visa. Est-ce que je dois tout recommencer ?",
            "negative",
            "Aminata_D",
        ),
        "context": [
            "Les frais de dossier Études en France (255 €) ont été reçus le 2 mai 2025 par l'Espace Campus France de Dakar.",
            "Le dossier a été validé en ligne le 5 mai 2025, mais le relevé de notes de licence 3 déposé est illisible.",
            "L'entretien pédagogique ne peut être fixé qu'après le dépôt d'un relevé de notes lisible.",
            "Le nouveau relevé se dépose dans l'espace personnel Études en France, rubrique « Mes documents » ; le dossier n'a pas à être recommencé et les frais ne sont pas dus une seconde fois.",
            "La convocation à l'entretien est envoyée par courriel, en général dans les 10 jours qui suivent le dépôt de la pièce.",
            "La demande de visa se fait sur France-Visas, après l'entretien et l'accord de l'établissement.",
        ],
        "key_facts": [
            "L'entretien pédagogique ne peut être fixé qu'après le dépôt d'un relevé de notes de licence 3 lisible.",
            "Le relevé se dépose dans l'espace Études en France, rubrique « Mes documents », sans recommencer le dossier ni payer de nouveau les frais.",
            "La convocation arrive par courriel, en général dans les 10 jours suivant le dépôt.",
        ],
        "reply": "Bonjour Aminata_D,\n\nNous avons bien reçu vos frais de dossier le 2 mai 2025 et votre dossier a été validé le 5 mai 2025. Le relevé de notes de licence 3 que vous avez déposé est cependant illisible, et nous ne pouvons fixer votre entretien pédagogique qu'avec un relevé lisible.\n\nVous n'avez pas à recommencer votre dossier ni à payer de nouveau : déposez simplement un nouveau relevé dans votre espace Études en France, rubrique « Mes documents ». La convocation vous sera ensuite envoyée par courriel, en général dans les 10 jours.\n\nAprès l'entretien et l'accord de l'établissement, vous pourrez demander votre visa sur France-Visas.",
        "paraphrase": "Bonjour Aminata_D,\n\nInutile de reprendre votre dossier depuis le début ou de régler une seconde fois les frais. Il suffit de déposer à nouveau votre relevé de notes de licence 3 dans la rubrique « Mes documents » de votre espace Études en France : celui que nous avons reçu ne se lit pas, et sans relevé lisible l'entretien pédagogique ne peut pas être programmé. Votre convocation vous parviendra ensuite par courriel, le plus souvent dans les 10 jours.\n\nVos frais nous sont parvenus le 2 mai 2025 et votre dossier a été validé le 5 mai 2025. La demande de visa, sur France-Visas, viendra une fois l'entretien passé et l'accord de l'établissement obtenu.",
        "defects": {
            "claim": (
                "La convocation vous sera ensuite envoyée par courriel, en général dans les 10 jours.",
                "Vu la date de votre rentrée, votre entretien sera programmé en priorité et la convocation vous sera envoyée par courriel, en général dans les 10 jours.",
            ),
            "claim_number": (
                "insert",
                "Un conseiller peut aussi vous recevoir sans rendez-vous le mardi de 9 h à 12 h.",
            ),
            "citizen_value": (
                "insert",
                "Vous aurez ainsi votre visa avant votre rentrée du 8 septembre.",
            ),
            "polarity": (
                "Vous n'avez pas à recommencer votre dossier ni à payer de nouveau",
                "Vous devrez recommencer votre dossier et payer de nouveau les frais",
            ),
            "swapped_term": (
                "demander votre visa sur France-Visas",
                "demander votre visa sur Études en France",
            ),
        },
    },
    {
        "id": "blind5-asp-01",
        "service": "Agence de services et de paiement",
        "experience": (
            "Aide au permis de 500 € jamais reçue",
            "Je suis apprenti en boulangerie. Mon CFA a envoyé ma demande d'aide au permis en janvier. Au téléphone on m'a dit que l'argent serait sur mon compte sous 15 jours, et maintenant l'auto-école me réclame 500 €. Je passe l'examen le 24 mars, je fais comment ?",
            "negative",
            "Kevin_apprenti",
        ),
        "context": [
            "La demande d'aide au financement du permis de conduire des apprentis a été transmise par le CFA le 16 janvier 2025.",
            "Le montant de l'aide est de 500 €, quel que soit le coût de la formation à la conduite.",
            "L'Agence de services et de paiement verse l'aide au CFA, qui la reverse soit à l'apprenti, soit directement à l'auto-école.",
            "L'aide a été versée au CFA le 11 février 2025.",
            "Le choix entre un reversement à l'apprenti ou à l'auto-école appartient au CFA ; l'Agence de services et de paiement n'en est pas informée.",
            "L'aide reste acquise quel que soit le résultat à l'examen du permis.",
        ],
        "key_facts": [
            "L'aide de 500 € a été versée au CFA le 11 février 2025.",
            "C'est le CFA qui la reverse, à l'apprenti ou directement à l'auto-école.",
            "L'aide reste acquise quel que soit le résultat à l'examen.",
        ],
        "reply": "Bonjour Kevin_apprenti,\n\nVotre CFA nous a transmis votre demande d'aide au permis de conduire le 16 janvier 2025. Nous avons versé l'aide de 500 € à votre CFA le 11 février 2025.\n\nC'est lui qui doit maintenant la reverser, soit à vous, soit directement à votre auto-école. Nous ne savons pas lequel de ces deux choix il a fait : adressez-vous à votre CFA pour le savoir.\n\nCette aide vous reste acquise quel que soit le résultat de votre examen.",
        "paraphrase": "Bonjour Kevin_apprenti,\n\nLes 500 € de votre aide au permis ont été payés le 11 février 2025, non pas sur votre compte mais à votre CFA, qui nous avait envoyé votre demande le 16 janvier 2025. Il appartient au CFA de vous reverser cette somme ou de la régler directement à l'auto-école ; nous ignorons l'option qu'il a retenue, c'est donc auprès de lui qu'il faut vous renseigner.\n\nQue vous réussissiez l'examen ou non, l'aide ne vous sera pas reprise.",
        "defects": {
            "claim": (
                "insert",
                "Votre CFA a d'ailleurs été relancé par nos services à ce sujet.",
            ),
            "claim_number": (
                "Cette aide vous reste acquise quel que soit le résultat de votre examen.",
                "Cette aide vous reste acquise quel que soit le résultat de votre examen, et une seconde aide de 200 € est prévue en cas d'échec.",
            ),
            "citizen_value": (
                "insert",
                "Les 500 € arriveront sur votre compte sous 15 jours, comme on vous l'a indiqué.",
            ),
            "polarity": (
                "vous reste acquise quel que soit le résultat de votre examen",
                "ne vous sera acquise que si vous réussissez votre examen",
            ),
            "swapped_term": (
                "Nous avons versé l'aide de 500 € à votre CFA",
                "Nous avons versé l'aide de 500 € à votre auto-école",
            ),
        },
    },
    {
        "id": "blind5-efs-01",
        "service": "Établissement français du sang",
        "experience": (
            "Refusée au don après mon voyage",
            "Je suis venue donner mon sang le 3 juin à la collecte de Vannes. Le médecin m'a refusée à cause de mon voyage en Guyane. Une bénévole m'a dit que je pourrais revenir dans 1 mois. Je trouve ça dommage, je donne régulièrement depuis 10 ans.",
            "neutral",
            "Soizic56",
        ),
        "context": [
            "La donneuse s'est présentée le 3 juin 2025 à la collecte de Vannes ; elle a été ajournée lors de l'entretien préalable au don.",
            "Après un séjour en Guyane, où le paludisme est présent, le don de sang est ajourné pendant 4 mois après le retour.",
            "Le retour de Guyane déclaré date du 20 mai 2025 ; le don de sang redevient possible à partir du 20 septembre 2025.",
            "Le don de plasma reste possible sans attendre, sur rendez-vous à la Maison du don de Vannes.",
            "Les rendez-vous se prennent sur dondesang.efs.sante.fr ou dans l'application Don de sang.",
            "Cet ajournement n'est pas une contre-indication définitive.",
        ],
        "key_facts": [
            "Après un séjour en Guyane, le don de sang est ajourné 4 mois après le retour : il redevient possible à partir du 20 septembre 2025.",
            "Le don de plasma reste possible sans attendre, sur rendez-vous à la Maison du don de Vannes.",
            "L'ajournement n'est pas une contre-indication définitive.",
        ],
        "reply": "Bonjour Soizic56,\n\nMerci pour votre fidélité au don. Lors de l'entretien du 3 juin 2025, vous avez été ajournée parce que le paludisme est présent en Guyane : après un séjour dans cette région, il faut attendre 4 mois après le retour avant de donner son sang. Vous êtes rentrée le 20 mai 2025, vous pourrez donc donner à nouveau à partir du 20 septembre 2025.\n\nIl ne s'agit pas d'une contre-indication définitive. D'ici là, vous pouvez déjà donner votre plasma, sur rendez-vous à la Maison du don de Vannes.\n\nLes rendez-vous se prennent sur dondesang.efs.sante.fr ou dans l'application Don de sang.",
        "paraphrase": "Bonjour Soizic56,\n\nVous pouvez donner votre plasma dès maintenant : prenez rendez-vous à la Maison du don de Vannes, par l'application Don de sang ou sur le site dondesang.efs.sante.fr. Pour le sang, en revanche, il faudra patienter jusqu'au 20 septembre 2025.\n\nEn effet, quand on revient de Guyane, où le paludisme circule, le délai à respecter avant un don de sang est de 4 mois ; votre retour datant du 20 mai 2025, c'est ce qui a motivé l'ajournement prononcé le 3 juin 2025. Cet ajournement est temporaire, pas définitif.",
        "defects": {
            "claim": (
                "insert",
                "Nos équipes vous enverront un rappel dès que vous pourrez revenir.",
            ),
            "claim_number": (
                "dans l'application Don de sang.",
                "dans l'application Don de sang ; un créneau vous est déjà réservé le 22 septembre à 10 h.",
            ),
            "citizen_value": (
                "insert",
                "Comme on vous l'a dit sur place, vous pourrez revenir donner votre sang dans 1 mois.",
            ),
            "polarity": (
                "D'ici là, vous pouvez déjà donner votre plasma",
                "D'ici là, vous ne pouvez pas non plus donner votre plasma",
            ),
            "swapped_term": (
                "à la Maison du don de Vannes",
                "à la Maison du don de Lorient",
            ),
        },
    },
    {
        "id": "blind5-vnf-01",
        "service": "Voies navigables de France",
        "experience": (
            "Titre de navigation payé deux fois",
            "J'ai acheté en ligne le titre de navigation annuel de mon bateau de plaisance le 12 avril (214 €), et l'agence de Chalon m'a refait payer au guichet le 18 avril parce qu'il n'apparaissait pas. L'agent m'avait assuré que les 214 € seraient recrédités sur ma carte sous 48 heures. Trois mois après, toujours rien.",
            "negative",
            "Gérard_Saône",
        ),
        "context": [
            "Deux titres de navigation annuels ont été payés pour le même bateau, 214 € chacun : le 12 avril 2025 en ligne et le 18 avril 2025 à l'accueil de l'agence de Chalon-sur-Saône.",
            "Le paiement fait au guichet le 18 avril 2025 est le doublon à rembourser.",
            "Le remboursement nécessite une demande écrite accompagnée d'un RIB au nom du titulaire du titre.",
            "La demande se fait par le formulaire de contact de vnf.fr, rubrique « Plaisance ».",
            "Aucune demande de remboursement n'a été reçue à ce jour.",
            "Le remboursement est effectué par virement.",
        ],
        "key_facts": [
            "Le paiement du 18 avril 2025 au guichet de Chalon-sur-Saône est le doublon remboursable.",
            "Aucune demande de remboursement n'a été reçue : il faut l'envoyer avec un RIB au nom du titulaire, par le formulaire de vnf.fr, rubrique « Plaisance ».",
            "Le remboursement se fait par virement.",
        ],
        "reply": "Bonjour Gérard_Saône,\n\nVous avez bien payé deux fois le titre de navigation annuel de votre bateau, 214 € chaque fois : le 12 avril 2025 en ligne, puis le 18 avril 2025 à notre agence de Chalon-sur-Saône. C'est le paiement du 18 avril 2025 qui vous sera remboursé.\n\nNous n'avons toutefois reçu aucune demande de remboursement de votre part. Envoyez-la-nous par le formulaire de contact de vnf.fr, rubrique « Plaisance », avec un RIB à votre nom.\n\nLe remboursement vous sera fait par virement.",
        "paraphrase": "Bonjour Gérard_Saône,\n\nPour que nous puissions vous rembourser, il nous faut une demande écrite : à ce jour, nous n'en avons reçu aucune. Utilisez le formulaire de contact de vnf.fr (rubrique « Plaisance ») et joignez-y un RIB à votre nom.\n\nLe virement portera sur le paiement fait au guichet de Chalon-sur-Saône le 18 avril 2025, qui fait double emploi avec votre achat en ligne du 12 avril 2025 ; chacun s'élevait à 214 €.",
        "defects": {
            "claim": (
                "insert",
                "Le reçu du guichet, dont nous disposons déjà, n'a pas à être joint.",
            ),
            "claim_number": (
                "Le remboursement vous sera fait par virement.",
                "Le remboursement vous sera fait par virement sous 30 jours.",
            ),
            "citizen_value": (
                "insert",
                "Les 214 € seront recrédités sur votre carte bancaire sous 48 heures.",
            ),
            "polarity": (
                "Nous n'avons toutefois reçu aucune demande de remboursement de votre part.",
                "Nous avons bien reçu votre demande de remboursement.",
            ),
            "swapped_term": (
                "C'est le paiement du 18 avril 2025",
                "C'est le paiement du 12 avril 2025",
            ),
        },
    },
    {
        "id": "blind5-pmi-01",
        "service": "Sous-direction des pensions (ministère des Armées)",
        "experience": (
            "Révision de ma pension d'invalidité",
            "Ancien caporal-chef, j'ai une pension militaire d'invalidité à 30 % pour mon genou. Il s'est aggravé et j'ai demandé une révision en février. Un ancien collègue m'a dit que je passerais à 50 % et que tout serait réglé en 3 mois. Je viens de recevoir une convocation pour une expertise, mais c'est le 14 mai, le jour de mon opération.",
            "neutral",
            "Caporal_Thierry",
        ),
        "context": [
            "La demande de révision pour aggravation de la pension militaire d'invalidité (taux actuel : 30 %) a été reçue le 10 février 2025.",
            "Une expertise médicale est fixée le 14 mai 2025 à Bordeaux, avec un médecin expert agréé.",
            "Un report d'expertise peut être demandé par écrit, avec un justificatif (par exemple un bulletin d'hospitalisation), auprès du bureau de l'instruction des pensions à La Rochelle.",
            "Le nouveau taux est fixé après l'expertise et l'avis du médecin chargé des pensions militaires d'invalidité.",
            "La décision est notifiée par courrier.",
            "En cas de désaccord, un recours administratif préalable obligatoire est formé devant la commission de recours de l'invalidité dans un délai de 6 mois.",
        ],
        "key_facts": [
            "L'expertise du 14 mai 2025 peut être reportée sur demande écrite avec un justificatif, auprès du bureau de l'instruction des pensions à La Rochelle.",
            "Le nouveau taux n'est fixé qu'après l'expertise et l'avis du médecin chargé des pensions militaires d'invalidité.",
            "En cas de désaccord, la commission de recours de l'invalidité peut être saisie dans les 6 mois.",
        ],
        "reply": "Bonjour Caporal_Thierry,\n\nNous avons bien reçu le 10 février 2025 votre demande de révision pour aggravation. Votre expertise médicale est prévue le 14 mai 2025 à Bordeaux. Puisque vous serez opéré ce jour-là, vous pouvez demander un report : écrivez au bureau de l'instruction des pensions à La Rochelle en joignant un justificatif, par exemple votre bulletin d'hospitalisation.\n\nVotre nouveau taux sera fixé après l'expertise et l'avis du médecin chargé des pensions militaires d'invalidité. Nous ne pouvons donc pas encore vous l'indiquer.\n\nLa décision vous sera envoyée par courrier. Si vous la contestez, vous aurez 6 mois pour saisir la commission de recours de l'invalidité.",
        "paraphrase": "Bonjour Caporal_Thierry,\n\nVotre opération tombe le jour de l'expertise, le 14 mai 2025 à Bordeaux : demandez-en le report par écrit au bureau de l'instruction des pensions de La Rochelle, avec une pièce qui le justifie, comme votre bulletin d'hospitalisation. Votre demande de révision pour aggravation nous est parvenue le 10 février 2025.\n\nAucun taux ne peut vous être annoncé à ce stade : il dépendra de l'expertise, puis de l'avis du médecin chargé des pensions militaires d'invalidité. Vous recevrez la décision par courrier et, en cas de désaccord, la commission de recours de l'invalidité pourra être saisie dans un délai de 6 mois.",
        "defects": {
            "claim": (
                "insert",
                "L'aggravation de votre état est déjà reconnue par nos services.",
            ),
            "claim_number": (
                "La décision vous sera envoyée par courrier.",
                "La décision vous sera envoyée par courrier d'ici le 30 juin 2025.",
            ),
            "citizen_value": (
                "insert",
                "Votre taux sera toutefois porté à 50 %.",
            ),
            "polarity": (
                "vous pouvez demander un report",
                "vous ne pouvez pas demander de report",
            ),
            "swapped_term": (
                "saisir la commission de recours de l'invalidité",
                "saisir le tribunal administratif",
            ),
        },
    },
    {
        "id": "blind5-crpcen-01",
        "service": "CRPCEN",
        "experience": (
            "Réversion de mon mari, clerc de notaire",
            "Mon mari, clerc de notaire pendant 35 ans, est décédé le 2 janvier. J'ai envoyé la demande de réversion début février. La dame au téléphone m'a dit que je toucherais 60 % de sa retraite dès le mois de mars. Nous sommes en avril et je n'ai rien reçu.",
            "negative",
            "Monique_V",
        ),
        "context": [
            "La demande de pension de réversion a été reçue le 6 février 2025.",
            "Il manque l'avis d'imposition 2024 de la demandeuse ; il lui a été demandé par courrier le 20 février 2025.",
            "La pièce peut être déposée dans l'espace personnel sur crpcen.fr ou envoyée par courrier.",
            "Le délai de traitement est de 2 mois à compter de la réception du dossier complet ; le montant est calculé à ce moment-là.",
            "La pension de réversion prend effet au 1er février 2025, premier jour du mois suivant le décès.",
            "Les mois écoulés depuis la date d'effet sont versés en une seule fois avec le premier paiement.",
        ],
        "key_facts": [
            "Il manque l'avis d'imposition 2024, demandé par courrier le 20 février 2025.",
            "Le dossier est traité en 2 mois à compter de sa réception complète.",
            "La réversion prend effet au 1er février 2025 ; les mois écoulés seront versés en une seule fois avec le premier paiement.",
        ],
        "reply": "Bonjour Monique_V,\n\nNous vous présentons nos sincères condoléances. Nous avons bien reçu votre demande de pension de réversion le 6 février 2025. Il y manque votre avis d'imposition 2024, que nous vous avons demandé par courrier le 20 février 2025. Vous pouvez le déposer dans votre espace personnel sur crpcen.fr ou nous l'envoyer par courrier.\n\nNous traiterons votre dossier dans un délai de 2 mois une fois qu'il sera complet. Le montant sera calculé à ce moment-là.\n\nVotre pension de réversion prendra effet au 1er février 2025 : les mois déjà écoulés vous seront versés en une seule fois avec le premier paiement.",
        "paraphrase": "Bonjour Monique_V,\n\nToutes nos condoléances pour la perte de votre mari. Votre réversion partira du 1er février 2025, même si elle est payée plus tard : le premier versement comprendra d'un coup tous les mois de retard.\n\nPour l'instant, votre dossier, reçu le 6 février 2025, est incomplet : nous attendons votre avis d'imposition 2024, réclamé par notre courrier du 20 février 2025. Envoyez-le par la poste ou déposez-le sur votre espace crpcen.fr. Dès que nous l'aurons, comptez 2 mois pour le traitement, calcul du montant compris.",
        "defects": {
            "claim": (
                "Le montant sera calculé à ce moment-là.",
                "Le montant sera calculé à ce moment-là, et une avance vous sera versée sans attendre.",
            ),
            "claim_number": (
                "insert",
                "Une majoration de 10 % s'y ajoutera si vous avez élevé trois enfants.",
            ),
            "citizen_value": (
                "insert",
                "Vous percevrez 60 % de la retraite de votre mari.",
            ),
            "polarity": (
                "les mois déjà écoulés vous seront versés en une seule fois",
                "les mois déjà écoulés ne vous seront pas versés",
            ),
            "swapped_term": (
                "Il y manque votre avis d'imposition 2024",
                "Il y manque votre livret de famille",
            ),
        },
    },
    {
        "id": "blind5-region-01",
        "service": "Conseil régional",
        "experience": (
            "Bourse d'élève infirmière rejetée",
            "Je suis en première année d'IFSI à Rouen. J'ai fait ma demande de bourse sur le site de la Région en septembre. Sur mon espace il est écrit « dossier rejeté », sans autre explication. Une amie dans la même situation que moi a eu 5 000 € pour l'année. Je veux savoir pourquoi.",
            "negative",
            "Léa_IFSI",
        ),
        "context": [
            "La demande de bourse d'études sanitaires et sociales a été déposée le 22 septembre 2025 sur la plateforme des aides de la Région Normandie.",
            "Le dossier a été rejeté le 14 octobre 2025 car l'avis d'imposition 2025 des parents n'a pas été fourni, alors que l'étudiante est rattachée à leur foyer fiscal.",
            "Un rejet pour pièce manquante n'est pas un refus sur le fond : la demande peut être déposée de nouveau, complète, jusqu'au 31 décembre 2025.",
            "Le montant de la bourse dépend de l'échelon, calculé sur les revenus du foyer fiscal de rattachement.",
            "Une bourse attribuée est versée en 10 mensualités, avec effet au mois de la rentrée.",
        ],
        "key_facts": [
            "Le dossier a été rejeté faute de l'avis d'imposition 2025 des parents, auxquels l'étudiante est rattachée fiscalement.",
            "Ce n'est pas un refus sur le fond : la demande peut être redéposée jusqu'au 31 décembre 2025.",
            "Le montant dépend de l'échelon calculé sur les revenus du foyer fiscal.",
        ],
        "reply": "Bonjour Léa_IFSI,\n\nVotre demande du 22 septembre 2025 a été rejetée le 14 octobre 2025 parce que l'avis d'imposition 2025 de vos parents n'y figurait pas. Comme vous êtes rattachée à leur foyer fiscal, ce document est indispensable.\n\nCe rejet n'est pas un refus sur le fond : vous pouvez déposer de nouveau votre demande, complète, jusqu'au 31 décembre 2025. Le montant de la bourse dépend de votre échelon, calculé sur les revenus de votre foyer fiscal ; il peut donc être différent de celui de votre amie.\n\nSi la bourse vous est attribuée, elle vous sera versée en 10 mensualités, avec effet au mois de la rentrée.",
        "paraphrase": "Bonjour Léa_IFSI,\n\nVous avez jusqu'au 31 décembre 2025 pour déposer à nouveau votre demande de bourse, en y joignant cette fois l'avis d'imposition 2025 de vos parents. C'est l'absence de ce document, obligatoire puisque vous dépendez fiscalement d'eux, qui a entraîné le rejet du 14 octobre 2025 ; votre situation n'a pas été jugée sur le fond.\n\nChaque bourse suit un échelon qui tient aux revenus du foyer fiscal : le montant accordé à votre amie ne préjuge pas du vôtre. Une bourse accordée est payée en 10 mensualités et remonte au mois de la rentrée.",
        "defects": {
            "claim": (
                "insert",
                "Il vous suffira de redéposer votre dossier pour que la bourse vous soit accordée.",
            ),
            "claim_number": (
                "insert",
                "Avec les revenus de vos parents, vous relèverez de l'échelon 5.",
            ),
            "citizen_value": (
                "insert",
                "Vous percevrez toutefois, comme elle, 5 000 € pour l'année.",
            ),
            "polarity": (
                "ce document est indispensable",
                "ce document est facultatif",
            ),
            "swapped_term": (
                "l'avis d'imposition 2025 de vos parents n'y figurait pas",
                "l'avis d'imposition 2025 à votre propre nom n'y figurait pas",
            ),
        },
    },
    {
        "id": "blind5-hopital-01",
        "service": "Centre hospitalier",
        "experience": (
            "Facture de l'hôpital alors que j'ai une mutuelle",
            "J'ai été hospitalisé 3 jours en juillet pour une appendicite. Je reçois une facture de 60 € de forfait journalier alors que ma mutuelle prend tout en charge. À l'accueil on m'avait dit que je n'aurais rien à payer et que tout serait réglé sous 8 jours. Et maintenant le Trésor public m'envoie une relance !",
            "negative",
            "R.Benali",
        ),
        "context": [
            "Le patient a été hospitalisé du 8 au 10 juillet 2025 en chirurgie digestive, soit 3 jours.",
            "Le forfait journalier de ces 3 jours, soit 60 €, lui a été facturé car aucune attestation de mutuelle n'a été présentée à l'admission, le 8 juillet 2025.",
            "La mutuelle peut régler directement cette facture si le patient transmet au bureau des admissions une attestation de tiers payant valable en juillet 2025.",
            "L'attestation se dépose au bureau des admissions ou s'envoie par le formulaire en ligne du site de l'hôpital.",
            "Le recouvrement des factures est assuré par le Trésor public ; la relance reçue porte sur cette facture.",
            "À réception de l'attestation, l'hôpital annule la facture adressée au patient, facture la mutuelle et en informe le Trésor public.",
        ],
        "key_facts": [
            "Les 60 € de forfait journalier (3 jours) ont été facturés au patient faute d'attestation de mutuelle à l'admission.",
            "Il faut transmettre au bureau des admissions une attestation de tiers payant valable en juillet 2025.",
            "L'hôpital annule alors la facture, facture la mutuelle et en informe le Trésor public.",
        ],
        "reply": "Bonjour R.Benali,\n\nLors de votre admission, le 8 juillet 2025, aucune attestation de mutuelle ne nous a été présentée. Le forfait journalier de vos 3 jours d'hospitalisation, soit 60 €, vous a donc été facturé, et la relance du Trésor public porte sur cette facture.\n\nPour que votre mutuelle la règle directement, transmettez au bureau des admissions une attestation de tiers payant valable en juillet 2025, sur place ou par le formulaire en ligne de notre site.\n\nDès réception, nous annulerons la facture à votre nom, nous facturerons votre mutuelle et nous en informerons le Trésor public.",
        "paraphrase": "Bonjour R.Benali,\n\nIl vous suffit de nous faire parvenir une attestation de tiers payant de votre mutuelle, valable pour juillet 2025 : déposez-la au bureau des admissions ou envoyez-la par le formulaire en ligne de notre site. Nous adresserons alors la facture à votre mutuelle, annulerons celle qui est à votre nom et préviendrons le Trésor public.\n\nCes 60 € correspondent au forfait journalier de vos 3 jours d'hospitalisation. Ils vous ont été facturés parce que, le 8 juillet 2025, jour de votre admission, vous n'aviez pas présenté d'attestation de mutuelle. La relance du Trésor public concerne cette même facture.",
        "defects": {
            "claim": (
                "insert",
                "Les frais liés à la relance seront pris en charge par l'hôpital.",
            ),
            "claim_number": (
                "Dès réception, nous annulerons",
                "Dès réception, et au plus tard sous 5 jours ouvrés, nous annulerons",
            ),
            "citizen_value": (
                "insert",
                "Tout sera réglé sous 8 jours, comme l'accueil vous l'avait indiqué.",
            ),
            "polarity": (
                "aucune attestation de mutuelle ne nous a été présentée",
                "votre attestation de mutuelle nous a bien été présentée",
            ),
            "swapped_term": (
                "transmettez au bureau des admissions",
                "transmettez au Trésor public",
            ),
        },
    },
    {
        "id": "blind5-proximite-01",
        "service": "Tribunal de proximité",
        "experience": (
            "Pas de date d'audience pour ma caution",
            "J'ai déposé une requête début mars contre mon ancien propriétaire, qui garde ma caution de 850 €. Le greffe m'avait dit que l'audience serait en avril et que j'aurais droit en plus à 300 € de dommages et intérêts. Je n'ai toujours aucune convocation. Est-ce qu'il me faut un avocat ? Je n'en ai pas les moyens.",
            "neutral",
            "Nadia_T",
        ),
        "context": [
            "La requête en restitution du dépôt de garantie de 850 € a été enregistrée au greffe du tribunal de proximité de Montreuil le 5 mars 2025.",
            "L'audience est fixée au 17 juin 2025 à 14 h.",
            "La convocation est envoyée aux deux parties par lettre recommandée avec accusé de réception, au moins 15 jours avant l'audience.",
            "Pour un litige de moins de 10 000 €, l'avocat n'est pas obligatoire : le demandeur peut se défendre seul ou se faire assister par un proche muni d'un pouvoir écrit.",
            "Le demandeur apporte à l'audience les pièces de son dossier : le bail, l'état des lieux de sortie et la preuve du versement du dépôt.",
            "Une demande d'aide juridictionnelle reste possible.",
        ],
        "key_facts": [
            "L'audience est fixée au 17 juin 2025 à 14 h ; la convocation arrive par lettre recommandée au moins 15 jours avant.",
            "L'avocat n'est pas obligatoire pour un litige de moins de 10 000 €.",
            "Il faut apporter à l'audience le bail, l'état des lieux de sortie et la preuve du versement du dépôt.",
        ],
        "reply": "Bonjour Nadia_T,\n\nVotre requête en restitution de votre dépôt de garantie de 850 € a été enregistrée par notre greffe le 5 mars 2025. L'audience est fixée au 17 juin 2025 à 14 h. Vous recevrez votre convocation par lettre recommandée au moins 15 jours avant cette date.\n\nPour un litige de moins de 10 000 €, vous n'êtes pas obligée de prendre un avocat : vous pouvez vous défendre seule ou vous faire assister par un proche muni d'un pouvoir écrit.\n\nPensez à apporter à l'audience votre bail, l'état des lieux de sortie et la preuve du versement du dépôt.",
        "paraphrase": "Bonjour Nadia_T,\n\nVous pouvez venir sans avocat : il n'est pas exigé quand le litige porte sur moins de 10 000 €. Vous plaiderez seule, ou avec l'aide d'un proche si vous lui donnez un pouvoir écrit.\n\nVotre affaire sera examinée le 17 juin 2025 à 14 h ; la convocation vous parviendra en recommandé, 15 jours avant au plus tard. Notre greffe a enregistré votre requête le 5 mars 2025. Le jour de l'audience, munissez-vous du bail, de l'état des lieux de sortie et du justificatif de versement du dépôt de garantie.",
        "defects": {
            "claim": (
                "insert",
                "Au vu de votre dossier, votre ancien propriétaire devra vous rendre votre caution.",
            ),
            "claim_number": (
                "insert",
                "L'aide juridictionnelle vous sera accordée si vos revenus sont inférieurs à 1 400 € par mois.",
            ),
            "citizen_value": (
                "insert",
                "Vous obtiendrez en outre les 300 € de dommages et intérêts qu'on vous a annoncés.",
            ),
            "polarity": (
                "vous n'êtes pas obligée de prendre un avocat",
                "la présence d'un avocat est obligatoire",
            ),
            "swapped_term": (
                "l'état des lieux de sortie",
                "l'état des lieux d'entrée",
            ),
        },
    },
    {
        "id": "blind5-sictom-01",
        "service": "Syndicat de collecte des déchets (SICTOM)",
        "experience": (
            "Redevance ordures ménagères pour une maison vendue",
            "J'ai vendu ma maison le 30 avril et je reçois quand même la redevance des ordures ménagères pour toute l'année, 248 €. J'avais rendu les bacs le jour de la vente. Au téléphone, on m'a dit que la facture serait ramenée à 60 € et corrigée d'office. Je ne paierai pas.",
            "negative",
            "Bernard.L",
        ),
        "context": [
            "La redevance 2025 de 248 € a été calculée pour l'année entière, car le syndicat n'a pas été informé du départ.",
            "La restitution des bacs le 30 avril 2025 est enregistrée ; elle ne suffit pas à clore l'abonnement.",
            "Pour obtenir une facture rectifiée, l'usager envoie l'attestation de vente établie par le notaire, par le formulaire « Je déménage » du site du syndicat ou à l'accueil.",
            "La redevance est due au prorata du temps d'occupation : pour un départ au 30 avril 2025, 4 mois, soit 82,67 €.",
            "La facture rectifiée remplace la facture initiale de 248 €, qui n'est pas à payer.",
            "Le paiement se fait auprès du Trésor public, à réception de la facture rectifiée.",
        ],
        "key_facts": [
            "La restitution des bacs ne suffit pas à clore l'abonnement.",
            "Il faut envoyer l'attestation de vente du notaire, par le formulaire « Je déménage » ou à l'accueil.",
            "La redevance est due au prorata : 4 mois, soit 82,67 €, et la facture de 248 € n'est pas à payer.",
        ],
        "reply": "Bonjour Bernard.L,\n\nNous avons bien enregistré la restitution de vos bacs le 30 avril 2025. Elle ne suffit cependant pas à clore votre abonnement : sans information sur votre départ, la redevance 2025 a été calculée pour l'année entière.\n\nEnvoyez-nous l'attestation de vente de votre notaire, par le formulaire « Je déménage » de notre site ou à notre accueil. Vous recevrez alors une facture rectifiée, calculée au prorata de votre occupation : 4 mois, soit 82,67 €. Elle remplacera la facture de 248 €, que vous n'avez pas à payer.\n\nLe paiement se fera auprès du Trésor public, à réception de la facture rectifiée.",
        "paraphrase": "Bonjour Bernard.L,\n\nVous ne devez pas régler la facture de 248 € : elle porte sur toute l'année 2025, faute pour nous d'avoir su que vous étiez parti. Rendre les bacs, ce que vous avez fait le 30 avril 2025 et que nous avons bien noté, ne met pas fin à l'abonnement.\n\nTransmettez-nous l'attestation de vente établie par votre notaire, soit à l'accueil, soit par le formulaire « Je déménage » de notre site internet. La facture sera alors refaite pour vos 4 mois d'occupation, soit 82,67 €, à payer au Trésor public quand vous la recevrez.",
        "defects": {
            "claim": (
                "insert",
                "Le nouveau propriétaire sera informé par nos soins de l'ouverture de son propre abonnement.",
            ),
            "claim_number": (
                "à réception de la facture rectifiée",
                "dans les 45 jours suivant la réception de la facture rectifiée",
            ),
            "citizen_value": (
                "insert",
                "Votre facture sera corrigée d'office et ramenée à 60 €.",
            ),
            "polarity": (
                "Elle ne suffit cependant pas à clore votre abonnement",
                "Elle suffit cependant à clore votre abonnement",
            ),
            "swapped_term": (
                "l'attestation de vente de votre notaire",
                "l'attestation de vente de votre agence immobilière",
            ),
        },
    },
]


if __name__ == "__main__":
    write(ITEMS, "blind5")
