"""WSGI entry point: ``gunicorn wsgi:app`` or ``waitress-serve wsgi:app``.

Settings come from ``RELEASESEARCH_*`` environment variables (see README).
"""

from releasesearch import create_app

app = create_app()
