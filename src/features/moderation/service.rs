//! What other features ask of moderation: a report recorded, content hidden or restored, an
//! author told what happened to their need.

pub use crate::features::moderation::digests::tell_author;
pub use crate::features::moderation::notices::Kind;
pub use crate::features::moderation::store::{Target, report, set_visibility};
