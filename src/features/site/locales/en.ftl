# Concerto — the site: home, legal pages, about (English).

## Home
home-title = Concerto, consultation across a whole territory
home-lead = Concerto runs a citizen consultation across a whole territory, online and in the field: residents voice their needs, invent solutions and carry them to real initiatives, with local actors.
home-steps-title = Three stages to act together
home-step-needs-title = Voice needs
home-step-needs-text = Online or in workshops near you, everyone says what their territory lacks. The needs are then synthesised into themes.
home-step-solutions-title = Invent solutions
home-step-solutions-text = Events bring residents, associations, companies and elected officials together to invent answers, placed on a map of the territory.
home-step-initiatives-title = Support initiatives
home-step-initiatives-text = Project carriers meet partners who offer time, skills, means or premises.
home-processes-title = Current processes
home-processes-empty = No process has been published on this platform yet.
home-join-title = Take part
home-join-text = Create an account to contribute, support other people's proposals and follow what becomes of your needs.

## Legal
legal-title = Legal notice
legal-text-1 = This consultation platform is published by the organisation that runs the process, which is responsible for its publication.
legal-text-2 = Concerto is free software. It uses no third-party service: no page loads any script, font or image from another site.
privacy-title = Personal data
privacy-text-1 = The platform keeps your e-mail address, your display name, your password in hashed form (argon2id), your sign-in sessions, and what you do here: needs, supports, comments, reports, workshop registrations, opinion-map statements and votes, optional profile.
privacy-text-2 = No advertising or audience-measurement cookie is set. The cookies used serve signing in, protecting forms and choosing the language.
privacy-text-3 = From the "My account" page, you can download everything about you and delete your account at any time: your contributions then stay, attributed to "anonymous participant".
accessibility-title = Accessibility
accessibility-text-1 = Concerto aims at RGAA 4.1 (WCAG 2.1 level AA) conformance: keyboard navigation, skip link, form labels, sufficient contrast, pages usable without JavaScript.
accessibility-text-2 = The platform is partially compliant until a full audit has been made. If you meet a difficulty, report it to the organisation that runs the process.
about-title = About Concerto
about-text-1 = Concerto is a territorial concertation platform: residents voice their needs, online and in workshops, the needs are synthesised into themes, solutions are invented and then accompanied by local actors.
about-text-2 = It is free software. Maps are drawn from the territory's own boundaries, and no contribution leaves the server to be analysed.
about-demo-1 = This site is a demonstration. The territory (Pôle métropolitain Nord Franche-Comté, its 5 intercommunalities and 197 communes) and the Aux Actes Citoyens process are real; the contributions are illustrative.
about-demo-2 = The needs' texts are real answers to the 2019 Grand Débat National (open data published by the French government), filed under the process's themes by their keywords and placed in communes by population. The participants and their supports, comments, registrations and votes are fictitious, drawn at random from a fixed seed.
about-demo-3 = Data: IGN – ADMIN EXPRESS COG; Insee – COG 2026, legal populations 2023, RP2016; DGCL – EPCI composition; Grand Débat National 2019 – open data (Licence Ouverte).

## Processes
status-closed = Closed
