"""Woo-publicaties: what is no longer secret is published, and Woo requests for what still is
are answered (DOMAIN C11, C12)."""
