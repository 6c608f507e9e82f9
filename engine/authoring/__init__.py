"""Tools for scenario authors: starting a new scenario from a commented template."""
