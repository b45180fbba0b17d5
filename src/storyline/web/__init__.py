"""The web UI: server-rendered pages (escaped), our own CSS/JS, no CDN."""
