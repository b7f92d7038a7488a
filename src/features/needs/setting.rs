//! What a process's needs pages share: the process, its cached settings, whether
//! contributions are open, and the checks of a need's form fields against them.

use std::sync::Arc;

use crate::features::needs::rules as need;
use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process;
use crate::features::processes::rules::Module;
use crate::features::processes::store::Process;
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::platform::permissions::ProcessRole;
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// What a process's needs pages share: the process, its cached settings (themes, communes
/// and EPCI, read through `Deref`), whether contributions are open.
pub struct Setting {
    /// The process.
    pub process: Process,
    /// Whether a phase opening the pages' module (needs collection, solutions) is under way.
    pub open: bool,
    /// The visitor's roles in the process.
    pub roles: Vec<ProcessRole>,
    shared: Arc<ProcessSettings>,
}

impl std::ops::Deref for Setting {
    type Target = ProcessSettings;

    fn deref(&self) -> &ProcessSettings {
        &self.shared
    }
}

impl Setting {
    /// The theme chosen in a form (empty: "je ne sais pas"); an unknown one is an error.
    pub fn chosen_theme(&self, value: &str, tr: Tr, errors: &mut FormErrors) -> Option<i64> {
        if value.is_empty() {
            return None;
        }
        let found = value
            .parse::<i64>()
            .ok()
            .filter(|id| self.themes.iter().any(|t| t.id == *id));
        if found.is_none() {
            errors.add_message("theme", tr.t("error-theme-unknown"));
        }
        found
    }

    /// The commune chosen by its code (empty: no place); one outside the process is an error.
    pub fn chosen_commune(&self, code: &str, tr: Tr, errors: &mut FormErrors) -> Option<i64> {
        if code.is_empty() {
            return None;
        }
        let found = self.communes.iter().find(|c| c.code == code).map(|c| c.id);
        if found.is_none() {
            errors.add_message("commune", tr.t("error-place-outside"));
        }
        found
    }

    /// Themes for a select: "je ne sais pas" first.
    pub fn theme_choices(&self, tr: Tr, chosen: &str) -> Vec<Choice> {
        let none = (String::new(), tr.t("need-theme-unknown"));
        let themes = self
            .themes
            .iter()
            .map(|t| (t.id.to_string(), t.name.clone()));
        Choice::list(std::iter::once(none).chain(themes), chosen)
    }

    /// Communes for a select: "no precise place" first.
    pub fn commune_choices(&self, tr: Tr, chosen: &str) -> Vec<Choice> {
        let none = (String::new(), tr.t("need-place-none"));
        let communes = self
            .communes
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()));
        Choice::list(std::iter::once(none).chain(communes), chosen)
    }
}

/// A need's title and description as typed in a form, checked; what is wrong is noted
/// next to its field.
pub fn typed_text(
    title: &str,
    body: &str,
    tr: Tr,
    errors: &mut FormErrors,
) -> Option<(String, String)> {
    let title = errors.check(tr, "title", need::validate_title(title));
    let body = need::validate_text(body, need::MAX_BODY_CHARS, false);
    let body = errors.check(tr, "body", body);
    title.zip(body)
}

/// The setting of a process the visitor may see, for its needs pages.
pub async fn setting(state: &AppState, visitor: &Visitor, slug: &str) -> AppResult<Setting> {
    setting_for(state, visitor, slug, Module::Needs).await
}

/// The setting of a process the visitor may see, open while a current phase opens `module`.
pub async fn setting_for(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    module: Module,
) -> AppResult<Setting> {
    let (process, roles) = visible_process(state, visitor, slug).await?;
    let shared = state.processes.settings(&state.db, &process).await?;
    let open = shared.opens(&process, module);
    Ok(Setting {
        process,
        open,
        roles,
        shared,
    })
}
