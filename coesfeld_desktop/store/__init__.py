"""Qt-free local store: SQLAlchemy models, migrations, loading and reading the directory."""
