"""Server-rendered pages for reviewers: dashboard, products, review queue, sign-off, audit, licences."""
