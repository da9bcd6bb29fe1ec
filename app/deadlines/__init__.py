"""The deadline engine: rules as data (``resources/deadlines/rules.json``), a holiday calendar, the
date arithmetic, and deadlines stored as records of the ``deadlines`` register.

Areas never compute dates: they bind a rule to a field of their register with ``DeadlineBinding``
and the engine keeps the deadline records in step with every save.
"""
