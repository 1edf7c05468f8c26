"""The web server for legal reviewers: the registry over HTTP, scans pushed from CI, pages.

``create_app(database_url, secret)`` in ``app`` builds the FastAPI application;
``weightclear serve`` runs it with uvicorn. Everything lives in the database or
in the signed cookie, so several replicas can run behind one load balancer.
"""
