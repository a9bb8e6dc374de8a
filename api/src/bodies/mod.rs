//! Bodies and checks shared by the HTTP routes and the CLI, so neither borrows from the other:
//! the CLI prints the same answer the API sends.

pub mod calendar;
