"""The web: pages, the JSON API, /healthz, /metrics, calendar, Atom and exports, served by
`monitor serve` or beside the daemon by `monitor run` (see monitor.web.app.create_app)."""
