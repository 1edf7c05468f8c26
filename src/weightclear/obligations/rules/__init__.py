"""One module per obligation; each module's docstring is its documentation page."""
