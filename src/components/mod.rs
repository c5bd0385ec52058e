//! Pieces used by several pages.

pub mod cards;
pub mod contact;
pub mod filters;
pub mod gate;
pub mod hours;
pub mod icons;
pub mod near_me;
pub mod qr;
pub mod shell;
pub mod text;
pub mod update_banner;
