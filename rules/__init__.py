"""Makes `rules/` the package `compliance.bundled.rules`, so the bundled law travels in the wheel.

No code lives here: the law is the YAML beside this file (see compliance/bundled/__init__.py).
"""
