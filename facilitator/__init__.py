"""Counsellor-side tools: catalogues, reports and workshop preparation."""
