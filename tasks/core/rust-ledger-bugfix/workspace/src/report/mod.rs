//! The reports. Each returns its whole output as a string ending in a newline.

pub mod accounts;
pub mod balance;
pub mod check;
pub mod print;
pub mod register;
