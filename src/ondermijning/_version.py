"""The single place the library's version is written (read by the build backend too)."""

__version__ = "0.1.0"
