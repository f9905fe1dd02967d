"""Thin views: parse, call a selector or service, render."""
