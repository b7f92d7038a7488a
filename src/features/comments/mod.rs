//! Comments, with one level of replies, on whatever a process shows for discussion: a need or
//! a solution. One table and one thread on both pages; reports and moderation go to the
//! process's queue as for the rest. The pages that show a thread post to it and check their
//! own subject; this feature knows comments only.

pub mod service;
pub mod store;
