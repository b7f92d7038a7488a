# Concerto — territories: their pages, maps and the import (français).

## Administration
table-name = Nom

## Processes
figure-processes = démarches
unit-inhabitants = habitants
territory-map-title = Carte de { $name }
territory-map-description = Les unités du territoire, colorées selon leur population ; chacune mène à sa page.
map-caption = Cliquez sur une commune pour ouvrir sa page. Les valeurs de la carte sont aussi données dans le tableau ci-dessous.
map-data = Données de la carte
map-legend-population = Population
table-territory = Territoire
table-code = Code
table-population = Population
breadcrumb = Fil d'Ariane
territory-processes = Démarches sur ce territoire
territory-processes-none = Aucune démarche publiée ne couvre ce territoire.
locate-outside = Ce lieu n'est dans aucune commune connue.
level-pole = Pôle métropolitain
level-pole-plural = pôles
level-region = Région
level-region-plural = régions
level-departement = Département
level-departement-plural = départements
level-epci-plural = intercommunalités
level-commune = Commune
level-commune-plural = communes
level-iris = IRIS
level-iris-plural = IRIS
level-quartier = Quartier
level-quartier-plural = quartiers

## Management
manage-title = Gestion des démarches

## Territory import
import-title = Importer des territoires
import-intro = Importez des limites territoriales au format GeoJSON (communes, intercommunalités, IRIS, quartiers…). Chaque élément est vérifié ; un nouvel import du même fichier met à jour sans créer de doublon.
import-form = Fichier à importer
import-file = Fichier GeoJSON
import-file-hint = Une FeatureCollection de Polygon ou MultiPolygon en longitude/latitude (WGS84), 2 Mo au plus ; au-delà, utilisez la commande « concerto territories import ».
import-level = Niveau
import-level-hint = Par exemple commune, epci, iris, quartier.
import-code-property = Propriété du code
import-name-property = Propriété du nom
import-parent-property = Propriété du code parent (facultatif)
import-population-property = Propriété de la population (facultatif)
import-population-year = Année de la population (facultatif)
import-population-source = Source de la population (facultatif)
import-submit = Importer
import-report = Rapport d'import
import-report-kept = { $created } créé(s), { $updated } mis à jour.
import-position = Élément n°
import-reason = Raison
import-missing-code = code manquant
import-missing-name = nom manquant
import-not-longitude-latitude = les coordonnées ne sont pas des longitudes et latitudes (WGS 84) : le fichier semble projeté (Lambert-93 ?) ; exportez-le en EPSG:4326
import-invalid-geometry = géométrie invalide
import-unknown-parent = territoire parent inconnu
import-duplicate = code en double dans le fichier
import-level-invalid = Indiquez un niveau en lettres minuscules, par exemple commune.
import-year-invalid = Indiquez une année, par exemple 2023.
import-not-geojson = Ce fichier n'est pas du GeoJSON
