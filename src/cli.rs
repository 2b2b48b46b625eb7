//! What the command-line subcommands share.

/// Parses one subcommand's arguments as the binary would: the first item is the command's name.
/// For tests and scripts; the binary parses all of them at once with clap.
///
/// ```
/// let args: bmd_atlas::analysis::cli::AnalyzeArgs =
///     bmd_atlas::cli::parse_args(["analyze", "--json"]).unwrap();
/// assert!(args.json);
/// ```
pub fn parse_args<A, I, T>(args: I) -> Result<A, clap::Error>
where
    A: clap::Args + clap::FromArgMatches,
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut matches =
        A::augment_args(clap::Command::new("bmd-atlas")).try_get_matches_from(args)?;
    A::from_arg_matches_mut(&mut matches)
}
