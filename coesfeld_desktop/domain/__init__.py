"""Qt-free domain knowledge: towns, vocabularies, offer records, text folding."""
