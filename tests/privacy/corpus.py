"""Planted personal data in varied French messages: (text, [(type, value), ...]).

Every value is fake. NIR keys and IBAN checksums are valid, as real ones would be.
"""

CORPUS: list[tuple[str, list[tuple[str, str]]]] = [
    # Emails
    ("Écrivez-moi à jean.dupont@gmail.com s'il vous plaît.", [("EMAIL", "jean.dupont@gmail.com")]),
    ("Mon mail : marie_l.75@orange.fr", [("EMAIL", "marie_l.75@orange.fr")]),
    ("contact perso : K.BENALI+caf@exemple.fr merci", [("EMAIL", "K.BENALI+caf@exemple.fr")]),
    (
        "J'ai écrit depuis sophie.martin@laposte.net et depuis s.martin@free.fr, aucune réponse.",
        [("EMAIL", "sophie.martin@laposte.net"), ("EMAIL", "s.martin@free.fr")],
    ),
    # Phones in every common writing
    ("Rappelez-moi au 06 12 34 56 78.", [("TÉLÉPHONE", "06 12 34 56 78")]),
    ("mon portable 0612345678 est toujours allumé", [("TÉLÉPHONE", "0612345678")]),
    ("Tél. : 07.98.76.54.32", [("TÉLÉPHONE", "07.98.76.54.32")]),
    (
        "fixe 01-23-45-67-89, portable +33 6 12 34 56 78",
        [("TÉLÉPHONE", "01-23-45-67-89"), ("TÉLÉPHONE", "+33 6 12 34 56 78")],
    ),
    (
        "Vous pouvez me joindre au +33612345678 ou au 0033 7 11 22 33 44.",
        [("TÉLÉPHONE", "+33612345678"), ("TÉLÉPHONE", "0033 7 11 22 33 44")],
    ),
    ("Numéro : +33 (0)4 72 00 00 00 le matin", [("TÉLÉPHONE", "+33 (0)4 72 00 00 00")]),
    (
        "Ma box 09 51 23 45 67 ne sonne jamais quand vous appelez.",
        [("TÉLÉPHONE", "09 51 23 45 67")],
    ),
    # NIR
    (
        "Mon numéro de sécurité sociale est 1 85 03 75 123 456 41.",
        [("NIR", "1 85 03 75 123 456 41")],
    ),
    ("NIR 292016904501240, je l'ai déjà donné trois fois", [("NIR", "292016904501240")]),
    ("Carte vitale n° 1 78 09 99 123 789 81 bloquée", [("NIR", "1 78 09 99 123 789 81")]),
    ("Pour mon fils : 1 75 01 2A 004 005 18.", [("NIR", "1 75 01 2A 004 005 18")]),
    ("Voici mon numéro de sécu : 2 01 01 33 055 777", [("NIR", "2 01 01 33 055 777")]),
    # IBAN
    (
        "Mon IBAN : FR76 3000 6000 0112 3456 7890 189",
        [("IBAN", "FR76 3000 6000 0112 3456 7890 189")],
    ),
    ("Virez sur FR1420041010050500013M02606 svp", [("IBAN", "FR1420041010050500013M02606")]),
    (
        "Nouveau RIB : FR55 1027 8060 0000 0201 2345 678, l'ancien est clos.",
        [("IBAN", "FR55 1027 8060 0000 0201 2345 678")],
    ),
    (
        "J'ai un compte en Allemagne, DE89 3704 0044 0532 0130 00.",
        [("IBAN", "DE89 3704 0044 0532 0130 00")],
    ),
    # Names
    (
        "Bonjour, je m'appelle Jean-Pierre Martin et j'attends depuis mars.",
        [("NOM", "Jean-Pierre Martin")],
    ),
    ("Mme Dupont de la Caf m'a très bien reçue.", [("NOM", "Dupont")]),
    (
        "J'ai eu M. Lefèvre au téléphone, puis Madame Nguyen.",
        [("NOM", "Lefèvre"), ("NOM", "Nguyen")],
    ),
    ("Merci pour votre aide.\nCordialement,\nAhmed Benali", [("NOM", "Ahmed Benali")]),
    ("Le conseiller Kevin m'a aidé, merci à lui.", [("NOM", "Kevin")]),
    ("Bonjour Madame Lambert, je reviens vers vous pour mon dossier.", [("NOM", "Lambert")]),
    ("Mon nom est Fatima Ouali, j'ai 3 enfants.", [("NOM", "Fatima Ouali")]),
    ("Ma fille Léa est née en mars et la Caf ne l'a pas prise en compte.", [("NOM", "Léa")]),
    (
        "Je suis allée voir Sophie Durand, l'assistante sociale, qui m'a orientée.",
        [("NOM", "Sophie Durand")],
    ),
    ("Bien à vous, Gérard Moreau", [("NOM", "Gérard Moreau")]),
    ("Dr Rousseau a envoyé l'arrêt de travail le jour même.", [("NOM", "Rousseau")]),
    ("Depuis que Thomas Girard a quitté l'agence, personne ne répond.", [("NOM", "Thomas Girard")]),
    ("Signé : Bernard", [("NOM", "Bernard")]),
    ("Merci d'avance\nMarie D.", [("NOM", "Marie D.")]),
    ("Mon ex-mari Franck ne paie pas la pension.", [("NOM", "Franck")]),
    ("J'ai rencontré Nathalie Roux à l'accueil de la CPAM.", [("NOM", "Nathalie Roux")]),
    ("L'agent, Mr Dubois, a été odieux.", [("NOM", "Dubois")]),
    ("Je suis Mme KOWALSKI et j'attends.", [("NOM", "KOWALSKI")]),
    # A lone first name opening a sentence: the detector is known to miss it.
    ("Isabelle m'a dit de rappeler lundi.", [("NOM", "Isabelle")]),
    # Addresses
    (
        "J'habite au 12 rue des Lilas, 69003 Lyon depuis 2019.",
        [("ADRESSE", "12 rue des Lilas, 69003 Lyon")],
    ),
    (
        "Le courrier est parti au 4 bis avenue Jean Jaurès alors que j'ai déménagé.",
        [("ADRESSE", "4 bis avenue Jean Jaurès")],
    ),
    (
        "adresse : 27 boulevard de la Liberté 59000 Lille",
        [("ADRESSE", "27 boulevard de la Liberté 59000 Lille")],
    ),
    ("Nous vivons lieu-dit Les Granges, c'est très isolé.", [("ADRESSE", "lieu-dit Les Granges")]),
    (
        "Envoyez tout au 8 impasse du moulin 33120 Arcachon.",
        [("ADRESSE", "8 impasse du moulin 33120 Arcachon")],
    ),
    ("Le facteur passe au 22 chemin des vignes.", [("ADRESSE", "22 chemin des vignes")]),
    ("Je vis au 15, rue Victor Hugo.", [("ADRESSE", "15, rue Victor Hugo")]),
    (
        "Habitant 3 allée des Tilleuls à Tours, je n'ai plus de bus.",
        [("ADRESSE", "3 allée des Tilleuls")],
    ),
    # Case numbers
    ("Mon numéro allocataire est le 1234567.", [("NUMÉRO", "1234567")]),
    ("n° allocataire : 7654321", [("NUMÉRO", "7654321")]),
    ("Identifiant France Travail 4567890K, inscrit depuis juin.", [("NUMÉRO", "4567890K")]),
    ("mon numéro fiscal 3012345678901 figure sur l'avis", [("NUMÉRO", "3012345678901")]),
    ("Dossier n° 2024-AB-12345 toujours en attente", [("NUMÉRO", "2024-AB-12345")]),
    ("Référence de ma demande : SPP20240315A, sans réponse.", [("NUMÉRO", "SPP20240315A")]),
    ("Mon numéro de dossier est 987654.", [("NUMÉRO", "987654")]),
    # Dates of birth
    ("Je suis née le 12/03/1985 à Lille.", [("DATE_NAISSANCE", "12/03/1985")]),
    ("Date de naissance : 3 mars 1958", [("DATE_NAISSANCE", "3 mars 1958")]),
    (
        "mon mari né le 1er janvier 1950 touche sa retraite",
        [("DATE_NAISSANCE", "1er janvier 1950")],
    ),
    # Several kinds at once
    (
        "Bonjour, je suis M. Petit, né le 05/06/1972, tél 06 98 76 54 32, mail "
        "paul.petit@exemple.fr, n° allocataire 2345678.",
        [
            ("NOM", "Petit"),
            ("DATE_NAISSANCE", "05/06/1972"),
            ("TÉLÉPHONE", "06 98 76 54 32"),
            ("EMAIL", "paul.petit@exemple.fr"),
            ("NUMÉRO", "2345678"),
        ],
    ),
]

# Official contacts, services and ordinary words that must come out unchanged.
CLEAN: list[str] = [
    "J'ai appelé le 3646 puis le 39 39, sans succès.",
    "Le 3949 de France Travail et le 3960 de l'Assurance retraite ne répondent pas.",
    "La Caf (3230) m'a renvoyé vers l'Urssaf, puis vers la MSA.",
    "Pour l'ANTS, appelez le 34 00. Pour l'Urssaf, le 3698 ou le 3957.",
    "Le numéro 0 809 401 401 des impôts est gratuit.",
    "J'ai payé 1 200 € en 2024 et 35 000 euros de dettes sur 12 mois.",
    "Mon dossier est en cours depuis le 12/03/2024, soit 45 jours.",
    "Je suis allé à France Services puis à la préfecture, et enfin à la mairie.",
    "Sur ameli.fr et caf.fr, rien ne marche. Pôle emploi, c'était mieux.",
    "Vérifiez votre espace Mon Compte. Déclarez vos revenus. Revenez nous voir.",
    "Madame, Monsieur, je vous écris au sujet de ma retraite.",
    "Bonjour, merci pour votre réponse rapide. Cordialement.",
    "Le rendez-vous est fixé à 14 h 30 le mardi 4 mars.",
    "L'article L. 262-2 du code de l'action sociale s'applique.",
    "Mon loyer est de 650 euros et mon RSA de 607 euros.",
]
