"""Outsourcing contractors (委託先): selection, contracts, re-entrustment, evaluations."""
