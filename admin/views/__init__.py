"""Request handlers of the admin app, one module per page."""
