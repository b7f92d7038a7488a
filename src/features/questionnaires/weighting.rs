//! `concerto weight`: weights respondents to population margins without the web application,
//! as survey statisticians do with R's `survey::rake` or INSEE's Calmar. Reads one row per
//! respondent (an `id` column and one column per weighting variable) and the margins
//! (`variable;category;share`, shares in percent summing to 100 per variable); writes
//! `weights.csv` (`id,weight`, weights summing to the number of respondents) and
//! `report.json` (iterations, convergence, design effect, effective size, target, unweighted
//! and weighted margins). Says in French what is wrong with a file, line by line.

use std::path::PathBuf;

use anyhow::{Context, bail};
use serde::Serialize;

use crate::platform::tables::{Table, TableError, cell};

/// What to weight and where to write it.
#[derive(clap::Args, Debug, Clone)]
pub struct WeightOptions {
    /// One row per respondent: an `id` column and one column per weighting variable.
    #[arg(long)]
    pub respondents: PathBuf,
    /// The margins: `variable;category;share` (shares in percent, 100 per variable).
    #[arg(long)]
    pub margins: PathBuf,
    /// Bounds for every weight, relative to the mean weight: `MIN,MAX` (for example 0.3,3).
    #[arg(long)]
    pub trim: Option<String>,
    /// The folder where weights.csv and report.json are written.
    #[arg(long, default_value = "ponderation")]
    pub out: PathBuf,
}

/// How far the shares of a margin may be from 100 %.
const SHARES_SLACK: f64 = 0.01;

/// A variable's margin as typed: its categories and their shares in percent, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedMargin {
    /// The variable (a column of the respondents' file).
    pub variable: String,
    /// `(category, share in percent)`.
    pub categories: Vec<(String, f64)>,
}

/// Reads a share in percent (`23`, `23,5`, `23.5 %`).
fn share(text: &str) -> Option<f64> {
    let cleaned = text.trim().trim_end_matches('%').trim().replace(',', ".");
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
}

/// What to say about a table that cannot be read at all.
fn table_problem(problem: TableError, what: &str) -> anyhow::Error {
    let said = match problem {
        TableError::NotUtf8 => "n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 »".to_owned(),
        TableError::Empty => "est vide".to_owned(),
        TableError::MissingColumn(name) => format!("n'a pas de colonne « {name} »"),
        TableError::Malformed(line) => format!("est illisible à la ligne {line}"),
    };
    anyhow::anyhow!("{what} {said}")
}

/// Reads the margins: every share a number, each variable's shares summing to 100 %, no
/// category twice.
pub fn read_margins(bytes: &[u8]) -> anyhow::Result<Vec<TypedMargin>> {
    let what = "Le fichier des marges";
    let table = Table::read(bytes).map_err(|p| table_problem(p, what))?;
    let column = |name: &str| table.column(&[name]).map_err(|p| table_problem(p, what));
    let (variable, category, share_column) =
        (column("variable")?, column("category")?, column("share")?);
    let mut margins: Vec<TypedMargin> = Vec::new();
    for (line, row) in &table.rows {
        let name = cell(row, Some(variable));
        let label = cell(row, Some(category));
        let typed = cell(row, Some(share_column));
        if name.is_empty() || label.is_empty() {
            bail!("{what}, ligne {line} : la variable et la catégorie sont obligatoires");
        }
        let Some(value) = share(typed) else {
            bail!("{what}, ligne {line} : « {typed} » n'est pas une part en pourcentage");
        };
        let index = match margins.iter().position(|m| m.variable == name) {
            Some(index) => index,
            None => {
                margins.push(TypedMargin {
                    variable: name.to_owned(),
                    categories: Vec::new(),
                });
                margins.len() - 1
            }
        };
        let margin = &mut margins[index];
        if margin.categories.iter().any(|(c, _)| c == label) {
            bail!("{what}, ligne {line} : la catégorie « {label} » de « {name} » figure deux fois");
        }
        margin.categories.push((label.to_owned(), value));
    }
    if margins.is_empty() {
        bail!("{what} ne contient aucune marge");
    }
    for margin in &margins {
        let total: f64 = margin.categories.iter().map(|(_, s)| s).sum();
        if (total - 100.0).abs() > SHARES_SLACK {
            bail!(
                "{what} : les parts de « {} » font {total:.2} % au lieu de 100 %",
                margin.variable
            );
        }
    }
    Ok(margins)
}

/// Respondents read against the margins: their ids, and for each margin each respondent's
/// category.
#[derive(Debug)]
pub struct Respondents {
    /// Ids, in file order.
    pub ids: Vec<String>,
    /// The margins ready to rake.
    pub margins: Vec<raking::Margin>,
}

/// Reads the respondents: an `id` per row, each once, and for each margin's variable a
/// category the margin names.
pub fn read_respondents(bytes: &[u8], margins: &[TypedMargin]) -> anyhow::Result<Respondents> {
    let what = "Le fichier des répondants";
    let table = Table::read(bytes).map_err(|p| table_problem(p, what))?;
    let id = table.column(&["id"]).map_err(|p| table_problem(p, what))?;
    let columns = margins
        .iter()
        .map(|m| {
            table
                .column(&[m.variable.to_lowercase().as_str()])
                .map_err(|_| {
                    anyhow::anyhow!(
                        "{what} n'a pas de colonne « {} », variable des marges (colonnes : {})",
                        m.variable,
                        table.headers.join(", ")
                    )
                })
        })
        .collect::<anyhow::Result<Vec<usize>>>()?;
    let mut ids = Vec::with_capacity(table.rows.len());
    let mut seen = std::collections::HashSet::new();
    let mut categories = vec![Vec::with_capacity(table.rows.len()); margins.len()];
    for (line, row) in &table.rows {
        let identifier = cell(row, Some(id));
        if identifier.is_empty() {
            bail!("{what}, ligne {line} : l'identifiant est vide");
        }
        if !seen.insert(identifier.to_owned()) {
            bail!("{what}, ligne {line} : l'identifiant « {identifier} » figure deux fois");
        }
        for ((margin, column), found) in margins.iter().zip(&columns).zip(&mut categories) {
            let value = cell(row, Some(*column));
            let Some(index) = margin.categories.iter().position(|(c, _)| c == value) else {
                bail!(
                    "{what}, ligne {line} : « {value} » n'est pas une catégorie de « {} » dans les marges ({})",
                    margin.variable,
                    margin
                        .categories
                        .iter()
                        .map(|(c, _)| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            };
            found.push(index);
        }
        ids.push(identifier.to_owned());
    }
    Ok(Respondents {
        ids,
        margins: categories
            .into_iter()
            .zip(margins)
            .map(|(categories, margin)| raking::Margin {
                categories,
                targets: margin.categories.iter().map(|(_, s)| *s).collect(),
            })
            .collect(),
    })
}

/// Reads trimming bounds typed as `MIN,MAX`.
pub fn read_trim(typed: &str) -> anyhow::Result<(f64, f64)> {
    let parts: Vec<f64> = typed
        .split([',', ';'])
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| anyhow::anyhow!("--trim attend deux nombres MIN,MAX, par exemple 0.3,3"))?;
    match parts[..] {
        [least, most] if (0.0..=1.0).contains(&least) && most >= 1.0 => Ok((least, most)),
        _ => {
            bail!("--trim attend MIN ≤ 1 ≤ MAX, par exemple 0.3,3 (poids relatifs au poids moyen)")
        }
    }
}

/// What raking refused, said in French with the names of the files.
pub fn refusal(error: raking::RakeError, margins: &[TypedMargin]) -> anyhow::Error {
    let name = |m: usize| margins.get(m).map_or("?", |m| m.variable.as_str());
    match error {
        raking::RakeError::NoRespondents => anyhow::anyhow!("Aucun répondant à pondérer"),
        raking::RakeError::EmptyCategory { margin, category } => anyhow::anyhow!(
            "La catégorie « {} » de « {} » n'a aucun répondant : aucune pondération ne peut l'atteindre. \
             Regroupez-la avec une catégorie voisine dans les marges, ou allez recueillir ces réponses.",
            margins[margin].categories[category].0,
            name(margin)
        ),
        raking::RakeError::BadTargets { margin } => {
            anyhow::anyhow!("Les parts de « {} » ne sont pas valables", name(margin))
        }
        other => anyhow::anyhow!("Pondération impossible : {other:?}"),
    }
}

/// A margin in the report.
#[derive(Serialize)]
struct MarginReport {
    variable: String,
    categories: Vec<CategoryReport>,
}

/// A category in the report: shares in percent.
#[derive(Serialize)]
struct CategoryReport {
    category: String,
    respondents: usize,
    target: f64,
    unweighted: f64,
    weighted: f64,
}

/// The report written beside the weights.
#[derive(Serialize)]
struct ReportFile {
    respondents: usize,
    iterations: usize,
    converged: bool,
    largest_relative_gap: f64,
    design_effect: f64,
    effective_size: f64,
    weight_min: f64,
    weight_max: f64,
    weight_ratio: f64,
    trimmed: Option<f64>,
    margins: Vec<MarginReport>,
}

/// Runs the command: reads, weights, writes, says what it did.
pub fn run(options: &WeightOptions) -> anyhow::Result<()> {
    let margins_bytes = std::fs::read(&options.margins)
        .with_context(|| format!("lecture de {}", options.margins.display()))?;
    let respondents_bytes = std::fs::read(&options.respondents)
        .with_context(|| format!("lecture de {}", options.respondents.display()))?;
    let margins = read_margins(&margins_bytes)?;
    let respondents = read_respondents(&respondents_bytes, &margins)?;
    let trim = options.trim.as_deref().map(read_trim).transpose()?;
    let started = std::time::Instant::now();
    let report = raking::rake(
        &respondents.margins,
        &raking::Options {
            trim,
            ..raking::Options::default()
        },
    )
    .map_err(|e| refusal(e, &margins))?;
    let elapsed = started.elapsed();
    std::fs::create_dir_all(&options.out)
        .with_context(|| format!("création de {}", options.out.display()))?;
    let mut weights = String::from("id,weight\n");
    for (id, weight) in respondents.ids.iter().zip(&report.weights) {
        let quoted = if id.contains([',', '"', '\n']) {
            format!("\"{}\"", id.replace('"', "\"\""))
        } else {
            id.clone()
        };
        weights.push_str(&format!("{quoted},{weight:.12}\n"));
    }
    std::fs::write(options.out.join("weights.csv"), weights)?;
    let file = ReportFile {
        respondents: respondents.ids.len(),
        iterations: report.iterations,
        converged: report.converged,
        largest_relative_gap: report.largest_gap,
        design_effect: report.design_effect,
        effective_size: report.effective_size,
        weight_min: report.min,
        weight_max: report.max,
        weight_ratio: report.ratio(),
        trimmed: report.trimmed,
        margins: margins
            .iter()
            .zip(&report.margins)
            .map(|(typed, categories)| MarginReport {
                variable: typed.variable.clone(),
                categories: typed
                    .categories
                    .iter()
                    .zip(categories)
                    .map(|((name, _), c)| CategoryReport {
                        category: name.clone(),
                        respondents: c.respondents,
                        target: c.target * 100.0,
                        unweighted: c.unweighted * 100.0,
                        weighted: c.weighted * 100.0,
                    })
                    .collect(),
            })
            .collect(),
    };
    std::fs::write(
        options.out.join("report.json"),
        serde_json::to_string_pretty(&file)?,
    )?;
    println!(
        "{} répondants pondérés sur {} marges en {} itérations ({:.0} ms) : {}. \
         Effet de plan {:.3}, taille effective {:.0}, poids de {:.3} à {:.3}{}. \
         Écrit dans {}.",
        respondents.ids.len(),
        margins.len(),
        report.iterations,
        elapsed.as_secs_f64() * 1000.0,
        if report.converged {
            "convergé"
        } else {
            "non convergé"
        },
        report.design_effect,
        report.effective_size,
        report.min,
        report.max,
        report
            .trimmed
            .map(|t| format!(", {t:.3} de poids déplacé par l'écrêtage"))
            .unwrap_or_default(),
        options.out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_must_sum_to_one_hundred_and_respondents_must_fit_them() {
        let margins =
            read_margins(b"variable;category;share\nsexe;femme;52\nsexe;homme;48\n").unwrap();
        assert_eq!(margins[0].categories.len(), 2);
        let wrong = read_margins(b"variable;category;share\nsexe;femme;52\nsexe;homme;40\n")
            .unwrap_err()
            .to_string();
        assert!(wrong.contains("font 92.00 % au lieu de 100 %"), "{wrong}");
        let twice = read_margins(b"variable;category;share\nsexe;femme;50\nsexe;femme;50\n")
            .unwrap_err()
            .to_string();
        assert!(twice.contains("figure deux fois"));
        let unknown = read_respondents(b"id;sexe\n1;femme\n2;autre\n", &margins)
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("ligne 3"), "{unknown}");
        assert!(unknown.contains("« autre » n'est pas une catégorie de « sexe »"));
        let missing = read_respondents(b"id;age\n1;30\n", &margins)
            .unwrap_err()
            .to_string();
        assert!(missing.contains("n'a pas de colonne « sexe »"), "{missing}");
        assert_eq!(read_trim("0.3,3").unwrap(), (0.3, 3.0));
        assert!(read_trim("2,3").is_err());
    }
}
