"""The backend: pure domain rules, use cases, storage, rules files and catalogues."""
