//! The `concerto` binary: parses the command line and runs the chosen subcommand.

use clap::Parser;

/// mimalloc rather than the system allocator: pages are built from many short-lived strings on
/// several threads, where glibc's allocator spends a measurable share of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let cli = concerto::cli::Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(8)
        .build()?;
    runtime.block_on(concerto::cli::run(cli))
}
