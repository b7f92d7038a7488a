# Concerto — the site: home, legal pages, about (français).

## Home
home-title = Concerto, la concertation à l'échelle d'un territoire
home-lead = Concerto accompagne une démarche de concertation citoyenne sur tout un territoire, en ligne et sur le terrain : les habitantes et les habitants expriment leurs besoins, imaginent des solutions et les portent jusqu'aux initiatives, avec les acteurs locaux.
home-steps-title = Trois temps pour agir ensemble
home-step-needs-title = Exprimer des besoins
home-step-needs-text = En ligne ou lors d'ateliers près de chez vous, chacun dit ce qui manque sur son territoire. Les besoins sont ensuite synthétisés en grands thèmes.
home-step-solutions-title = Imaginer des solutions
home-step-solutions-text = Des événements réunissent habitants, associations, entreprises et élus pour inventer des réponses, placées sur une carte du territoire.
home-step-initiatives-title = Accompagner les initiatives
home-step-initiatives-text = Les porteurs de projet rencontrent des partenaires qui offrent du temps, des compétences, des moyens ou des lieux.
home-processes-title = Démarches en cours
home-processes-empty = Aucune démarche n'est encore publiée sur cette plateforme.
home-join-title = Participer
home-join-text = Créez un compte pour contribuer, soutenir les propositions des autres et suivre ce que deviennent vos besoins.

## Legal
legal-title = Mentions légales
legal-text-1 = Cette plateforme de concertation est éditée par l'organisme qui conduit la démarche, responsable de sa publication.
legal-text-2 = Concerto est un logiciel libre. Il n'utilise aucun service tiers : aucune page ne charge de script, de police ou d'image depuis un autre site.
privacy-title = Données personnelles
privacy-text-1 = La plateforme conserve votre adresse électronique, votre nom affiché, votre mot de passe sous forme chiffrée (argon2id), vos sessions de connexion, et ce que vous y faites : besoins, soutiens, commentaires, signalements, inscriptions aux ateliers, propositions et votes de la carte des opinions, profil facultatif.
privacy-text-2 = Aucun cookie publicitaire ni de mesure d'audience n'est déposé. Les cookies utilisés servent à la connexion, à la protection des formulaires et au choix de la langue.
privacy-text-3 = Depuis la page « Mon compte », vous pouvez télécharger tout ce qui vous concerne et supprimer votre compte à tout moment : vos contributions restent alors, attribuées à « participant anonyme ».
accessibility-title = Accessibilité
accessibility-text-1 = Concerto vise la conformité au RGAA 4.1 (WCAG 2.1 niveau AA) : navigation au clavier, lien d'évitement, libellés de formulaire, contrastes suffisants, pages utilisables sans JavaScript.
accessibility-text-2 = La plateforme est partiellement conforme tant que l'audit complet n'a pas été réalisé. Si vous rencontrez une difficulté, signalez-la à l'organisme qui conduit la démarche.
about-title = À propos de Concerto
about-text-1 = Concerto est une plateforme de concertation territoriale : les habitants y expriment leurs besoins, en ligne et en atelier, les besoins sont synthétisés en thématiques, des solutions sont inventées puis accompagnées par les acteurs locaux.
about-text-2 = C'est un logiciel libre. Les cartes sont dessinées à partir des limites du territoire, et aucune contribution ne quitte le serveur pour être analysée.
about-demo-1 = Ce site est une démonstration. Le territoire (Pôle métropolitain Nord Franche-Comté, ses 5 intercommunalités et 197 communes) et la démarche Aux Actes Citoyens sont réels ; les contributions sont illustratives.
about-demo-2 = Les textes des besoins sont des réponses réelles au Grand Débat National 2019 (données ouvertes publiées par le gouvernement), classées par mots-clés dans les thématiques de la démarche et placées dans les communes selon leur population. Les participants, leurs soutiens, commentaires, inscriptions et votes sont fictifs, tirés au hasard à partir d'une graine fixe.
about-demo-3 = Données : IGN – ADMIN EXPRESS COG ; Insee – COG 2026, populations légales 2023, RP2016 ; DGCL – composition des EPCI ; Grand Débat National 2019 – données ouvertes (Licence Ouverte).

## Processes
status-closed = Terminée
