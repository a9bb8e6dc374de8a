//! The `pqrs` binary.

fn main() -> std::process::ExitCode {
    pqrs_api::cli::main()
}
