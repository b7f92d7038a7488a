# Concerto — syntheses: versions, themes and clusters, their edits (français).

## Syntheses
pagination-previous = Page précédente
synthesis-manage-intro = Une synthèse regroupe les besoins publiés en thèmes puis en groupes de besoins qui disent la même chose. Elle tourne sur ce serveur, en quelques secondes ; aucun texte ne quitte la plateforme. Chaque lancement crée une nouvelle version en brouillon : les versions validées ne sont jamais écrasées.
synthesis-scope-label = Périmètre
synthesis-scope-hint = Tous les besoins, ou ceux d'un thème, d'un territoire ou d'un atelier.
synthesis-scope-all = Tous les besoins publiés
synthesis-scope-theme = Thème « { $name } »
synthesis-scope-territory = Territoire « { $name } »
synthesis-scope-workshop = Atelier « { $name } »
synthesis-run = Lancer la synthèse
synthesis-versions = Versions
synthesis-versions-none = Aucune synthèse n'a encore été lancée.
synthesis-version = Version
synthesis-version-n = Version { $n }
synthesis-status = État
synthesis-started-by = Lancée par
synthesis-author-cli = ligne de commande
synthesis-status-running = En cours
synthesis-status-failed = Échouée
synthesis-status-draft = Brouillon
synthesis-status-validated = Validée
synthesis-status-published = Publiée
synthesis-status-superseded = Remplacée
synthesis-stage-reading = Lecture des besoins…
synthesis-stage-suggesting = Suggestion des thèmes…
synthesis-stage-clustering = Regroupement des besoins…
synthesis-stage-saving = Enregistrement du brouillon…
synthesis-stage-done = Terminée.
synthesis-error-scope = Choisissez un périmètre de la liste.
synthesis-error-running = Une synthèse de cette démarche est déjà en cours : attendez qu'elle se termine.
synthesis-error-merge = Choisissez un autre groupe du même thème.
synthesis-error-none-ticked = Cochez au moins un besoin à déplacer.
synthesis-error-destination = Choisissez le groupe où déplacer les besoins cochés.
synthesis-title = Synthèse · { $title }
synthesis-none-published = La synthèse des besoins de cette démarche n'est pas encore publiée. Vous pouvez déjà lire tous les besoins.
synthesis-see-needs = Voir les besoins
synthesis-running-hint = Cette page se met à jour toute seule.
synthesis-failed = La synthèse n'a pas abouti.
synthesis-needs-count = { $n ->
    [one] { $n } besoin
   *[other] { $n } besoins
}
synthesis-themes-count = { $n ->
    [one] { $n } thème
   *[other] { $n } thèmes
}
synthesis-clusters-count = { $n ->
    [one] { $n } groupe
   *[other] { $n } groupes
}
synthesis-pending = { $n ->
    [one] { $n } thème suggéré à confirmer
   *[other] { $n } thèmes suggérés à confirmer
}
synthesis-created = Lancée le { $date }
synthesis-validated-on = validée le { $date }
synthesis-published-on = Publiée le { $date }
synthesis-draft-intro = Brouillon : ouvrez un groupe pour le renommer, écrire son texte, le fusionner ou le diviser, déplacer des besoins, confirmer les thèmes suggérés et épingler des citations. Un gestionnaire valide puis publie.
synthesis-cluster-unlabelled = Besoins sans mots distinctifs
synthesis-open-cluster = Ouvrir le groupe et ses besoins
synthesis-decisions = Décisions
synthesis-validate = Valider cette version
synthesis-publish = Publier cette version
synthesis-discard = Abandonner cette version
synthesis-run-again = Lancer une nouvelle synthèse
synthesis-manager-decides = Un gestionnaire de la démarche valide et publie.
synthesis-edit-cluster = Modifier ce groupe
synthesis-label = Nom du groupe
synthesis-label-hint = 120 caractères au plus.
synthesis-summary = Texte de synthèse
synthesis-summary-hint = Ce que disent ces besoins, en quelques phrases (2 000 caractères au plus). Il sera publié.
synthesis-merge-with = Fusionner avec le groupe
synthesis-merge = Fusionner
synthesis-split-hint = Diviser répartit les besoins de ce groupe en deux groupes selon leurs mots.
synthesis-split = Diviser en deux
synthesis-map = Où ces besoins ont été exprimés
synthesis-map-title = Besoins du groupe « { $name } »
synthesis-map-description = Nombre de besoins du groupe par commune, et les besoins placés sur la carte.
synthesis-tick = Choisir « { $title } »
synthesis-pinned = Citation épinglée
synthesis-representative = Représentatif
synthesis-need-not-public = Masqué ou fusionné depuis
synthesis-suggested = Thème suggéré ({ $percent } %)
synthesis-accept = Confirmer le thème
synthesis-pin = Épingler comme citation
synthesis-unpin = Retirer la citation
synthesis-move-to = Déplacer les besoins cochés vers
synthesis-move-hint = Vers un groupe d'un autre thème, le besoin prend ce thème : la prochaine synthèse en tient compte.
synthesis-move = Déplacer
flash-synthesis-saved = C'est enregistré.
flash-synthesis-frozen = Cette version n'est plus un brouillon : elle ne change plus. Lancez une nouvelle synthèse pour la retravailler.
flash-synthesis-merged = Les deux groupes sont fusionnés.
flash-synthesis-split = Le groupe est divisé en deux.
flash-synthesis-not-split = Ce groupe ne se divise pas : ses besoins ne se distinguent pas assez.
flash-synthesis-moved = Les besoins cochés sont déplacés.
flash-synthesis-theme-accepted = Le thème est confirmé.
flash-synthesis-validated = La version est validée.
flash-synthesis-published = La synthèse est publiée.
flash-synthesis-discarded = La version est abandonnée.
