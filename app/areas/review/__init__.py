"""Review and documents: legal register, document register, operation checks, management review."""
