//! Questionnaires (phase 3, module « Questionnaire »). What has landed so far: weighting
//! respondents to the territory's population margins by raking (`raking`), from the command
//! line (`concerto weight`); the builder, answering and results pages build on it.

pub mod weighting;
