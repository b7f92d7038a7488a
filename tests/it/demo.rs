//! The living demo: a newcomer who runs `--demo` sees a consultation under way — needs with
//! real French texts under the process's themes, online and from past workshops, supports and
//! comments, a published synthesis, an opinion map with clear groups — and is told that the
//! contributions are illustrative. Loading it again changes nothing.

use crate::common::TestApp;
use axum::http::StatusCode;
use concerto::features::needs;
use concerto::features::needs::rules::Source;
use concerto::features::processes;

const PROCESS: &str = "/demarches/aux-actes-citoyens";

#[tokio::test]
async fn the_living_demo_shows_a_consultation_under_way_and_says_it_is_illustrative() {
    let app = TestApp::with_config(|c| c.demo = true).await;
    concerto::features::demo::load(app.db()).await.unwrap();
    let summary = concerto::features::demo::activity::load(app.db())
        .await
        .unwrap()
        .expect("loaded the first time");
    assert!(
        concerto::features::demo::activity::load(app.db())
            .await
            .unwrap()
            .is_none(),
        "loading again changes nothing"
    );
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    let needs = needs::store::export(app.db(), process.id, true)
        .await
        .unwrap();
    assert_eq!(
        needs.len(),
        summary.needs.0 - 1,
        "one was hidden by the moderators"
    );
    assert!(needs.len() >= 2_000, "a few thousand needs");
    let from_workshops = needs
        .iter()
        .filter(|n| n.source == Source::Workshop)
        .count();
    assert_eq!(from_workshops, summary.needs.1);
    assert!(from_workshops > 100 && from_workshops < needs.len() / 4);
    let themed = needs.iter().filter(|n| n.theme_name.is_some()).count();
    assert!(themed > needs.len() * 8 / 10 && themed < needs.len());
    let themes: std::collections::BTreeSet<_> =
        needs.iter().filter_map(|n| n.theme_name.clone()).collect();
    assert_eq!(themes.len(), 15, "every theme has needs");
    assert!(needs.iter().map(|n| n.supports_count).sum::<i64>() as usize == summary.supports);

    let mut visitor = app.browser();
    let list = visitor.get(&format!("{PROCESS}/besoins")).await;
    assert!(
        list.shows(&format!("{} besoins", needs.len())),
        "{}",
        list.main_content()
    );
    assert!(!list.shows("Aucun besoin"));
    assert!(list.shows(
        "Démonstration : les participants, leurs soutiens, commentaires et votes sont fictifs"
    ));

    let synthesis = visitor.get(&format!("{PROCESS}/synthese")).await;
    assert_eq!(synthesis.status, StatusCode::OK);
    assert!(
        synthesis.shows("Publiée") && synthesis.shows(&format!("{} groupes", summary.clusters))
    );

    let agenda = visitor.get(&format!("{PROCESS}/agenda")).await;
    assert!(agenda.shows("Atelier au centre social") && agenda.shows("Grande soirée de synthèse"));

    let map = visitor.get(&format!("{PROCESS}/opinions/carte")).await;
    assert!(map.shows("380 participants"), "{}", map.main_content());
    assert!(map.shows("3 groupes d'opinion"));
    assert!(map.shows("Pas assez de votes pour être placé·e dans un groupe"));

    // Partners at each of the brochure's tiers; a bourse with companionships at each step.
    let partners = visitor.get(&format!("{PROCESS}/partenaires")).await;
    for tier in [
        "Partenaire de l'équipe cœur",
        "Un p'tit coup de pouce",
        "Un bon coup de main",
        "Un gros coup de boost",
    ] {
        assert!(partners.shows(tier), "{tier}");
    }
    assert_eq!(summary.companionships, 3);
    let bourse = visitor.get(&format!("{PROCESS}/bourse")).await;
    assert!(bourse.shows("Prêt d'outils et d'un atelier de menuiserie"));
    assert!(
        bourse.shows("Un coup de main pour le site web"),
        "an open request"
    );
    let states: Vec<String> = concerto::features::bourse::store::reactivity(app.db(), process.id)
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{}:{}:{}", r.asked, r.completed, r.taken))
        .collect();
    assert!(
        states.contains(&"1:1:1200".to_owned()),
        "the funded one: {states:?}"
    );

    // A ressourcerie of real public resources with their sources; last year's FDVA 1 past
    // its deadline; the brochure's budget, public.
    assert_eq!(summary.resources, 12);
    assert_eq!(summary.questionnaire, 3_000);
    let library = visitor.get(&format!("{PROCESS}/ressources")).await;
    assert!(library.shows("Créer une association loi 1901"));
    assert!(library.shows("FDVA 2 : fonctionnement et projets innovants"));
    assert!(
        !library.shows("FDVA 1 : formation des bénévoles"),
        "past its deadline"
    );
    assert!(
        !library.shows("Une salle pour les réunions"),
        "waiting for review"
    );
    let budget = visitor.get(&format!("{PROCESS}/budget")).await;
    assert_eq!(budget.status, StatusCode::OK);
    assert!(budget.shows("40\u{202f}324,02\u{a0}€"), "33 % of 122 194 €");
    assert!(budget.shows("Plateforme"));
    assert!(
        budget.shows("Non détaillé"),
        "the brochure details 95 % of its receipts"
    );

    let about = visitor.get("/a-propos").await;
    assert_eq!(about.status, StatusCode::OK);
    assert!(about.shows("les contributions sont illustratives"));
    assert!(about.shows("Grand Débat National 2019"));

    // A demo participant signs in with the demo's password and finds their contributions.
    let mut camille = app
        .demo_account("participant-0@demo.concerto.localhost")
        .await;
    assert_eq!(camille.get("/compte").await.status, StatusCode::OK);
}
