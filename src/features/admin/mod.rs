//! Administration: who holds which role (granting and revoking), the outbox of mail kept when no
//! SMTP server is configured, and the audit log.

pub mod pages;
