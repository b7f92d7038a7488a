//! Every parser that reads a file or a form field from outside, fed random and mutated inputs
//! (proptest): it never panics, and ends in a result or in a message that says something; and
//! it takes time linear in its input (a sixteen times larger input never costs more than
//! sixty-four times as much). The files' rows that handlers read themselves are fed through
//! the router in `uploads.rs`.

use std::time::{Duration, Instant};

use concerto::features::observatory::census;
use concerto::features::opinions::cli as polis;
use concerto::features::questionnaires::weighting;
use concerto::features::syntheses::analyze;
use concerto::features::{bourse, budget, events, needs, processes, questionnaires, solutions};
use concerto::platform::i18n::{Lang, Tr};
use concerto::platform::markdown;
use concerto::platform::tables::Table;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Bytes that make parsers stumble: separators, quotes, line ends, a byte-order mark, the
/// start of a multi-byte character, JSON and Markdown punctuation, digits and signs.
const TRICKY: &[&[u8]] = &[
    b";",
    b",",
    b"\"",
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    "\u{feff}".as_bytes(),
    b"\xc3",
    b"\xff",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"<",
    b">",
    b"*",
    b"_",
    b"`",
    b"#",
    b"\\",
    b"0",
    b"9",
    b"-",
    b".",
    b"e",
    b"1e308",
    b"NaN",
    b" ",
    "é".as_bytes(),
    b"\0",
];

/// One change to a sample file; positions are taken modulo its length.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let tricky = prop::sample::select(TRICKY).prop_map(<[u8]>::to_vec);
    let bytes = prop::collection::vec(any::<u8>(), 1..8);
    prop_oneof![
        (any::<usize>(), prop_oneof![tricky, bytes]).prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 1..40usize, 2..20usize).prop_map(|(at, n, k)| Edit::Repeat(at, n, k)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(sample: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = sample.to_vec();
    for edit in edits {
        let at = |i: usize| {
            if bytes.is_empty() {
                0
            } else {
                i % (bytes.len() + 1)
            }
        };
        match edit {
            Edit::Insert(i, b) => {
                let i = at(*i);
                bytes.splice(i..i, b.iter().copied());
            }
            Edit::Replace(i, b) if !bytes.is_empty() => {
                let i = *i % bytes.len();
                bytes[i] = *b;
            }
            Edit::Replace(..) => {}
            Edit::Delete(i, n) => {
                let i = at(*i);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Edit::Repeat(i, n, k) => {
                let i = at(*i);
                let end = (i + n).min(bytes.len());
                let part = bytes[i..end].to_vec();
                for _ in 1..*k {
                    bytes.splice(end..end, part.iter().copied());
                }
            }
            Edit::Truncate(i) => {
                let i = at(*i);
                bytes.truncate(i);
            }
        }
    }
    bytes
}

/// Random bytes, or (more often) the sample with a few edits.
pub fn inputs(sample: impl Into<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let sample: Vec<u8> = sample.into();
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..300),
        4 => prop::collection::vec(edit(), 1..6).prop_map(move |edits| apply(&sample, &edits)),
    ]
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    })
}

/// `parse` ends, on every input drawn from `sample`, in a result or in a message that is not
/// empty.
fn always_answers(sample: &'static str, parse: impl Fn(&[u8]) -> Result<(), String>) {
    runner()
        .run(&inputs(sample), |bytes| {
            if let Err(message) = parse(&bytes) {
                prop_assert!(!message.trim().is_empty(), "an empty message");
            }
            Ok(())
        })
        .unwrap();
}

fn fr() -> Tr {
    Tr::new(Lang::Fr)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The best of three timings of `parse` on `input`.
fn timed(input: &[u8], parse: &impl Fn(&[u8])) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            parse(input);
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// `parse` takes linear time: on `head` then `body` sixteen times more repeated, at most
/// sixty-four times as long (a quadratic parser takes 256 times), plus a little for noise.
fn linear(name: &str, head: &str, body: &str, times: usize, parse: impl Fn(&[u8])) {
    let build = |n: usize| format!("{head}{}", body.repeat(n)).into_bytes();
    let (small, large) = (build(times), build(times * 16));
    let (short, long) = (timed(&small, &parse), timed(&large, &parse));
    assert!(
        long <= short * 64 + Duration::from_millis(60),
        "{name}: {} bytes in {short:?}, {} bytes in {long:?}",
        small.len(),
        large.len()
    );
}

const NEEDS_CSV: &str = "titre;description;thème;commune;soutiens\n\
    Un banc à l'ombre;Près de l'école, pour attendre;Mobilité;25388;3\n\
    \"Plus de bus; le soir\";\"Après 20 h, \"\"rien\"\"\";Transports;90010;\n";

#[test]
fn tables_answer_any_file() {
    always_answers(NEEDS_CSV, |b| {
        Table::read_with(b, &["titre"])
            .map(|_| ())
            .map_err(|e| e.message(fr()))
    });
    linear(
        "tables",
        "titre;description;commune\n",
        "Un banc;\"Près de l'école; \"\"ombre\"\"\";25388\n",
        2_000,
        |b| drop(Table::read(b)),
    );
    // Thousands of columns, or one huge quoted cell.
    linear("columns", "", "colonne;", 2_000, |b| drop(Table::read(b)));
    linear("cell", "titre\n\"", "a\"\"b;\n", 2_000, |b| {
        drop(Table::read(b))
    });
}

const CENSUS: &str = "IRIS;COM;TYP_IRIS;P16_POP;P16_POP0014;C16_POP15P_CS3\n\
    253880101;25388;H;2000;300,5;120\n253880102;25388;H;1500;;80\n900100000;90010;Z;800;100;40\n";

#[test]
fn census_tables_answer_any_file() {
    for year in [None, Some(2023)] {
        always_answers(CENSUS, |b| match census::read(b, year) {
            Ok(file) => {
                let silent = file
                    .refused
                    .iter()
                    .any(|(_, _, p)| p.message(fr()).is_empty());
                if silent { Err(String::new()) } else { Ok(()) }
            }
            Err(problem) => Err(problem.message(fr())),
        });
    }
    linear(
        "census",
        "IRIS;COM;TYP_IRIS;P16_POP;P16_POP0014\n",
        "253880101;25388;H;2000;300\n",
        2_000,
        |b| drop(census::read(b, None)),
    );
}

const GEOJSON: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"25388","nom":"Montbéliard","niveau":"commune"},"geometry":{"type":"Polygon","coordinates":[[[6.78,47.5],[6.81,47.5],[6.81,47.52],[6.78,47.5]]]}},{"type":"Feature","properties":{"code":"90010"},"geometry":{"type":"MultiPolygon","coordinates":[[[[6.8,47.6],[6.9,47.6],[6.9,47.7],[6.8,47.6]]]]}}]}"#;

#[test]
fn geojson_answers_any_file() {
    always_answers(GEOJSON, |b| {
        geokit::geojson::read_features(&text(b))
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    always_answers(
        r#"{"type":"Polygon","coordinates":[[[6.78,47.5],[6.81,47.5],[6.81,47.52],[6.78,47.5]]]}"#,
        |b| geokit::geojson::parse_geometry(&text(b)).map(|_| ()),
    );
    let ring = "[6.78,47.5],".repeat(40);
    linear(
        "geojson",
        r#"{"type":"FeatureCollection","features":["#,
        &format!(
            r#"{{"type":"Feature","properties":{{"code":"25388"}},"geometry":{{"type":"Polygon","coordinates":[[{ring}[6.81,47.5],[6.81,47.52],[6.78,47.5]]]}}}},"#
        ),
        300,
        |b| drop(geokit::geojson::read_features(&text(b))),
    );
}

const VOTES: &str = "timestamp,datetime,comment-id,voter-id,vote\n\
    1600000000,Sun Sep 13 2020,0,1,1\n1600000001,Sun Sep 13 2020,1,1,-1\n1600000002,x,0,2,0\n";
const STATEMENTS: &str = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n\
    1600000000,x,0,1,3,1,1,\"Plus de pistes cyclables, \"\"vraiment\"\"\"\n1600000001,x,1,2,0,0,-1,Non\n";

#[test]
fn polis_exports_answer_any_file() {
    always_answers(VOTES, |b| {
        polis::read_votes(b).map(|_| ()).map_err(|e| e.to_string())
    });
    always_answers(STATEMENTS, |b| {
        polis::read_statements(b)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    linear(
        "polis votes",
        "timestamp,datetime,comment-id,voter-id,vote\n",
        "1600000000,x,3,17,-1\n",
        2_000,
        |b| drop(polis::read_votes(b)),
    );
}

const MARGINS: &str = "variable;category;share\nsexe;F;52\nsexe;H;48\nage;18-29;20\nage;30+;80\n";
const RESPONDENTS: &str = "id;sexe;age\n1;F;18-29\n2;H;30+\n3;F;30+\n";

#[test]
fn weighting_files_answer_any_file() {
    let margins = weighting::read_margins(MARGINS.as_bytes()).unwrap();
    always_answers(MARGINS, |b| {
        weighting::read_margins(b)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    always_answers(RESPONDENTS, |b| {
        weighting::read_respondents(b, &margins)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    always_answers("0.3,3", |b| {
        weighting::read_trim(&text(b))
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    linear("respondents", "id;sexe;age\n", "17;F;30+\n", 2_000, |b| {
        drop(weighting::read_respondents(b, &margins))
    });
}

const ANSWERS: &str = "id;Texte;thème\n1;Plus de bus le soir;Mobilité\n2;\"Un banc; à l'ombre\";\n";

#[test]
fn analysis_tables_answer_any_file() {
    always_answers(ANSWERS, |b| {
        analyze::read_table(b, "texte", Some("thème"))
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    linear(
        "analysis",
        "id;texte\n",
        "1;Plus de bus le soir\n",
        2_000,
        |b| drop(analyze::read_table(b, "texte", None)),
    );
}

const MARKDOWN: &str = "# Titre\n\nDu *gras*, un [lien](https://exemple.fr) et \
    <script>alert(1)</script> [piège](javascript:alert(1)) ![image](https://ailleurs.fr/x.png)\n\n\
    | a | b |\n|---|---|\n| 1 | 2 |\n\n> citation\n- liste\n";

#[test]
fn markdown_is_safe_whatever_is_written() {
    runner()
        .run(&inputs(MARKDOWN), |bytes| {
            let html = markdown::to_safe_html(&text(&bytes)).to_ascii_lowercase();
            for forbidden in [
                "<script",
                "<img",
                "<iframe",
                "href=\"javascript:",
                " onerror=",
            ] {
                prop_assert!(!html.contains(forbidden), "{forbidden} in {html}");
            }
            Ok(())
        })
        .unwrap();
    for (name, body) in [
        (
            "paragraphs",
            "Du *gras* et un [lien](https://exemple.fr).\n\n",
        ),
        ("brackets", "[a]("),
        ("emphasis", "*a _b "),
        ("quotes", "> "),
        ("backticks", "`a` ``"),
        ("list", "- "),
    ] {
        linear(name, "", body, 1_000, |b| {
            drop(markdown::to_safe_html(&text(b)))
        });
    }
}

#[test]
fn form_fields_answer_anything_typed() {
    let fields = "12,5 ; 47.51 ; 6.79 ; 2026-03-14T18:30 ; #1a2b3c ; 15 % ; 1 200 € ; 3 h ; \
        https://www.decidim.org/processes/1/f/2/proposals/345 ; 2021-03-14 18:30:00 UTC";
    runner()
        .run(&inputs(fields), |bytes| {
            let typed = text(&bytes);
            let halves = typed.split_once(';').unwrap_or((&typed, ""));
            let _ = budget::rules::parse_value(&typed);
            let _ = solutions::rules::parse_progress(&typed);
            let _ = solutions::rules::need_references(&typed);
            let _ = bourse::rules::parse_quantity(&typed);
            let _ = events::rules::head_count(&typed);
            let _ = events::rules::parse_local_time(&typed);
            let _ = needs::rules::imported_supports(&typed);
            let _ = needs::rules::parse_point(halves.0, halves.1);
            let _ = needs::rules::need_reference(&typed);
            let _ = needs::decidim::decidim_time(&typed);
            let _ = processes::rules::parse_colour(&typed);
            let _ = questionnaires::rules::parse_number(&typed);
            let _ = concerto::features::resources::rules::parse_range(halves.0, halves.1, 100);
            let (terms, _) = needs::rules::search_terms(&typed);
            prop_assert!(terms.len() <= needs::rules::MAX_SEARCH_TERMS);
            if let Some(number) = questionnaires::rules::parse_number(&typed) {
                prop_assert!(number.is_finite());
            }
            if let Some([lat, lon]) = needs::rules::parse_point(halves.0, halves.1) {
                prop_assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
            }
            Ok(())
        })
        .unwrap();
    linear("search", "", "logement social étudiants ", 1_000, |b| {
        drop(needs::rules::search_terms(&text(b)))
    });
}
