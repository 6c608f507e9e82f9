"""Verifiable credentials: JSON-LD contexts served locally, Ed25519 keys and ``did:key``, the
issuing organisation's identity, ``eddsa-rdfc-2022`` Data Integrity proofs, Bitstring Status
Lists (revocation) and the verification a third party runs.

Kept apart from ``summaries.badges`` (which says *what* a badge claims) so that the hub can plug
its own keys in (``issuers.KeyStore``) without touching how badges are built.
"""
