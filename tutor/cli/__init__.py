"""The `tutor` command and its subcommands."""
