"""Subcommands of ``angebotslotse``: one module each, registered in ``cli.COMMAND_MODULES``."""
