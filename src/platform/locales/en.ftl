# Concerto — the layout, forms, errors and pages every feature shares (English).

## Layout
site-name = Concerto
site-tagline = Citizen consultation, from needs to initiatives
skip-to-content = Skip to content
nav-main = Main navigation
nav-home = Home
nav-account = My account
nav-admin = Administration
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-sign-out = Sign out
lang-switch-button = Français
lang-switch-target = fr
footer-legal = Legal notice
footer-privacy = Personal data
footer-accessibility = Accessibility: partially compliant
footer-free-software = Concerto is free software.
footer-links = Useful links
footer-about = About
footer-demo = Demonstration: the participants and their supports, comments and votes are fictitious; the needs are real answers to the 2019 Grand Débat National (open data).

## Forms
form-errors-summary = { $n ->
    [one] The form has one error: correct the field marked below.
   *[other] The form has { $n } errors: correct the fields marked below.
}
error-required = This field is required.
error-email-invalid = Enter a valid e-mail address, for example name@example.org.
error-too-long = This text is too long.
error-password-short = The password must have at least 12 characters.
error-password-mismatch = The two passwords differ.
error-password-wrong = The current password is wrong.
error-email-same = This is already your current address.

## Flash messages
flash-language = The language is changed.

## Errors
error-page-status = Error { $status }
error-back-home = Back to the home page
error-400-title = Bad request
error-400-text = The request could not be understood. Check the address or the form, then try again.
error-403-title = Access denied
error-403-text = You are not allowed to do this. If you have just sent a form, it may have expired: reload the page and try again.
error-404-title = Page not found
error-404-text = This page does not exist or has moved.
error-405-title = Action not possible
error-405-text = This address does not accept this kind of request.
error-408-title = Timed out
error-408-text = The request took too long. Try again in a moment.
error-413-title = Too large
error-413-text = What you sent is larger than allowed. Shorten the text or the file, then try again.
error-429-title = Too many requests
error-429-text = You made too many requests in a short time. Wait a few minutes before trying again.
error-500-title = Server error
error-500-text = Something unexpected went wrong. Nothing you sent was half-saved; try again in a moment.
error-503-title = Service unavailable
error-503-text = The platform is temporarily unavailable. Try again in a moment.

## Processes
nav-manage = Management
footer-attribution = Data: IGN – ADMIN EXPRESS COG; Insee – COG 2026, legal populations 2023, RP2016; DGCL – EPCI composition; Grand Débat National 2019 – open data (Licence Ouverte).

## Territory import
import-report-none-refused = No feature refused.
import-report-refused = { $n ->
    [one] { $n } feature refused:
   *[other] { $n } features refused:
}
import-file-required = Choose a GeoJSON file.
import-not-utf8 = The file is not UTF-8 encoded.

## Workshops and events
error-number-invalid = Enter a positive whole number.
error-percentage-invalid = Enter a whole percentage, from 0 to 100.

## Participant profile
capture-csv-kept = { $n ->
    [0] No need imported.
    [one] { $n } need imported.
   *[other] { $n } needs imported.
}
capture-csv-line = Line { $line }:
import-missing-column = Missing column: "{ $column }".
import-malformed = The CSV file cannot be read at line { $line }.
decidim-shortened = { $n ->
    [one] { $n } title that was too long was shortened (it stays whole at the top of the description).
   *[other] { $n } titles that were too long were shortened (they stay whole at the top of the description).
}
