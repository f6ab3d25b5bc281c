"""Pipelines: the only writer of the warehouse. Never imports Dash."""
