"""Test support for pack authors: hypothesis strategies (``ondermijning.testing.strategies``).

Imported only by tests; nothing here runs when the library is used.
"""
