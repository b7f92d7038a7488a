//! A process's evaluation framework as read: its evaluative questions, each with its
//! indicators (standard ones computed now, the team's own at their latest value), their
//! baselines, targets and history. The dashboard, the team's page, the report and the workbook
//! all read it.

use std::collections::HashMap;

use crate::features::indicators::rules::{Indicator, Unit, custom_key};
use crate::features::indicators::store;
use crate::features::processes::rules::Day;
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::state::AppState;

/// An indicator of the framework.
pub struct Measure {
    /// Its key (`needs`, `custom-42`).
    pub key: String,
    /// The team's indicator's id, for its forms.
    pub custom_id: Option<i64>,
    /// Its name.
    pub label: String,
    /// Its unit.
    pub unit: Unit,
    /// Its value now (the latest entered, for the team's own).
    pub value: Option<f64>,
    /// Where it starts from.
    pub baseline: Option<f64>,
    /// What the team aims at.
    pub target: Option<f64>,
    /// Where its values come from.
    pub source: String,
    /// How often it is measured (message key), empty for daily.
    pub frequency: String,
    /// `(day, value)`, oldest first.
    pub history: Vec<(String, f64)>,
}

/// An evaluative question and its indicators.
pub struct Question {
    /// Its key: a standard question's message key, or the team's text.
    pub key: String,
    /// Its text.
    pub text: String,
    /// Its indicators.
    pub measures: Vec<Measure>,
}

/// The standard indicators now, computed at most once a minute per process.
async fn current(
    state: &AppState,
    process_id: i64,
) -> AppResult<std::sync::Arc<Vec<(Indicator, Option<f64>)>>> {
    let minute = crate::platform::clock::now_ms() / 60_000;
    if let Some(kept) = state.indicators.get(process_id, &minute) {
        return Ok(kept);
    }
    let until = format!("{}T23:59", Day::today().iso());
    let values = store::compute(&state.db, process_id, &until).await?;
    Ok(state.indicators.put(process_id, minute, values))
}

/// Reads a process's framework.
pub async fn read(state: &AppState, process_id: i64, tr: Tr) -> AppResult<Vec<Question>> {
    let now = current(state, process_id).await?;
    let mut history: HashMap<String, Vec<(String, f64)>> = HashMap::new();
    for (key, day, value) in store::history(&state.db, process_id).await? {
        history.entry(key).or_default().push((day, value));
    }
    let targets: HashMap<String, f64> = store::targets(&state.db, process_id)
        .await?
        .into_iter()
        .collect();
    let mut questions: Vec<Question> = Vec::new();
    let mut place = |key: String, text: String, measure: Measure| match questions
        .iter_mut()
        .find(|q| q.key == key)
    {
        Some(question) => question.measures.push(measure),
        None => questions.push(Question {
            key,
            text,
            measures: vec![measure],
        }),
    };
    for (indicator, value) in now.iter() {
        let key = indicator.key().to_owned();
        place(
            indicator.question().to_owned(),
            tr.t(indicator.question()),
            Measure {
                custom_id: None,
                label: tr.t(&format!("indicator-{key}")),
                unit: indicator.unit(),
                value: *value,
                baseline: None,
                target: targets.get(&key).copied(),
                source: tr.t("indicator-source-concerto"),
                frequency: String::new(),
                history: history.remove(&key).unwrap_or_default(),
                key,
            },
        );
    }
    for custom in store::customs(&state.db, process_id).await? {
        let key = custom_key(custom.id);
        let history = history.remove(&key).unwrap_or_default();
        place(
            custom.question.clone(),
            custom.question.clone(),
            Measure {
                custom_id: Some(custom.id),
                label: custom.name,
                unit: custom.unit.parse().unwrap_or(Unit::Score),
                value: history.last().map(|(_, v)| *v),
                baseline: custom.baseline,
                target: custom.target,
                source: custom.source,
                frequency: format!("indicator-frequency-{}", custom.frequency),
                history,
                key,
            },
        );
    }
    Ok(questions)
}

/// A value written with its unit.
pub fn written(value: Option<f64>, unit: Unit, tr: Tr) -> String {
    let Some(value) = value else {
        return "–".into();
    };
    match unit {
        Unit::Count => crate::features::territories::maps::group(value),
        Unit::Percent => tr.lang.percent(value / 100.0),
        Unit::Days => tr.t1("indicator-days", "days", tr.lang.decimal(value, 1)),
        Unit::Euros => format!("{}\u{a0}€", tr.lang.decimal(value, 2)),
        Unit::Score => tr.lang.decimal(value, 2),
    }
}

/// How far a value has gone from its baseline (0 when none) to its target, in percent.
pub fn progress(measure: &Measure) -> Option<f64> {
    let (value, target) = (measure.value?, measure.target?);
    let start = measure.baseline.unwrap_or(0.0);
    ((target - start).abs() > f64::EPSILON).then(|| 100.0 * (value - start) / (target - start))
}
