"""File › Import from a spreadsheet: the wizard (``wizard``) renders the steps of
``app.importing.flow.ImportFlow`` (``pages``, drawn with the widgets in ``parts``)."""
