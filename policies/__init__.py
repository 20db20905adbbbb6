"""Makes `policies/` the package `compliance.bundled.policies`, so the bundled policies travel in the wheel.

No code lives here: the policies are the YAML beside this file (see compliance/bundled/__init__.py).
"""
