//! Accounts over HTTP: sign up, confirm through the outbox, sign in and out, throttling, the
//! interface's language. Resets and changes of credentials in `recovery`, the person's own
//! data in `own_data`.

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::platform::mail::queue as mail_queue;

mod own_data;
mod recovery;

const PASSWORD: &str = "un mot de passe solide";

#[tokio::test]
async fn newcomer_signs_up_confirms_through_the_outbox_signs_in_and_out() {
    let app = TestApp::new().await;
    let mut browser = app.browser();

    let form = browser.get("/inscription").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Créer un compte"));
    let sent = browser
        .post(
            "/inscription",
            &[
                ("email", "Lea.Martin@Exemple.fr"),
                ("display_name", "Léa"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.body.contains("Vérifiez votre messagerie"));

    // Not confirmed yet: signing in is refused and the link is sent again.
    let early = browser
        .post(
            "/connexion",
            &[("email", "lea.martin@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("pas encore confirmée"));
    assert_eq!(
        app.mails()
            .await
            .iter()
            .filter(|m| m.email.to == "lea.martin@exemple.fr")
            .count(),
        2
    );

    let link = app.link_in_last_mail_to("lea.martin@exemple.fr").await;
    assert!(link.starts_with("/confirmation?jeton="));
    let confirm_page = browser.get(&link).await;
    assert_eq!(confirm_page.status, StatusCode::OK);
    assert!(confirm_page.body.contains("Confirmer mon adresse"));
    // Opening the link changes nothing by itself (mail scanners open links).
    let user = accounts::users::by_email(app.db(), "lea.martin@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(user.email_confirmed_at.is_none());

    let token = confirm_page
        .input_value("jeton")
        .expect("token in the form");
    let confirmed = browser.post("/confirmation", &[("jeton", &token)]).await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    assert_eq!(confirmed.location(), "/connexion");
    let login_page = browser.get("/connexion").await;
    assert!(login_page.body.contains("Votre adresse est confirmée"));

    // The link works once.
    let again = browser.post("/confirmation", &[("jeton", &token)]).await;
    assert!(again.body.contains("Lien invalide ou expiré"));

    let signed_in = browser
        .post(
            "/connexion",
            &[
                ("email", "lea.martin@exemple.fr"),
                ("password", PASSWORD),
                ("suite", "/compte"),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/compte");
    let account = browser.get("/compte").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("lea.martin@exemple.fr"));
    assert!(account.body.contains("Se déconnecter"));

    let signed_out = browser.post("/deconnexion", &[]).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    let after = browser.get("/compte").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location(), "/connexion?suite=/compte");
}

#[tokio::test]
async fn sign_up_errors_are_shown_next_to_fields_in_french_and_keep_what_was_typed() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let page = browser
        .post(
            "/inscription",
            &[
                ("email", "pas-une-adresse"),
                ("display_name", "Camille <b>"),
                ("password", "court"),
                ("password_confirm", "court"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("id=\"email-error\">Saisissez une adresse électronique valide")
    );
    assert!(
        page.body.contains(
            "id=\"password-error\">Le mot de passe doit contenir au moins 12 caractères."
        )
    );
    assert!(page.body.contains("value=\"pas-une-adresse\""));
    assert!(
        page.body.contains("value=\"Camille &#60;b&#62;\"")
            || page.body.contains("value=\"Camille &lt;b&gt;\"")
    );
    assert!(
        !page.body.contains("value=\"court\""),
        "passwords are never sent back"
    );
    assert!(page.body.contains("aria-invalid=\"true\""));

    let mismatch = browser
        .post(
            "/inscription",
            &[
                ("email", "a@exemple.fr"),
                ("display_name", "A"),
                ("password", PASSWORD),
                ("password_confirm", "autre mot de passe"),
            ],
        )
        .await;
    assert!(
        mismatch.body.contains(
            "id=\"password_confirm-error\">Les deux mots de passe ne sont pas identiques."
        )
    );
    assert_eq!(
        accounts::users::count(app.db()).await.unwrap(),
        0,
        "nothing was saved"
    );
}

#[tokio::test]
async fn sign_up_with_a_taken_address_answers_the_same_and_warns_its_owner() {
    let app = TestApp::new().await;
    app.signed_in("sam@exemple.fr", "Sam").await;
    let mails_before = app.mails().await.len();

    let mut stranger = app.browser();
    let page = stranger
        .post(
            "/inscription",
            &[
                ("email", "sam@exemple.fr"),
                ("display_name", "Imposteur"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Vérifiez votre messagerie"));
    assert_eq!(accounts::users::count(app.db()).await.unwrap(), 1);
    let notice = app.last_mail_to("sam@exemple.fr").await.unwrap();
    assert_eq!(app.mails().await.len(), mails_before + 1);
    assert!(notice.email.subject.contains("Tentative d'inscription"));
    assert!(
        !notice.email.body.contains("jeton"),
        "the notice carries no usable link"
    );
}

#[tokio::test]
async fn wrong_passwords_are_refused_alike_and_throttled_per_account() {
    let app = TestApp::new().await;
    app.signed_in("noe@exemple.fr", "Noé").await;
    let mut browser = app.browser();

    let unknown = browser
        .post(
            "/connexion",
            &[("email", "personne@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    let wrong = browser
        .post(
            "/connexion",
            &[
                ("email", "noe@exemple.fr"),
                ("password", "mauvais mot de passe"),
            ],
        )
        .await;
    assert_eq!(unknown.status, wrong.status);
    assert!(
        unknown
            .body
            .contains("Adresse électronique ou mot de passe incorrect.")
    );
    assert!(
        wrong
            .body
            .contains("Adresse électronique ou mot de passe incorrect.")
    );

    // Failures from other addresses do not lock the owner out of their own.
    for _ in 0..4 {
        let mut other = app.browser();
        other
            .post(
                "/connexion",
                &[
                    ("email", "noe@exemple.fr"),
                    ("password", "mauvais mot de passe"),
                ],
            )
            .await;
    }
    let mut owner = app.browser();
    let signed = owner
        .post(
            "/connexion",
            &[("email", "noe@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);

    // From one address, five attempts on the account; the sixth is refused, even the right
    // password.
    let mut guesser = app.browser();
    for _ in 0..5 {
        let page = guesser
            .post(
                "/connexion",
                &[("email", "noe@exemple.fr"), ("password", "encore faux")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let blocked = guesser
        .post(
            "/connexion",
            &[("email", "noe@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.body.contains("Trop de tentatives"));
    assert!(!guesser.cookies.contains_key("concerto_session"));

    // Guessing from many addresses stays bounded per account (50 in a quarter of an hour).
    for _ in 0..10 {
        let mut other = app.browser();
        for _ in 0..5 {
            other
                .post(
                    "/connexion",
                    &[("email", "noe@exemple.fr"), ("password", "faux")],
                )
                .await;
        }
    }
    let mut fresh = app.browser();
    let page = fresh
        .post(
            "/connexion",
            &[("email", "noe@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_sign_in_attempts_cannot_pass_the_limit_together() {
    let app = TestApp::new().await;
    app.signed_in("zoe@exemple.fr", "Zoé").await;
    let ip = "10.9.9.9";
    let mut attempts = Vec::new();
    for _ in 0..12 {
        let mut browser = app.browser();
        browser.ip = ip.to_owned();
        browser.get("/").await;
        attempts.push(tokio::spawn(async move {
            browser
                .post(
                    "/connexion",
                    &[("email", "zoe@exemple.fr"), ("password", "pas le bon")],
                )
                .await
                .status
        }));
    }
    let mut checked = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            StatusCode::UNPROCESSABLE_ENTITY => checked += 1,
            status => assert_eq!(status, StatusCode::TOO_MANY_REQUESTS),
        }
    }
    assert_eq!(checked, 5, "exactly five passwords were checked");
}

#[tokio::test]
async fn sign_in_is_throttled_per_client_address() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    for n in 0..30 {
        let page = browser
            .post(
                "/connexion",
                &[
                    ("email", &format!("p{n}@exemple.fr")),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = browser
        .post(
            "/connexion",
            &[("email", "p99@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_interface_switches_to_english_and_back() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    assert!(browser.get("/").await.body.contains("<html lang=\"fr\">"));
    let switched = browser
        .post("/langue", &[("lang", "en"), ("retour", "/inscription")])
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location(), "/inscription");
    let page = browser.get("/inscription").await;
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("Create an account"));
    let errors = browser
        .post(
            "/inscription",
            &[
                ("email", "x"),
                ("display_name", ""),
                ("password", ""),
                ("password_confirm", ""),
            ],
        )
        .await;
    assert!(errors.body.contains("Enter a valid e-mail address"));
    // An outside target is never followed.
    let outside = browser
        .post("/langue", &[("lang", "fr"), ("retour", "//evil.example/")])
        .await;
    assert_eq!(outside.location(), "/");
}

#[tokio::test]
async fn honeypot_sign_ups_are_answered_but_ignored() {
    let app = TestApp::new().await;
    let mut robot = app.browser();
    let page = robot
        .post(
            "/inscription",
            &[
                ("email", "bot@exemple.fr"),
                ("display_name", "Bot"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(accounts::users::count(app.db()).await.unwrap(), 0);
    assert!(app.mails().await.is_empty());
}
