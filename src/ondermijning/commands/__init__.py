"""One module per command: ``add_parser(subparsers)`` and ``run(args) -> exit code``.

The parser imports only these small modules; each ``run`` imports what it needs, so
``ondermijning --version`` and ``--help`` stay fast.
"""

#: the commands, in the order ``--help`` lists them
COMMANDS = ("packs", "validate", "ids", "assess", "show", "dilemma", "guide", "new_pack", "schema", "diff",
            "explore", "plan", "export", "import_", "register", "serve")
