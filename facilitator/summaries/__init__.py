"""What a player takes home: skills evidence from the event log, real jobs, the skills card
(PNG and printable PDF with a QR code) and Open Badges 3.0 credentials.

Stages, one module each: ``evidence`` (events → skills and levels), ``jobs`` (skills → ROME
jobs), ``model`` (the card's plain data), ``card`` (drawing), ``badges`` (OB 3.0 JSON), ``cli``
(the ``declic summary`` command, the only place that reads the database).
"""
