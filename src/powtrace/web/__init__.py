"""The web application: server-rendered pages for case workers and the JSON API under /api."""
