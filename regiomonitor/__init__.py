"""Regiomonitor: follow regional labour-market covenants against their targets."""
