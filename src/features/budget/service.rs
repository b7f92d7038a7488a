//! What the budget's pages call: both sides resolved into rows, amounts and shares written,
//! partners' financial engagements summed into the receipts, and each side's chart.

use crate::features::budget::rules::{self, Origin, Side};
use crate::features::budget::store;
use crate::features::partners;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::web::chart::{Bar, bar_chart};

/// A row as the page shows it.
pub struct RowView {
    /// What it is.
    pub label: String,
    /// Its amount, written.
    pub amount: String,
    /// Its share of its side, written.
    pub share: String,
    /// Whether Concerto computed it (undetailed rest, partners' engagements).
    pub computed: bool,
}

/// One side of the budget as the page shows it.
pub struct SideView {
    /// `receipts` or `spending`: the ids of its chart and table.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// Its rows.
    pub rows: Vec<RowView>,
    /// Its total, written.
    pub total: String,
    /// Its total, in cents.
    pub total_cents: i64,
    /// Its chart (SVG).
    pub chart: String,
}

/// A process's budget as its page shows it.
pub struct BudgetView {
    /// Receipts, then spending.
    pub sides: Vec<SideView>,
    /// What receipts exceed spending by (negative: fall short), written, when they differ.
    pub balance: Option<String>,
}

/// Whether a process shows its budget.
pub async fn is_published(db: &Db, process_id: i64) -> Result<bool, sqlx::Error> {
    Ok(store::settings(db, process_id).await?.1)
}

/// A process's budget resolved and written against its declared total (cents); `None` when
/// it has no line yet.
pub async fn view(
    db: &Db,
    process_id: i64,
    total: Option<i64>,
    tr: Tr,
) -> Result<Option<BudgetView>, sqlx::Error> {
    let partners_cents = partners::service::financial_contributions(db, process_id).await?;
    let english = tr.lang == Lang::En;
    let euros = |cents: i64| partners::rules::format_euros(cents, tr.lang);
    let mut sides = Vec::new();
    for side in Side::ALL {
        let lines: Vec<rules::Line> = store::lines(db, process_id, *side)
            .await?
            .into_iter()
            .map(|(_, line)| line)
            .collect();
        let from_partners = if *side == Side::Receipts {
            partners_cents
        } else {
            0
        };
        let rows = rules::resolve(
            &lines,
            total,
            from_partners,
            &tr.t("budget-undetailed"),
            &tr.t("budget-partners-line"),
        );
        let views: Vec<RowView> = rows
            .iter()
            .map(|r| RowView {
                label: r.label.clone(),
                amount: euros(r.cents),
                share: rules::format_share(r.tenths, english),
                computed: r.origin != Origin::Typed,
            })
            .collect();
        let values: Vec<String> = views
            .iter()
            .map(|v| format!("{} · {}", v.amount, v.share))
            .collect();
        let bars: Vec<Bar<'_>> = rows
            .iter()
            .zip(&values)
            .map(|(r, value)| Bar {
                label: &r.label,
                value,
                tenths: r.tenths,
            })
            .collect();
        let total_cents: i64 = rows.iter().map(|r| r.cents).sum();
        let title = tr.t(&format!("budget-{}", side.as_str()));
        let chart = bar_chart(
            side.as_str(),
            &title,
            &tr.t1("budget-chart-description", "total", euros(total_cents)),
            &bars,
        );
        sides.push(SideView {
            id: side.as_str(),
            title,
            rows: views,
            total: euros(total_cents),
            total_cents,
            chart,
        });
    }
    if sides.iter().all(|s| s.rows.is_empty()) {
        return Ok(None);
    }
    let difference = sides[0].total_cents - sides[1].total_cents;
    let balance = (difference != 0 && !sides[1].rows.is_empty()).then(|| {
        let key = if difference > 0 {
            "budget-surplus"
        } else {
            "budget-shortfall"
        };
        tr.t1(key, "amount", euros(difference.abs()))
    });
    Ok(Some(BudgetView { sides, balance }))
}
