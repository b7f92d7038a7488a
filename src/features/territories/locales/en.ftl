# Concerto — territories: their pages, maps and the import (English).

## Administration
table-name = Name

## Processes
figure-processes = processes
unit-inhabitants = inhabitants
territory-map-title = Map of { $name }
territory-map-description = The territory's units, coloured by population; each leads to its page.
map-caption = Click a commune to open its page. The map's values are also given in the table below.
map-data = Map data
map-legend-population = Population
table-territory = Territory
table-code = Code
table-population = Population
breadcrumb = Breadcrumb
territory-processes = Processes on this territory
territory-processes-none = No published process covers this territory.
locate-outside = This place is in no known commune.
level-pole = Metropolitan pole
level-pole-plural = poles
level-region = Region
level-region-plural = regions
level-departement = Département
level-departement-plural = départements
level-epci-plural = intercommunalities
level-commune = Commune
level-commune-plural = communes
level-iris = IRIS
level-iris-plural = IRIS
level-quartier = Neighbourhood
level-quartier-plural = neighbourhoods

## Management
manage-title = Process management

## Territory import
import-title = Import territories
import-intro = Import territorial boundaries as GeoJSON (communes, intercommunalities, IRIS, neighbourhoods…). Every feature is checked; importing the same file again updates without duplicating.
import-form = File to import
import-file = GeoJSON file
import-file-hint = A FeatureCollection of Polygon or MultiPolygon in longitude/latitude (WGS84), 2 MB at most; beyond, use the command "concerto territories import".
import-level = Level
import-level-hint = For example commune, epci, iris, quartier.
import-code-property = Code property
import-name-property = Name property
import-parent-property = Parent code property (optional)
import-population-property = Population property (optional)
import-population-year = Population year (optional)
import-population-source = Population source (optional)
import-submit = Import
import-report = Import report
import-report-kept = { $created } created, { $updated } updated.
import-position = Feature no.
import-reason = Reason
import-missing-code = missing code
import-missing-name = missing name
import-not-longitude-latitude = the coordinates are not longitudes and latitudes (WGS 84): the file looks projected (Lambert-93?); export it as EPSG:4326
import-invalid-geometry = invalid geometry
import-unknown-parent = unknown parent territory
import-duplicate = duplicate code in the file
import-level-invalid = Give a level in lower-case letters, for example commune.
import-year-invalid = Give a year, for example 2023.
import-not-geojson = This file is not GeoJSON
