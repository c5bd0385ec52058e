//! One module per route.

pub mod about;
pub mod department;
pub mod home;
pub mod map;
pub mod my_signups;
pub mod not_found;
pub mod on_demand;
pub mod programme;
pub mod service;
pub mod services;
pub mod signup;
pub mod tak_list;

/// Rows rendered at first; "show more" adds as many again. Keeps the first paint fast on long lists.
pub const PAGE_SIZE: usize = 50;
