# ruff: noqa: E501  (the replies are data, kept one string per line so they read as written)
"""A fourth hand-written batch, split "blind2": fifteen items over fifteen services absent from the
gold set and from every earlier batch, written without reading the scorer, its settings or any
accuracy result, to measure the scorer once on cases nobody tuned it on.

Each item has a faithful reply, a faithful paraphrase and five twins with one defect each: an
invented statement without a number ("claim"), one with a number ("claim_number"), a value the
citizen wrote turned into a commitment ("citizen_value"), a key fact with the opposite sense
("polarity") and a right kind of term tied to the wrong thing ("swapped_term").

Run from the repository root: ``.venv/bin/python tests/scoring/contrastive/blind2.py``. It writes
blind2_items.jsonl, blind2_pairs.jsonl and blind2_paraphrases.jsonl with fresh.py's writer; the
output is committed.
"""

from typing import Any

from fresh import write

ITEMS: list[dict[str, Any]] = [
    {
        "id": "blind2-parcoursup-01",
        "service": "Parcoursup",
        "experience": (
            "Liste d'attente interminable",
            "Mon fils est en liste d'attente pour le BUT informatique de Lannion depuis le 2 juin. Il était 45e et la plateforme d'assistance m'a assuré au téléphone qu'il aurait une place avant le 14 juillet. En attendant il a accepté une licence à Rennes. Est-ce qu'il va perdre cette place s'il garde Lannion ?",
            "negative",
            "Famille_LeGoff",
        ),
        "context": [
            "Le candidat a accepté le 6 juin 2025 la proposition d'admission en licence d'informatique à l'université de Rennes et a maintenu ses vœux en attente, dont le BUT informatique de Lannion.",
            "Accepter une proposition en maintenant des vœux en attente ne fait pas perdre la place acceptée.",
            "Si une place se libère sur un vœu en attente, le candidat reçoit une nouvelle proposition ; s'il l'accepte, il renonce automatiquement à la proposition acceptée auparavant.",
            "Le rang sur la liste d'attente est mis à jour chaque jour dans le dossier du candidat ; la date d'une éventuelle proposition ne peut pas être prévue.",
            "La phase principale d'admission se termine le 11 juillet 2025.",
        ],
        "key_facts": [
            "La place acceptée à Rennes n'est pas perdue parce que des vœux restent en attente.",
            "Le rang est mis à jour chaque jour dans le dossier ; la date d'une proposition ne peut pas être prévue.",
            "La phase principale d'admission se termine le 11 juillet 2025.",
        ],
        "reply": "Bonjour Famille_LeGoff,\n\nNous comprenons l'inquiétude de votre fils. Il a accepté le 6 juin 2025 la licence d'informatique de l'université de Rennes et il a gardé ses vœux en attente. Il ne perd pas sa place à Rennes en gardant ces vœux.\n\nSi une place se libère au BUT informatique de Lannion, il recevra une nouvelle proposition. S'il l'accepte, il renonce automatiquement à Rennes. Son rang sur la liste d'attente est mis à jour chaque jour dans son dossier, mais nous ne pouvons pas prévoir la date d'une proposition.\n\nLa phase principale d'admission se termine le 11 juillet 2025.",
        "paraphrase": "Bonjour Famille_LeGoff,\n\nLa phase principale d'admission prend fin le 11 juillet 2025. Votre fils conserve la place qu'il a acceptée le 6 juin 2025 en licence d'informatique à l'université de Rennes : avoir maintenu des vœux en attente ne la lui fait pas perdre.\n\nChaque jour, son rang sur la liste d'attente est actualisé dans son dossier ; personne ne peut dire à quelle date une proposition arrivera. Si une place se libère à Lannion, une nouvelle proposition lui sera faite, et l'accepter revient à renoncer automatiquement à Rennes.",
        "defects": {
            "claim": (
                "Si une place se libère au BUT informatique de Lannion, il recevra une nouvelle proposition.",
                "Une place va se libérer au BUT informatique de Lannion et il recevra une nouvelle proposition.",
            ),
            "claim_number": (
                "insert",
                "Au vu de son rang actuel, une proposition lui parviendra sous 8 jours.",
            ),
            "citizen_value": (
                "insert",
                "Comme la plateforme d'assistance vous l'a indiqué, il aura une place avant le 14 juillet.",
            ),
            "polarity": (
                "Il ne perd pas sa place à Rennes en gardant ces vœux.",
                "Il perd sa place à Rennes en gardant ces vœux.",
            ),
            "swapped_term": (
                "La phase principale d'admission se termine",
                "La phase complémentaire d'admission se termine",
            ),
        },
    },
    {
        "id": "blind2-consulat-01",
        "service": "Consulat",
        "experience": (
            "Passeport pas reçu",
            "J'ai déposé ma demande de renouvellement de passeport au consulat de Montréal le 3 février. On m'avait parlé de 3 semaines, cela en fait six. Je dois rentrer en France le 20 avril pour un enterrement. Pouvez-vous me l'envoyer par la poste, j'habite à deux heures de route ?",
            "negative",
            "Julien.Q",
        ),
        "context": [
            "La demande de passeport a été déposée au consulat général de France à Montréal le 3 février 2025 ; les empreintes ont été relevées le même jour.",
            "Le passeport, fabriqué par l'Imprimerie nationale, est arrivé au consulat général le 14 mars 2025.",
            "Le passeport se retire en personne au consulat général, sur rendez-vous obligatoire pris en ligne ; il ne peut pas être envoyé par la poste.",
            "Le demandeur doit rapporter son ancien passeport lors du retrait.",
            "Un passeport qui n'est pas retiré dans les 3 mois suivant son arrivée est détruit.",
        ],
        "key_facts": [
            "Le passeport est arrivé au consulat général le 14 mars 2025.",
            "Il se retire en personne, sur rendez-vous obligatoire pris en ligne ; il ne peut pas être envoyé par la poste.",
            "L'ancien passeport doit être rapporté lors du retrait.",
        ],
        "reply": "Bonjour Julien.Q,\n\nNous comprenons votre inquiétude avant ce voyage difficile. Votre nouveau passeport est arrivé au consulat général le 14 mars 2025 : il vous attend.\n\nVous devez venir le retirer en personne. Le rendez-vous, à prendre en ligne, est obligatoire. Nous ne pouvons pas vous l'envoyer par la poste. Pensez à rapporter votre ancien passeport le jour du retrait.\n\nUn passeport qui n'est pas retiré dans les 3 mois suivant son arrivée est détruit.",
        "paraphrase": "Bonjour Julien.Q,\n\nVotre passeport est prêt : il est arrivé au consulat général le 14 mars 2025. Un envoi postal n'est pas possible, il faut le retirer vous-même, après avoir obligatoirement pris rendez-vous en ligne. Apportez votre ancien passeport ce jour-là.\n\nAttention : sans retrait dans les 3 mois qui suivent son arrivée, le passeport est détruit.",
        "defects": {
            "claim": (
                "insert",
                "Au vu de votre situation familiale, un rendez-vous prioritaire vous sera accordé.",
            ),
            "claim_number": (
                "insert",
                "Pour toute question, le service des passeports répond au 514 878 43 85.",
            ),
            "citizen_value": (
                "insert",
                "Vous l'aurez donc bien en main avant votre départ du 20 avril.",
            ),
            "polarity": (
                "Le rendez-vous, à prendre en ligne, est obligatoire.",
                "Le rendez-vous, à prendre en ligne, est facultatif.",
            ),
            "swapped_term": (
                "Pensez à rapporter votre ancien passeport",
                "Pensez à rapporter votre ancienne carte d'identité",
            ),
        },
    },
    {
        "id": "blind2-moncompteformation-01",
        "service": "Mon Compte Formation",
        "experience": (
            "Formation annulée, droits envolés",
            "J'avais réservé une formation de cariste à 1 200 € sur Mon Compte Formation. L'organisme l'a annulée le 10 septembre et mes euros ne sont jamais revenus sur mon compte. Le conseiller m'a dit au téléphone que ce serait fait sous 48 heures, c'était il y a trois semaines.",
            "negative",
            "Karim_59",
        ),
        "context": [
            "La formation « Conduite de chariots élévateurs » d'un montant de 1 200 € a été annulée par l'organisme de formation le 10 septembre 2025.",
            "En cas d'annulation par l'organisme, les droits utilisés sont recrédités sur le compte du titulaire dès que l'organisme a déclaré l'annulation dans son espace professionnel.",
            "L'organisme n'a pas encore déclaré l'annulation ; une relance lui a été envoyée le 29 septembre 2025.",
            "Le titulaire peut suivre son dossier dans la rubrique « Mes dossiers » de son compte.",
            "Un organisme qui ne respecte pas ses obligations peut être signalé par le formulaire de réclamation de moncompteformation.gouv.fr.",
        ],
        "key_facts": [
            "Les droits seront recrédités dès que l'organisme aura déclaré l'annulation.",
            "L'organisme n'a pas encore déclaré l'annulation ; il a été relancé le 29 septembre 2025.",
            "Le dossier se suit dans la rubrique « Mes dossiers ».",
        ],
        "reply": "Bonjour Karim_59,\n\nNous comprenons votre agacement. Votre formation de cariste, d'un montant de 1 200 €, a été annulée par l'organisme le 10 septembre 2025. Vos droits seront recrédités sur votre compte dès que l'organisme aura déclaré cette annulation dans son espace.\n\nÀ ce jour, il ne l'a pas encore fait. Nous lui avons envoyé une relance le 29 septembre 2025.\n\nVous pouvez suivre votre dossier dans la rubrique « Mes dossiers » de votre compte. Si l'organisme ne réagit pas, vous pouvez le signaler par le formulaire de réclamation de moncompteformation.gouv.fr.",
        "paraphrase": "Bonjour Karim_59,\n\nL'organisme a annulé le 10 septembre 2025 votre formation de cariste de 1 200 €, mais il n'a toujours pas déclaré cette annulation dans son espace. Or c'est cette déclaration qui permet de remettre vos droits sur votre compte. Nous l'avons relancé le 29 septembre 2025.\n\nLa rubrique « Mes dossiers » de votre compte vous permet de voir où en est votre dossier. Faute de réaction de l'organisme, un formulaire de réclamation est à votre disposition sur moncompteformation.gouv.fr.",
        "defects": {
            "claim": (
                "Nous lui avons envoyé une relance le 29 septembre 2025.",
                "Nous lui avons envoyé une relance le 29 septembre 2025 et, s'il ne répond pas, nous recréditerons vos droits nous-mêmes.",
            ),
            "claim_number": (
                "insert",
                "Vos droits seront en tout cas de retour sur votre compte au plus tard le 15 octobre 2025.",
            ),
            "citizen_value": (
                "insert",
                "Le recrédit interviendra sous 48 heures, comme notre conseiller vous l'a annoncé.",
            ),
            "polarity": (
                "À ce jour, il ne l'a pas encore fait.",
                "À ce jour, il l'a déjà fait.",
            ),
            "swapped_term": (
                "dès que l'organisme aura déclaré cette annulation",
                "dès que votre employeur aura déclaré cette annulation",
            ),
        },
    },
    {
        "id": "blind2-defenseur-01",
        "service": "Défenseur des droits",
        "experience": (
            "Réclamation sans nouvelles",
            "J'ai saisi le Défenseur des droits en mai parce que la Caf me réclame 2 300 € de trop-perçu que je n'ai jamais touchés. Je n'ai eu qu'un accusé de réception. Une personne au téléphone m'a dit que le délégué allait obliger la Caf à annuler la dette.",
            "negative",
            "Amandine_R",
        ),
        "context": [
            "La réclamation a été reçue le 12 mai 2025 et confiée au délégué du Défenseur des droits de la Maison de la justice et du droit de Saint-Denis.",
            "Le délégué a écrit à la Caf le 3 juin 2025 pour lui demander de réexaminer le trop-perçu ; la Caf n'a pas encore répondu.",
            "Le Défenseur des droits ne peut ni annuler une dette ni imposer une décision à la Caf ; il peut lui recommander une solution.",
            "La saisine du Défenseur des droits ne suspend pas le recouvrement ; la personne peut demander à la Caf une remise de dette ou un échéancier.",
            "Le délégué reçoit sur rendez-vous le mardi matin.",
        ],
        "key_facts": [
            "Le délégué a écrit à la Caf le 3 juin 2025 ; la Caf n'a pas encore répondu.",
            "Le Défenseur des droits ne peut ni annuler la dette ni imposer une décision ; il peut recommander une solution.",
            "Le recouvrement n'est pas suspendu ; une remise de dette ou un échéancier se demande à la Caf.",
        ],
        "reply": "Bonjour Amandine_R,\n\nNous comprenons votre découragement. Votre réclamation, reçue le 12 mai 2025, a été confiée à notre délégué de la Maison de la justice et du droit de Saint-Denis. Il a écrit à la Caf le 3 juin 2025 pour lui demander de réexaminer ce trop-perçu. La Caf ne lui a pas encore répondu.\n\nLe Défenseur des droits ne peut pas annuler une dette ni imposer sa décision à la Caf : il peut lui recommander une solution. Pendant notre intervention, le remboursement demandé par la Caf est maintenu. Vous pouvez demander à la Caf une remise de dette ou un échéancier.\n\nLe délégué peut vous recevoir sur rendez-vous, le mardi matin.",
        "paraphrase": "Bonjour Amandine_R,\n\nVotre réclamation du 12 mai 2025 est suivie par notre délégué de la Maison de la justice et du droit de Saint-Denis, qui peut vous recevoir le mardi matin sur rendez-vous. Par un courrier du 3 juin 2025, il a demandé à la Caf de réexaminer le trop-perçu ; aucune réponse n'est encore arrivée.\n\nNous n'avons pas le pouvoir d'annuler une dette ou d'imposer une décision à la Caf, mais nous pouvons lui recommander une solution. Notre intervention n'arrête pas le recouvrement : une remise de dette ou un échéancier peuvent être demandés à la Caf.",
        "defects": {
            "claim": (
                "insert",
                "La Caf a été invitée à suspendre toute retenue sur vos prestations.",
            ),
            "claim_number": ("insert", "La Caf doit répondre au délégué dans un délai de 2 mois."),
            "citizen_value": (
                "pour lui demander de réexaminer ce trop-perçu.",
                "pour lui demander de réexaminer ce trop-perçu de 2 300 €, que vous n'avez jamais perçus.",
            ),
            "polarity": (
                "le remboursement demandé par la Caf est maintenu",
                "le remboursement demandé par la Caf est suspendu",
            ),
            "swapped_term": (
                "Vous pouvez demander à la Caf une remise de dette",
                "Vous pouvez demander au délégué une remise de dette",
            ),
        },
    },
    {
        "id": "blind2-onacvg-01",
        "service": "ONaCVG",
        "experience": (
            "Carte du combattant",
            "Ancien de l'opération Barkhane, j'ai envoyé ma demande de carte du combattant en novembre. Au service départemental on m'a dit que je l'aurais pour le 11 novembre suivant, pour la cérémonie. Maintenant on me dit que le dossier est à Caen. Et la retraite du combattant, je la touche quand ?",
            "negative",
            "Sgt_Morel",
        ),
        "context": [
            "La demande de carte du combattant a été reçue par le service départemental de l'ONaCVG de la Moselle le 18 novembre 2024.",
            "Les demandes au titre des opérations extérieures sont instruites par le pôle de Caen.",
            "Le pôle de Caen a demandé l'attestation de services au ministère des Armées le 9 janvier 2025 ; elle n'a pas encore été reçue et la décision ne peut pas être prise sans elle.",
            "La carte est attribuée par décision du directeur général de l'ONaCVG.",
            "La retraite du combattant peut être demandée à partir de 65 ans ; elle est versée par le service des retraites de l'État.",
        ],
        "key_facts": [
            "Le dossier est instruit par le pôle de Caen.",
            "L'attestation de services demandée au ministère des Armées le 9 janvier 2025 n'a pas encore été reçue.",
            "La retraite du combattant peut être demandée à partir de 65 ans.",
        ],
        "reply": "Bonjour Sgt_Morel,\n\nNous avons bien reçu votre demande de carte du combattant le 18 novembre 2024, au service départemental de la Moselle. Comme pour toutes les opérations extérieures, votre dossier est instruit par notre pôle de Caen.\n\nLe pôle de Caen a demandé votre attestation de services au ministère des Armées le 9 janvier 2025. Nous ne l'avons pas encore reçue, et la décision ne peut pas être prise sans elle. C'est le directeur général de l'ONaCVG qui décide.\n\nQuant à la retraite du combattant, elle peut être demandée à partir de 65 ans. Elle est versée par le service des retraites de l'État.",
        "paraphrase": "Bonjour Sgt_Morel,\n\nVotre demande de carte du combattant est arrivée le 18 novembre 2024 à notre service départemental de la Moselle. Elle porte sur une opération extérieure : c'est donc le pôle de Caen qui l'instruit.\n\nLa décision revient au directeur général de l'ONaCVG, mais elle attend l'attestation de vos services. Le pôle de Caen l'a réclamée au ministère des Armées le 9 janvier 2025 et elle ne nous est toujours pas parvenue.\n\nLa retraite du combattant se demande à partir de 65 ans ; c'est le service des retraites de l'État qui la verse.",
        "defects": {
            "claim": (
                "Le pôle de Caen a demandé votre attestation de services au ministère des Armées le 9 janvier 2025.",
                "Le pôle de Caen a demandé votre attestation de services au ministère des Armées le 9 janvier 2025 et l'a relancé depuis.",
            ),
            "claim_number": (
                "insert",
                "Une fois l'attestation arrivée, le pôle de Caen rend sa décision en 4 mois en moyenne.",
            ),
            "citizen_value": (
                "insert",
                "Vous aurez votre carte pour la cérémonie du 11 novembre.",
            ),
            "polarity": (
                "elle peut être demandée à partir de 65 ans",
                "elle peut être demandée jusqu'à 65 ans",
            ),
            "swapped_term": (
                "Elle est versée par le service des retraites de l'État.",
                "Elle est versée par l'ONaCVG.",
            ),
        },
    },
    {
        "id": "blind2-rectorat-01",
        "service": "Rectorat",
        "experience": (
            "Note de BTS incompréhensible",
            "J'ai eu 4/20 à l'épreuve de gestion du BTS alors que j'avais 14 de moyenne toute l'année. J'ai demandé ma copie le 10 juillet, le standard m'a répondu que la note serait revue sous 15 jours. Je veux une nouvelle correction.",
            "negative",
            "Lea_BTS",
        ),
        "context": [
            "La demande de communication de copie a été reçue par la division des examens et concours du rectorat le 10 juillet 2025.",
            "La copie a été envoyée par courriel le 22 juillet 2025 à l'adresse indiquée lors de l'inscription à l'examen.",
            "Les notes arrêtées par le jury sont définitives : une seconde correction à la demande du candidat n'est pas possible.",
            "Seule une erreur matérielle, comme une erreur de report ou de calcul de la note, peut être rectifiée par le jury ; la demande se fait par écrit au président du jury.",
        ],
        "key_facts": [
            "La copie a été envoyée par courriel le 22 juillet 2025.",
            "La note arrêtée par le jury est définitive ; une seconde correction n'est pas possible.",
            "Seule une erreur matérielle peut être rectifiée, sur demande écrite au président du jury.",
        ],
        "reply": "Bonjour Lea_BTS,\n\nNous comprenons votre déception. Nous avons reçu votre demande de copie le 10 juillet 2025 et nous vous l'avons envoyée par courriel le 22 juillet 2025, à l'adresse donnée lors de votre inscription.\n\nLa note arrêtée par le jury est définitive : il n'est pas possible de demander une seconde correction. Seule une erreur matérielle, par exemple une erreur de calcul ou de report de la note, peut être rectifiée par le jury.\n\nSi vous pensez qu'il y a eu une telle erreur, écrivez au président du jury.",
        "paraphrase": "Bonjour Lea_BTS,\n\nVotre copie vous a été transmise par courriel le 22 juillet 2025, à l'adresse de votre inscription ; votre demande nous était parvenue le 10 juillet 2025.\n\nUne nouvelle correction ne peut pas être obtenue, car la note fixée par le jury est définitive. Le jury peut seulement corriger une erreur matérielle, comme une note mal reportée ou mal calculée. Pour cela, il faut adresser une demande écrite au président du jury.",
        "defects": {
            "claim": (
                "insert",
                "La division des examens a déjà demandé au jury de vérifier votre note.",
            ),
            "claim_number": (
                "insert",
                "Si une erreur est reconnue, votre nouveau relevé de notes vous parviendra sous 3 semaines.",
            ),
            "citizen_value": (
                "insert",
                "Le jury tiendra compte de votre moyenne de 14 obtenue pendant l'année.",
            ),
            "polarity": (
                "La note arrêtée par le jury est définitive",
                "La note arrêtée par le jury est provisoire",
            ),
            "swapped_term": (
                "écrivez au président du jury",
                "écrivez au chef de votre établissement",
            ),
        },
    },
    {
        "id": "blind2-cfe-01",
        "service": "Caisse des Français de l'étranger",
        "experience": (
            "Hospitalisation mal remboursée",
            "Je suis adhérent depuis 2019. J'ai envoyé le 5 mai mes factures d'hospitalisation à Casablanca, 3 800 €. Votre conseillère m'avait assuré que tout serait remboursé à 100 %. Je n'ai reçu que 1 150 €. Où est passé le reste ?",
            "negative",
            "Paul_Casa",
        ),
        "context": [
            "Les factures d'hospitalisation d'une clinique de Casablanca, d'un montant de 3 800 €, ont été reçues le 5 mai 2025.",
            "Un remboursement de 1 150 € a été versé le 2 juin 2025 ; il correspond aux tarifs de remboursement de la Sécurité sociale française appliqués aux soins reçus à l'étranger.",
            "Le contrat de l'adhérent ne comprend aucune complémentaire santé ; la différence reste à sa charge.",
            "Le détail du calcul figure dans le décompte disponible dans l'espace adhérent en ligne.",
            "L'adhérent peut contester le décompte par écrit auprès de la commission de recours amiable de la caisse, dans un délai de 2 mois.",
        ],
        "key_facts": [
            "Le remboursement de 1 150 € correspond aux tarifs de la Sécurité sociale française.",
            "Le contrat ne comprend aucune complémentaire santé ; la différence reste à la charge de l'adhérent.",
            "Le décompte peut être contesté auprès de la commission de recours amiable dans un délai de 2 mois.",
        ],
        "reply": "Bonjour Paul_Casa,\n\nNous comprenons votre surprise. Nous avons reçu le 5 mai 2025 vos factures d'hospitalisation à Casablanca, d'un montant de 3 800 €. Nous vous avons versé 1 150 € le 2 juin 2025. Ce montant correspond aux tarifs de remboursement de la Sécurité sociale française, appliqués à vos soins.\n\nVotre contrat ne comprend aucune complémentaire santé : la différence reste donc à votre charge. Le détail du calcul figure dans votre décompte, dans votre espace adhérent.\n\nSi vous n'êtes pas d'accord, vous pouvez écrire à notre commission de recours amiable dans un délai de 2 mois.",
        "paraphrase": "Bonjour Paul_Casa,\n\nSur les 3 800 € de factures d'hospitalisation à Casablanca reçues le 5 mai 2025, nous vous avons remboursé 1 150 €, versés le 2 juin 2025, selon les tarifs de la Sécurité sociale française. Votre décompte, dans votre espace adhérent, détaille ce calcul.\n\nVotre contrat n'inclut pas de complémentaire santé, si bien que le reste n'est pas pris en charge. Vous disposez de 2 mois pour contester ce décompte par écrit auprès de notre commission de recours amiable.",
        "defects": {
            "claim": (
                "insert",
                "Votre conseillère a demandé un réexamen complet de votre dossier.",
            ),
            "claim_number": (
                "vous pouvez écrire à notre commission de recours amiable dans un délai de 2 mois.",
                "vous pouvez écrire à notre commission de recours amiable dans un délai de 2 mois ; elle vous répondra sous 30 jours.",
            ),
            "citizen_value": (
                "insert",
                "Vos hospitalisations restent couvertes à 100 % par votre contrat.",
            ),
            "polarity": (
                "Votre contrat ne comprend aucune complémentaire santé",
                "Votre contrat comprend une complémentaire santé",
            ),
            "swapped_term": (
                "tarifs de remboursement de la Sécurité sociale française",
                "tarifs de remboursement de la Sécurité sociale marocaine",
            ),
        },
    },
    {
        "id": "blind2-inpi-01",
        "service": "INPI",
        "experience": (
            "Opposition à ma marque",
            "J'ai déposé ma marque « Brindille » le 3 mars pour ma boulangerie et j'ai payé 190 €. On m'avait dit qu'elle serait enregistrée en 6 semaines. Et voilà qu'une grande enseigne s'y oppose. Est-ce que je perds mon argent ?",
            "negative",
            "Clemence_B",
        ),
        "context": [
            "La demande d'enregistrement de la marque « Brindille » a été déposée le 3 mars 2025 et publiée au Bulletin officiel de la propriété industrielle le 21 mars 2025.",
            "Le titulaire d'une marque antérieure a formé opposition le 19 mai 2025 ; l'opposition a été notifiée à la déposante le 26 mai 2025.",
            "La déposante dispose de 2 mois à compter de la notification pour présenter ses observations sur le portail de l'INPI.",
            "L'INPI statue après une procédure écrite entre les deux parties ; la marque n'est pas enregistrée tant que l'opposition n'est pas tranchée.",
            "Les redevances de dépôt ne sont pas remboursées, quelle que soit l'issue de la procédure.",
        ],
        "key_facts": [
            "L'opposition a été notifiée le 26 mai 2025.",
            "La déposante a 2 mois à compter de la notification pour présenter ses observations sur le portail de l'INPI.",
            "La marque n'est pas enregistrée tant que l'opposition n'est pas tranchée.",
            "Les redevances de dépôt ne sont pas remboursées.",
        ],
        "reply": "Bonjour Clemence_B,\n\nNous comprenons votre inquiétude. Votre marque « Brindille », déposée le 3 mars 2025, a été publiée le 21 mars 2025. Le titulaire d'une marque antérieure a formé opposition le 19 mai 2025, et nous vous l'avons notifiée le 26 mai 2025.\n\nVous avez 2 mois à partir de cette notification pour présenter vos observations, sur le portail de l'INPI. Nous déciderons ensuite, après un échange écrit entre les deux parties. Tant que l'opposition n'est pas tranchée, votre marque n'est pas enregistrée.\n\nLes redevances de dépôt ne sont pas remboursées, quelle que soit l'issue.",
        "paraphrase": "Bonjour Clemence_B,\n\nLe 19 mai 2025, le titulaire d'une marque plus ancienne s'est opposé à « Brindille », que vous aviez déposée le 3 mars 2025 et qui avait été publiée le 21 mars 2025. Cette opposition vous a été notifiée le 26 mai 2025.\n\nÀ compter de cette notification, vous disposez de 2 mois pour envoyer vos observations par le portail de l'INPI. Votre marque ne sera pas enregistrée avant que nous ayons statué sur l'opposition, au terme d'un échange écrit entre les deux parties. Quelle que soit notre décision, les redevances de dépôt ne vous seront pas remboursées.",
        "defects": {
            "claim": (
                "insert",
                "Il n'y aura pas besoin de payer une nouvelle redevance pour répondre à l'opposition.",
            ),
            "claim_number": (
                "insert",
                "Notre décision interviendra dans les 3 mois suivant vos observations.",
            ),
            "citizen_value": (
                "insert",
                "Dès vos observations reçues, votre marque sera enregistrée en 6 semaines.",
            ),
            "polarity": (
                "Les redevances de dépôt ne sont pas remboursées, quelle que soit l'issue.",
                "Les redevances de dépôt ne sont remboursées que si l'opposition aboutit.",
            ),
            "swapped_term": (
                "Vous avez 2 mois à partir de cette notification",
                "Vous avez 2 mois à partir de la publication de votre marque",
            ),
        },
    },
    {
        "id": "blind2-ancv-01",
        "service": "ANCV",
        "experience": (
            "Chèques-Vacances périmés",
            "J'ai retrouvé 400 € de Chèques-Vacances de 2022 dans un tiroir. Mon comité d'entreprise m'a dit que l'ANCV les échangeait sans problème et que je serais remboursée en 8 jours. Je les ai envoyés en recommandé le 14 avril.",
            "neutral",
            "Nathalie.V",
        ),
        "context": [
            "Les Chèques-Vacances sont valables jusqu'au 31 décembre de la deuxième année suivant leur émission ; ceux émis en 2022 étaient valables jusqu'au 31 décembre 2024.",
            "Les chèques périmés peuvent être échangés contre des chèques neufs pendant les 3 mois qui suivent la fin de validité, soit jusqu'au 31 mars 2025 pour les chèques de 2022.",
            "L'envoi de 400 € de chèques émis en 2022 a été reçu le 17 avril 2025, après la date limite d'échange.",
            "Les chèques ne peuvent donc pas être échangés ; ils sont retournés à l'expéditeur par lettre recommandée.",
            "Les Chèques-Vacances ne sont jamais remboursés en argent.",
        ],
        "key_facts": [
            "L'échange des chèques de 2022 était possible jusqu'au 31 mars 2025.",
            "L'envoi a été reçu le 17 avril 2025, après la date limite : les chèques ne peuvent pas être échangés.",
            "Les chèques sont retournés par lettre recommandée.",
            "Les Chèques-Vacances ne sont jamais remboursés en argent.",
        ],
        "reply": "Bonjour Nathalie.V,\n\nNous regrettons de ne pas pouvoir vous donner une meilleure réponse. Vos Chèques-Vacances émis en 2022 étaient valables jusqu'au 31 décembre 2024. Ils pouvaient ensuite être échangés pendant 3 mois, soit jusqu'au 31 mars 2025.\n\nNous avons reçu votre envoi de 400 € le 17 avril 2025, après cette date limite. Nous ne pouvons donc pas échanger vos chèques. Nous vous les retournons par lettre recommandée.\n\nNous vous précisons que les Chèques-Vacances ne sont jamais remboursés en argent.",
        "paraphrase": "Bonjour Nathalie.V,\n\nVos chèques, d'un montant de 400 €, nous sont parvenus le 17 avril 2025. Malheureusement, l'échange n'est plus possible : ces chèques de 2022, valables jusqu'au 31 décembre 2024, pouvaient être échangés jusqu'au 31 mars 2025 au plus tard.\n\nVous allez les recevoir en retour par lettre recommandée. Un remboursement en argent n'est jamais possible pour des Chèques-Vacances.",
        "defects": {
            "claim": (
                "insert",
                "Votre comité d'entreprise pourra les remplacer par des chèques neufs.",
            ),
            "claim_number": (
                "Nous vous les retournons par lettre recommandée.",
                "Nous vous les retournons par lettre recommandée sous 5 jours ouvrés.",
            ),
            "citizen_value": (
                "insert",
                "Comme votre comité d'entreprise vous l'a indiqué, vous serez remboursée sous 8 jours.",
            ),
            "polarity": (
                "les Chèques-Vacances ne sont jamais remboursés en argent",
                "les Chèques-Vacances périmés sont remboursés en argent",
            ),
            "swapped_term": (
                "Nous vous les retournons par lettre recommandée.",
                "Nous les retournons à votre comité d'entreprise par lettre recommandée.",
            ),
        },
    },
    {
        "id": "blind2-banquedefrance-01",
        "service": "Banque de France",
        "experience": (
            "Surendettement et saisie sur salaire",
            "J'ai déposé mon dossier de surendettement le 4 février avec 32 000 € de dettes. Mon assistante sociale m'a dit que les saisies sur salaire s'arrêteraient dès le dépôt, et on m'a dit que tout serait effacé. Or mon employeur a encore retenu 280 € sur ma paie de mars.",
            "negative",
            "Franck_D",
        ),
        "context": [
            "Le dossier de surendettement a été déposé le 4 février 2025 et déclaré recevable par la commission de surendettement le 11 mars 2025.",
            "La recevabilité entraîne la suspension des saisies sur salaire à compter du 11 mars 2025 ; le dépôt du dossier ne les suspend pas.",
            "La commission a informé les créanciers et l'employeur de la recevabilité par courrier du 13 mars 2025.",
            "La commission examine maintenant la situation pour proposer des mesures : un plan de remboursement, ou un effacement partiel ou total des dettes si la situation le justifie.",
            "Pendant la procédure, la personne ne doit pas contracter de nouvelles dettes.",
        ],
        "key_facts": [
            "Le dossier a été déclaré recevable le 11 mars 2025.",
            "Les saisies sur salaire sont suspendues à compter de la recevabilité, pas du dépôt.",
            "La commission proposera un plan de remboursement ou un effacement partiel ou total si la situation le justifie.",
            "Aucune nouvelle dette ne doit être contractée pendant la procédure.",
        ],
        "reply": "Bonjour Franck_D,\n\nNous comprenons votre inquiétude. Votre dossier, déposé le 4 février 2025, a été déclaré recevable par la commission de surendettement le 11 mars 2025.\n\nC'est cette décision de recevabilité, et non le dépôt du dossier, qui suspend les saisies sur salaire. La suspension s'applique donc à partir du 11 mars 2025. La commission en a informé vos créanciers et votre employeur par courrier du 13 mars 2025.\n\nLa commission étudie maintenant votre situation pour proposer des mesures : un plan de remboursement, ou un effacement partiel ou total de vos dettes si votre situation le justifie. Pendant la procédure, vous ne devez pas contracter de nouvelles dettes.",
        "paraphrase": "Bonjour Franck_D,\n\nLa commission de surendettement a déclaré votre dossier recevable le 11 mars 2025 ; vous l'aviez déposé le 4 février 2025. Les saisies sur salaire sont suspendues depuis cette date de recevabilité : le simple dépôt du dossier ne les arrête pas. Vos créanciers et votre employeur en ont été avertis par un courrier de la commission daté du 13 mars 2025.\n\nLa commission va maintenant proposer des mesures adaptées. Il peut s'agir d'un plan de remboursement ou, si votre situation le justifie, d'un effacement partiel ou total de vos dettes. Ne contractez aucune nouvelle dette pendant la procédure.",
        "defects": {
            "claim": (
                "La commission en a informé vos créanciers et votre employeur par courrier du 13 mars 2025.",
                "La commission en a informé vos créanciers et votre employeur par courrier du 13 mars 2025, et votre employeur vous rendra la retenue de mars.",
            ),
            "claim_number": (
                "insert",
                "La commission examinera votre dossier en séance le 8 avril 2025.",
            ),
            "citizen_value": ("insert", "Vos 32 000 € de dettes seront effacés."),
            "polarity": (
                "Pendant la procédure, vous ne devez pas contracter de nouvelles dettes.",
                "Pendant la procédure, rien ne vous empêche de contracter de nouvelles dettes.",
            ),
            "swapped_term": (
                "a été déclaré recevable par la commission de surendettement le 11 mars 2025",
                "a été déclaré recevable par le juge des contentieux de la protection le 11 mars 2025",
            ),
        },
    },
    {
        "id": "blind2-ofb-01",
        "service": "Office français de la biodiversité",
        "experience": (
            "Permis de chasser jamais arrivé",
            "J'ai réussi l'examen du permis de chasser le 12 avril à Chambord. L'inspecteur m'a dit que je recevrais mon permis chez moi sous huit jours et que je pourrais chasser dès l'ouverture en septembre. Un mois après, toujours rien dans ma boîte aux lettres.",
            "negative",
            "Thomas_41",
        ),
        "context": [
            "Le candidat a réussi l'examen du permis de chasser le 12 avril 2025 au centre d'examen de Chambord.",
            "Le permis est édité par l'Office français de la biodiversité et envoyé par courrier à l'adresse du candidat ; il a été envoyé le 14 mai 2025.",
            "Un permis non reçu dans les 15 jours suivant son envoi peut être signalé au service du permis de chasser, par le formulaire de contact du site ofb.gouv.fr.",
            "Pour chasser, le permis doit être validé pour chaque saison auprès de la fédération départementale des chasseurs, en payant la redevance cynégétique et une assurance.",
        ],
        "key_facts": [
            "Le permis a été envoyé par courrier le 14 mai 2025.",
            "Un permis non reçu dans les 15 jours suivant l'envoi se signale par le formulaire de contact de ofb.gouv.fr.",
            "Pour chasser, le permis doit être validé pour chaque saison auprès de la fédération départementale des chasseurs.",
        ],
        "reply": "Bonjour Thomas_41,\n\nFélicitations pour votre réussite à l'examen du 12 avril 2025. Votre permis de chasser a été édité par l'Office français de la biodiversité et envoyé par courrier à votre adresse le 14 mai 2025.\n\nSi vous ne l'avez pas reçu dans les 15 jours suivant cet envoi, signalez-le à notre service du permis de chasser, par le formulaire de contact du site ofb.gouv.fr.\n\nPour chasser, votre permis doit être validé pour chaque saison auprès de la fédération départementale des chasseurs, en payant la redevance cynégétique et une assurance.",
        "paraphrase": "Bonjour Thomas_41,\n\nBravo pour votre examen, réussi le 12 avril 2025. Nous avons posté votre permis de chasser le 14 mai 2025. Sans nouvelles dans les 15 jours qui suivent, prévenez notre service du permis de chasser grâce au formulaire de contact de ofb.gouv.fr.\n\nAvant de pouvoir chasser, il vous faudra faire valider votre permis à chaque saison par la fédération départementale des chasseurs : c'est à ce moment-là que vous paierez la redevance cynégétique et une assurance.",
        "defects": {
            "claim": (
                "insert",
                "En cas de perte par la poste, un duplicata vous sera adressé automatiquement.",
            ),
            "claim_number": (
                "en payant la redevance cynégétique et une assurance.",
                "en payant la redevance cynégétique de 45 € et une assurance.",
            ),
            "citizen_value": (
                "insert",
                "Vous pourrez ainsi chasser dès l'ouverture, en septembre.",
            ),
            "polarity": (
                "Pour chasser, votre permis doit être validé pour chaque saison",
                "Pour chasser, votre permis n'a plus besoin d'être validé pour chaque saison",
            ),
            "swapped_term": (
                "auprès de la fédération départementale des chasseurs",
                "auprès de la mairie de votre domicile",
            ),
        },
    },
    {
        "id": "blind2-fgti-01",
        "service": "Fonds de garantie des victimes",
        "experience": (
            "Dommages et intérêts jamais payés",
            "Le tribunal a condamné mon agresseur à me verser 2 500 € en janvier. Il n'a jamais payé un centime. J'ai fait une demande au SARVI le 20 mars et on m'a dit que je toucherais tout d'un coup avant l'été.",
            "negative",
            "Sonia_G",
        ),
        "context": [
            "La demande d'aide au recouvrement a été reçue par le SARVI le 20 mars 2025, avec la copie du jugement du 14 janvier 2025 condamnant l'auteur à verser 2 500 € de dommages et intérêts.",
            "Lorsque les dommages et intérêts dépassent 1 000 €, le SARVI verse une avance de 30 % de la somme, avec un minimum de 1 000 € ; pour 2 500 €, l'avance est de 1 000 €.",
            "L'avance de 1 000 € a été validée le 28 avril 2025 ; elle est versée par virement sur le compte indiqué dans la demande.",
            "Le SARVI récupère ensuite auprès de l'auteur le reste des sommes dues, soit 1 500 €, et les reverse à la victime au fur et à mesure de leur encaissement.",
            "La victime n'a pas à contacter l'auteur ni un commissaire de justice pendant cette procédure.",
        ],
        "key_facts": [
            "Une avance de 1 000 € a été validée le 28 avril 2025 et est versée par virement.",
            "Le SARVI récupère auprès de l'auteur les 1 500 € restants et les reverse au fur et à mesure.",
            "La victime n'a pas à contacter l'auteur ni un commissaire de justice.",
        ],
        "reply": "Bonjour Sonia_G,\n\nNous comprenons combien cette situation est pénible. Nous avons reçu votre demande le 20 mars 2025, avec le jugement du 14 janvier 2025.\n\nComme les dommages et intérêts dépassent 1 000 €, nous vous versons d'abord une avance de 30 %, avec un minimum de 1 000 €. Pour vos 2 500 €, l'avance est donc de 1 000 €. Elle a été validée le 28 avril 2025 et vous sera versée par virement, sur le compte indiqué dans votre demande.\n\nNous nous chargeons ensuite de récupérer auprès de l'auteur les 1 500 € restants, et nous vous les reverserons au fur et à mesure. Vous n'avez pas à contacter l'auteur ni un commissaire de justice.",
        "paraphrase": "Bonjour Sonia_G,\n\nUne avance de 1 000 € vous a été accordée le 28 avril 2025 ; elle arrivera par virement sur le compte mentionné dans votre demande, reçue le 20 mars 2025 avec le jugement du 14 janvier 2025. Au-delà de 1 000 € de dommages et intérêts, l'avance représente 30 % de la somme, sans pouvoir être inférieure à 1 000 € : c'est votre cas.\n\nLes 1 500 € restants, c'est nous qui les réclamerons à l'auteur, et nous vous les verserons au fur et à mesure qu'ils nous seront payés. Aucune démarche auprès de l'auteur ou d'un commissaire de justice n'est nécessaire de votre part.",
        "defects": {
            "claim": ("insert", "L'auteur a d'ailleurs déjà été contacté par nos services."),
            "claim_number": (
                "insert",
                "Vous recevrez aussi 150 € au titre de vos frais de procédure.",
            ),
            "citizen_value": (
                "insert",
                "La totalité de la somme vous sera versée en une fois avant l'été.",
            ),
            "polarity": (
                "Vous n'avez pas à contacter l'auteur ni un commissaire de justice.",
                "Il vous appartient de contacter l'auteur ou un commissaire de justice.",
            ),
            "swapped_term": (
                "Elle a été validée le 28 avril 2025",
                "Elle a été validée le 20 mars 2025",
            ),
        },
    },
    {
        "id": "blind2-mediateurenergie-01",
        "service": "Médiateur national de l'énergie",
        "experience": (
            "Rattrapage de 1 870 €",
            "Mon fournisseur me facture 1 870 € de rattrapage sur trois ans après un compteur bloqué. J'ai saisi le médiateur le 2 octobre. Au téléphone, on m'a dit que le fournisseur n'avait pas le droit de me facturer plus de 14 mois et que j'aurais gain de cause.",
            "negative",
            "Yvette_R",
        ),
        "context": [
            "La saisine a été reçue le 2 octobre 2025 ; elle est recevable car la réclamation écrite adressée au fournisseur date de plus de 2 mois sans réponse satisfaisante.",
            "Le dossier est complet depuis le 9 octobre 2025, date de réception de la copie de la facture de rattrapage.",
            "Le médiateur dispose de 90 jours à compter du dossier complet pour émettre une recommandation.",
            "Pour un consommateur particulier, la loi interdit de facturer l'électricité consommée plus de 14 mois avant la dernière relève, sauf si le compteur était inaccessible ou en cas de fraude.",
            "La recommandation du médiateur ne s'impose ni au fournisseur ni au consommateur. La médiation est gratuite.",
        ],
        "key_facts": [
            "La saisine est recevable et le dossier est complet depuis le 9 octobre 2025.",
            "Le médiateur a 90 jours à partir du dossier complet pour émettre une recommandation.",
            "Pour un particulier, la facturation est limitée aux 14 mois avant la dernière relève, sauf compteur inaccessible ou fraude.",
            "La recommandation ne s'impose ni au fournisseur ni au consommateur.",
        ],
        "reply": "Bonjour Yvette_R,\n\nNous comprenons votre désarroi devant cette facture. Votre saisine, reçue le 2 octobre 2025, est recevable. Votre dossier est complet depuis le 9 octobre 2025, date à laquelle nous avons reçu la copie de la facture de rattrapage.\n\nLe médiateur a 90 jours à partir de cette date pour émettre une recommandation. Pour un particulier, la loi limite la facturation de l'électricité aux 14 mois qui précèdent la dernière relève, sauf si le compteur était inaccessible ou en cas de fraude.\n\nSa recommandation ne s'impose ni à votre fournisseur ni à vous. La médiation est gratuite.",
        "paraphrase": "Bonjour Yvette_R,\n\nNous avons reçu votre saisine le 2 octobre 2025 et elle est recevable. La copie de la facture de rattrapage nous est parvenue le 9 octobre 2025 : votre dossier est complet depuis ce jour, et le médiateur dispose dès lors de 90 jours pour rendre sa recommandation. La médiation ne vous coûte rien, et ni votre fournisseur ni vous n'êtes tenus de suivre la recommandation.\n\nSachez que, pour un particulier, l'électricité ne peut pas être facturée au-delà des 14 mois qui précèdent la dernière relève, sauf fraude ou compteur inaccessible.",
        "defects": {
            "claim": (
                "insert",
                "Votre fournisseur a accepté de suspendre le recouvrement de cette facture.",
            ),
            "claim_number": (
                "insert",
                "Le médiateur vous appellera le 20 octobre 2025 pour faire le point.",
            ),
            "citizen_value": (
                "insert",
                "Vous obtiendrez gain de cause, comme on vous l'a annoncé.",
            ),
            "polarity": (
                "Votre saisine, reçue le 2 octobre 2025, est recevable.",
                "Votre saisine, reçue le 2 octobre 2025, est irrecevable.",
            ),
            "swapped_term": ("Pour un particulier, la loi", "Pour un professionnel, la loi"),
        },
    },
    {
        "id": "blind2-cnmss-01",
        "service": "CNMSS",
        "experience": (
            "Appareil dentaire refusé",
            "Militaire à Toulon, j'ai envoyé le 2 septembre la demande d'accord préalable pour l'appareil dentaire de ma fille. L'orthodontiste dit que sans réponse sous 15 jours c'est accepté d'office. Au téléphone on m'a promis 193,50 € de remboursement par semestre.",
            "neutral",
            "Cedric_Toulon",
        ),
        "context": [
            "La demande d'accord préalable pour le traitement d'orthodontie de l'enfant a été reçue le 4 septembre 2025.",
            "La demande a été refusée le 12 septembre 2025 ; la décision a été déposée dans l'espace assuré en ligne et envoyée par courrier.",
            "L'orthodontie n'est prise en charge que pour un traitement commencé avant les 16 ans de l'enfant ; la fille de l'assuré avait 16 ans au début du traitement.",
            "La réponse ayant été donnée dans les 15 jours, il n'y a pas d'accord d'office.",
            "La décision peut être contestée par écrit auprès de la commission de recours amiable de la CNMSS dans un délai de 2 mois.",
            "La mutuelle de l'assuré peut prendre en charge tout ou partie du traitement selon son contrat.",
        ],
        "key_facts": [
            "La demande d'accord préalable a été refusée le 12 septembre 2025.",
            "L'orthodontie n'est prise en charge que pour un traitement commencé avant 16 ans.",
            "La décision peut être contestée auprès de la commission de recours amiable dans un délai de 2 mois.",
        ],
        "reply": "Bonjour Cedric_Toulon,\n\nNous avons bien reçu votre demande d'accord préalable le 4 septembre 2025. Nous y avons répondu le 12 septembre 2025, dans votre espace assuré et par courrier : la demande est refusée.\n\nEn effet, l'orthodontie n'est prise en charge que pour un traitement commencé avant 16 ans. Votre fille avait déjà 16 ans au début de son traitement. Comme nous avons répondu dans le délai de 15 jours, il n'y a pas d'accord d'office.\n\nVous pouvez contester cette décision par écrit auprès de notre commission de recours amiable, dans un délai de 2 mois. Votre mutuelle peut aussi prendre en charge tout ou partie du traitement, selon votre contrat.",
        "paraphrase": "Bonjour Cedric_Toulon,\n\nLe 12 septembre 2025, nous avons refusé la demande d'accord préalable reçue le 4 septembre 2025 ; la décision se trouve dans votre espace assuré et vous a aussi été envoyée par courrier. Notre réponse étant intervenue dans les 15 jours, le traitement n'est pas accepté d'office.\n\nLa raison du refus : nous ne prenons en charge l'orthodontie que si le traitement commence avant 16 ans, et votre fille avait déjà cet âge. Selon votre contrat, votre mutuelle peut financer tout ou partie des soins. Vous avez 2 mois pour contester par écrit devant notre commission de recours amiable.",
        "defects": {
            "claim": (
                "insert",
                "Le médecin-conseil réexaminera la demande si l'orthodontiste envoie un nouveau devis.",
            ),
            "claim_number": (
                "insert",
                "Une participation forfaitaire de 100 € reste toutefois possible.",
            ),
            "citizen_value": (
                "insert",
                "Le remboursement de 193,50 € par semestre reste acquis pour les soins déjà engagés.",
            ),
            "polarity": ("la demande est refusée.", "la demande est acceptée."),
            "swapped_term": (
                "auprès de notre commission de recours amiable",
                "auprès de notre médecin-conseil",
            ),
        },
    },
    {
        "id": "blind2-regieeaux-01",
        "service": "Régie des eaux",
        "experience": (
            "Facture d'eau de 1 240 €",
            "Ma facture d'eau du second semestre est de 1 240 € au lieu de 180 € d'habitude. Il y avait une fuite dans le jardin, réparée le 3 novembre par un plombier. À l'accueil on m'a dit que je ne paierais que ma consommation habituelle. Je ne paierai pas cette somme.",
            "negative",
            "Gerard_M",
        ),
        "context": [
            "La facture du second semestre 2025, d'un montant de 1 240 €, correspond à une consommation de 310 m³, contre 45 m³ en moyenne par semestre sur les trois dernières années.",
            "En cas de fuite sur une canalisation après compteur, hors appareils ménagers et équipements sanitaires, l'abonné peut obtenir un écrêtement : il ne paie que le double de sa consommation moyenne.",
            "L'abonné doit envoyer au plus tard le 20 novembre 2025 une attestation d'une entreprise de plomberie indiquant le lieu de la fuite et la date de la réparation ; elle n'a pas encore été reçue.",
            "L'attestation peut être déposée dans l'espace abonné en ligne ou envoyée par courrier.",
            "Le paiement de la facture est suspendu jusqu'à la décision sur l'écrêtement.",
        ],
        "key_facts": [
            "En cas de fuite après compteur, l'écrêtement ramène la facture au double de la consommation moyenne.",
            "L'attestation du plombier doit être envoyée au plus tard le 20 novembre 2025 ; elle n'a pas encore été reçue.",
            "Le paiement est suspendu jusqu'à la décision.",
        ],
        "reply": "Bonjour Gerard_M,\n\nNous comprenons votre inquiétude devant cette facture. Votre facture du second semestre 2025, de 1 240 €, correspond à 310 m³, alors que vous consommez en moyenne 45 m³ par semestre.\n\nSi la fuite se trouvait sur une canalisation après le compteur, hors appareils ménagers et sanitaires, vous pouvez demander un écrêtement : vous ne paierez alors que le double de votre consommation moyenne. Pour cela, envoyez-nous au plus tard le 20 novembre 2025 l'attestation de votre plombier, avec le lieu de la fuite et la date de la réparation. Nous ne l'avons pas encore reçue. Vous pouvez la déposer dans votre espace abonné en ligne ou l'envoyer par courrier.\n\nD'ici notre décision, vous n'avez pas à payer cette facture.",
        "paraphrase": "Bonjour Gerard_M,\n\nVous n'avez pas à régler cette facture tant que nous n'avons pas pris notre décision. Elle s'élève à 1 240 € pour 310 m³ au second semestre 2025, quand votre consommation moyenne est de 45 m³ par semestre.\n\nUne fuite sur une canalisation après compteur, hors appareils ménagers et sanitaires, donne droit à un écrêtement : la facture est alors limitée au double de votre consommation moyenne. Il nous faut l'attestation de votre plombier, indiquant où se trouvait la fuite et quand elle a été réparée, au plus tard le 20 novembre 2025 ; nous ne l'avons pas encore. Déposez-la dans votre espace abonné en ligne ou adressez-la par courrier.",
        "defects": {
            "claim": ("insert", "Notre technicien a d'ailleurs déjà constaté la fuite sur place."),
            "claim_number": (
                "le double de votre consommation moyenne.",
                "le double de votre consommation moyenne, soit 240 €.",
            ),
            "citizen_value": (
                "insert",
                "Votre facture sera ramenée à 180 €, votre montant habituel.",
            ),
            "polarity": (
                "D'ici notre décision, vous n'avez pas à payer cette facture.",
                "Sans attendre notre décision, vous devez payer cette facture.",
            ),
            "swapped_term": (
                "Vous pouvez la déposer dans votre espace abonné en ligne",
                "Vous pouvez la déposer à l'accueil de la mairie",
            ),
        },
    },
]


if __name__ == "__main__":
    write(ITEMS, "blind2")
