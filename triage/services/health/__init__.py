"""How the process is doing: the health check behind /healthz (check) and the gauges read
when /metrics is scraped (scrape)."""
