"""Assurance (JIS Q 15001 A.3.7–A.3.8): audits, findings, corrective actions and their effectiveness."""
