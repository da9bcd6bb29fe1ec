"""Sharing and disposal: provision records, joint use, foreign transfers, processed data."""
