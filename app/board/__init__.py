"""The board (理事会) privacy report: a frozen snapshot of sections, rendered to PDF and Excel."""
