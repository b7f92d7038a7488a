//! Adding needs, whatever the way in: the contribution form, a workshop's capture form and its
//! CSV file, the Decidim import, the demo and the command line all call `contribute` or
//! `import_many`. The callers validate what they were given (with `rules`, naming the field
//! that is wrong); this is where a need's source, who typed it in and its search terms follow
//! from where it comes from, once.

use crate::features::needs::rules::{self, Source};
use crate::features::needs::store::{self, NewNeed};
use crate::platform::db::Db;
use crate::platform::i18n::Tr;
use crate::platform::web::forms::FieldError;

/// Where a need comes from, and who answers for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Written online by a participant (none when the author is unknown).
    Online {
        /// The author.
        author_id: Option<i64>,
    },
    /// Voiced at a workshop and typed in by its facilitator; it has no author account.
    Workshop {
        /// The workshop.
        workshop_id: i64,
        /// Who typed it in.
        facilitator_id: i64,
    },
    /// Brought from another platform by a manager, with the supports it gathered there.
    Import {
        /// Who imported it.
        manager_id: i64,
        /// Supports counted on the other platform.
        supports: i64,
    },
}

/// A need as it is given, validated, before it is stored.
#[derive(Clone, Debug)]
pub struct Contribution {
    /// Title.
    pub title: String,
    /// Description (may be empty).
    pub body: String,
    /// Theme, if chosen.
    pub theme_id: Option<i64>,
    /// Commune, if known.
    pub territory_id: Option<i64>,
    /// `[longitude, latitude]`, if placed on the map.
    pub point: Option<[f64; 2]>,
    /// Where it comes from.
    pub origin: Origin,
    /// When it was written, in ms (imports keep their dates).
    pub created_at: i64,
    /// Its id on the platform it was imported from.
    pub external_id: Option<String>,
}

impl Contribution {
    /// A need with a title and a description only, neither themed nor placed.
    pub fn new(title: &str, body: &str, origin: Origin, created_at: i64) -> Contribution {
        Contribution {
            title: title.to_owned(),
            body: body.to_owned(),
            theme_id: None,
            territory_id: None,
            point: None,
            origin,
            created_at,
            external_id: None,
        }
    }
}

/// Stores one need with its search terms; returns its id.
pub async fn contribute(db: &Db, process_id: i64, need: &Contribution) -> Result<i64, sqlx::Error> {
    let ids = import_many(db, process_id, std::slice::from_ref(need)).await?;
    Ok(ids[0])
}

/// Stores needs with their search terms in one transaction: all of them or, if the database
/// fails, none. Returns their ids in order.
pub async fn import_many(
    db: &Db,
    process_id: i64,
    needs: &[Contribution],
) -> Result<Vec<i64>, sqlx::Error> {
    let terms: Vec<Vec<String>> = needs
        .iter()
        .map(|need| textkit::search_terms(&format!("{} {}", need.title, need.body)))
        .collect();
    let rows: Vec<NewNeed> = needs
        .iter()
        .zip(&terms)
        .map(|(need, terms)| new_need(process_id, need, terms))
        .collect();
    store::create_many(db, &rows).await
}

/// The row stored for a contribution: its source, author, who typed it in and the workshop
/// follow from its origin.
fn new_need<'a>(process_id: i64, need: &'a Contribution, terms: &'a [String]) -> NewNeed<'a> {
    let (source, author_id, entered_by, workshop_id, imported_supports) = match need.origin {
        Origin::Online { author_id } => (Source::Online, author_id, author_id, None, 0),
        Origin::Workshop {
            workshop_id,
            facilitator_id,
        } => (
            Source::Workshop,
            None,
            Some(facilitator_id),
            Some(workshop_id),
            0,
        ),
        Origin::Import {
            manager_id,
            supports,
        } => (Source::Import, None, Some(manager_id), None, supports),
    };
    NewNeed {
        process_id,
        title: &need.title,
        body: &need.body,
        theme_id: need.theme_id,
        territory_id: need.territory_id,
        point: need.point,
        source,
        author_id,
        entered_by,
        workshop_id,
        imported_supports,
        terms,
        created_at: need.created_at,
        external_id: need.external_id.as_deref(),
    }
}

/// Checks the title and description of an imported row; the reason a row is refused names
/// the field.
pub fn row_text(
    tr: Tr,
    title: &str,
    body: &str,
    max_body_chars: usize,
) -> Result<(String, String), String> {
    let refused =
        |field: &str, error: FieldError| format!("{} : {}", tr.t(field), tr.t(error.message_key()));
    let title = rules::validate_title(title).map_err(|e| refused("field-need-title", e))?;
    let body = rules::validate_text(body, max_body_chars, false)
        .map_err(|e| refused("field-need-body", e))?;
    Ok((title, body))
}
