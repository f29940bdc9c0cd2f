"""Packaged rules files (TOML data only); read them with `triage.domain.rules.loading`."""
