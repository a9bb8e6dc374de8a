//! The pqrs server, built inside the tests package so end-to-end tests can run it as a real
//! process (same code as the `pqrs` binary: `pqrs_api::cli::main`).

fn main() -> std::process::ExitCode {
    pqrs_api::cli::main()
}
