"""Built-in plugins. They are registered through the same path as external ones and can be
disabled by name (``--disable-plugin core``)."""
