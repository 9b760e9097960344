//! kommo-events: a terminal explorer for Kommo CRM event types and a composer for
//! `GET /api/v4/events` filters.
//!
//! Data flows one way: [`catalog`] (data) → [`search`] and [`filter`] (domain, no terminal code)
//! → [`tui`] (state, update, render). [`cli`] runs the screen or the scriptable commands, which
//! share the same domain.

pub mod account;
pub mod api;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod events;
pub mod files;
pub mod filter;
pub mod i18n;
mod parallel;
pub mod search;
pub mod state;
pub mod text;
pub mod tui;
pub mod worker;
