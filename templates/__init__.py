"""Jinja2 templates of reportdiff (installed as a package so they ship in the wheel)."""
