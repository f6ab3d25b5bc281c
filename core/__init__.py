"""The ground floor: settings, the text catalogue, formats and the domain vocabulary.

Every other floor may import it; it imports nothing of ours (pyproject.toml's import-linter
contracts hold it to that). docs/architecture.md says what belongs here.
"""
