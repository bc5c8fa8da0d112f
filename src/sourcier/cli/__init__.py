"""Command-line interface (``sourcier``)."""
