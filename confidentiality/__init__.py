"""Geheimhouding: the secrecy register of a municipality (DOMAIN C1–C10)."""
