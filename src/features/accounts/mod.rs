//! Accounts: signing up, in and out, confirming and changing an address, resetting and changing a
//! password, the account page with its optional profile, the personal-data download and deleting
//! the account.

pub mod account_pages;
pub mod pages;
pub mod personal_data;
pub mod profiles;
pub mod roles;
pub mod rules;
pub mod service;
pub mod users;
