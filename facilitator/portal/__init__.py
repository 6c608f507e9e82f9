"""The counsellors' web portal: the young person's card behind a QR code, the counsellor's view
behind a login, and territory statistics. Flask + Jinja2, served by waitress."""
