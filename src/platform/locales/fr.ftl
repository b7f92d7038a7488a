# Concerto — the layout, forms, errors and pages every feature shares (français).

## Layout
site-name = Concerto
site-tagline = La concertation citoyenne, du besoin à l'initiative
skip-to-content = Aller au contenu
nav-main = Navigation principale
nav-home = Accueil
nav-account = Mon compte
nav-admin = Administration
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-sign-out = Se déconnecter
lang-switch-button = English
lang-switch-target = en
footer-legal = Mentions légales
footer-privacy = Données personnelles
footer-accessibility = Accessibilité : partiellement conforme
footer-free-software = Concerto est un logiciel libre.
footer-links = Liens utiles
footer-about = À propos
footer-demo = Démonstration : les participants, leurs soutiens, commentaires et votes sont fictifs ; les besoins reprennent des réponses réelles au Grand Débat National 2019 (données ouvertes).

## Forms
form-errors-summary = { $n ->
    [one] Le formulaire contient une erreur : corrigez le champ signalé.
   *[other] Le formulaire contient { $n } erreurs : corrigez les champs signalés.
}
error-required = Ce champ est obligatoire.
error-email-invalid = Saisissez une adresse électronique valide, par exemple nom@exemple.fr.
error-too-long = Ce texte est trop long.
error-password-short = Le mot de passe doit contenir au moins 12 caractères.
error-password-mismatch = Les deux mots de passe ne sont pas identiques.
error-password-wrong = Le mot de passe actuel est incorrect.
error-email-same = C'est déjà votre adresse actuelle.

## Flash messages
flash-language = La langue est changée.

## Errors
error-page-status = Erreur { $status }
error-back-home = Retour à l'accueil
error-400-title = Requête incorrecte
error-400-text = La demande n'a pas pu être comprise. Vérifiez l'adresse ou le formulaire, puis réessayez.
error-403-title = Accès refusé
error-403-text = Vous n'avez pas le droit de faire cette action. Si vous venez d'envoyer un formulaire, il a peut-être expiré : rechargez la page et réessayez.
error-404-title = Page introuvable
error-404-text = Cette page n'existe pas ou a été déplacée.
error-405-title = Action impossible
error-405-text = Cette adresse n'accepte pas ce type de demande.
error-408-title = Délai dépassé
error-408-text = La demande a pris trop de temps. Réessayez dans un instant.
error-413-title = Envoi trop volumineux
error-413-text = Le contenu envoyé dépasse la taille autorisée. Réduisez la taille du texte ou du fichier, puis réessayez.
error-429-title = Trop de demandes
error-429-text = Vous avez fait trop de demandes en peu de temps. Patientez quelques minutes avant de réessayer.
error-500-title = Erreur du serveur
error-500-text = Une erreur inattendue s'est produite. Rien de ce que vous avez envoyé n'a été enregistré à moitié ; réessayez dans un instant.
error-503-title = Service indisponible
error-503-text = La plateforme est momentanément indisponible. Réessayez dans un instant.

## Processes
nav-manage = Gestion
footer-attribution = Données : IGN – ADMIN EXPRESS COG ; Insee – COG 2026, populations légales 2023, RP2016 ; DGCL – composition des EPCI ; Grand Débat National 2019 – données ouvertes (Licence Ouverte).

## Territory import
import-report-none-refused = Aucun élément refusé.
import-report-refused = { $n ->
    [one] { $n } élément refusé :
   *[other] { $n } éléments refusés :
}
import-file-required = Choisissez un fichier GeoJSON.
import-not-utf8 = Le fichier n'est pas encodé en UTF-8.

## Workshops and events
error-number-invalid = Saisissez un nombre entier positif.
error-percentage-invalid = Saisissez un pourcentage entier, de 0 à 100.

## Participant profile
capture-csv-kept = { $n ->
    [0] Aucun besoin importé.
    [one] { $n } besoin importé.
   *[other] { $n } besoins importés.
}
capture-csv-line = Ligne { $line } :
import-missing-column = Colonne manquante : « { $column } ».
import-malformed = Le fichier CSV est illisible à la ligne { $line }.
decidim-shortened = { $n ->
    [one] { $n } titre trop long a été raccourci (il reste entier en tête de la description).
   *[other] { $n } titres trop longs ont été raccourcis (ils restent entiers en tête de la description).
}
