"""Qt-free search: German-aware FTS5 index, query building, filters, ranking, suggestions."""
