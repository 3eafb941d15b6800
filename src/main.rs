//! The `tigang` binary: parses arguments and hands over to the library.

use std::io::Write;

use clap::Parser;

fn main() {
    let cli = tigang::cli::Cli::parse();
    match tigang::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // A closed pipe (`tigang list | head`) is not an error worth a message.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                std::process::exit(0);
            }
            // Paths and ids in the message may hold anything a file name can.
            let message = format!("{e:#}");
            let message = tigang::text::escape::escape_text(&message, false);
            // Not eprintln: a closed stderr must not turn an error into a panic.
            let _ = writeln!(std::io::stderr(), "tigang: {message}");
            std::process::exit(tigang::cli::EXIT_ERROR);
        }
    }
}
