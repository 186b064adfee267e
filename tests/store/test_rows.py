"""The named rows (store/rows.py) and the models describe the same directory tables."""

from __future__ import annotations

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.rows import COLUMNS, INSERT_ORDER, ROW_TYPES


def test_every_directory_table_has_a_row_type_with_the_models_columns() -> None:
    for table, row_type in ROW_TYPES.items():
        model_columns = {column.name for column in m.Base.metadata.tables[table].columns}
        keys = {"pk"} if table == "offer" else set()  # the store assigns an offer's key
        assert set(row_type._fields) == model_columns - keys, table  # type: ignore[attr-defined]
        assert COLUMNS[table] == row_type._fields  # type: ignore[attr-defined]


def test_insert_order_puts_every_table_after_those_it_refers_to() -> None:
    position = {table: index for index, table in enumerate(INSERT_ORDER)}
    for table in INSERT_ORDER:
        for key in m.Base.metadata.tables[table].foreign_keys:
            referred = key.column.table.name
            if referred in position and referred != table:
                assert position[referred] < position[table], (table, referred)
