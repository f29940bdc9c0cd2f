"""Retention: personal data of closed cases cleared on schedule, old outbox and audit rows expired."""
