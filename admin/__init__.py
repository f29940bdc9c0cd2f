"""The staff web view (aiohttp + aiohttp-jinja2); it calls `triage.services`, never the tables."""
