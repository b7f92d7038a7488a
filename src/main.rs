//! The `concerto` binary: parses the command line and runs the chosen subcommand.

use clap::Parser;

fn main() -> anyhow::Result<()> {
    let cli = concerto::cli::Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(8)
        .build()?;
    runtime.block_on(concerto::cli::run(cli))
}
