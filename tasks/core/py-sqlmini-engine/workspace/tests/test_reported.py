"""Checks for the reported problems (see SPEC.md for the full contract)."""

import sqlmini

CUSTOMERS = "id,name\n1,Ada\n2,Brian\n3,Chloe\n"
ORDERS = "id,customer_id,amount\n100,1,-7\n101,3,12\n102,1,30\n"
TABLES = {"customers": CUSTOMERS, "orders": ORDERS}


def test_integer_division_truncates_toward_zero():
    _cols, rows = sqlmini.run("SELECT -7 / 2, -7 % 2, 7 / -2, 7 % -2")
    assert rows == [(-3, -1, -3, 1)]


def test_customers_without_orders():
    cols, rows = sqlmini.run(
        "SELECT c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.id IS NULL", TABLES
    )
    assert cols == ["name"]
    assert rows == [("Brian",)]


def test_join_result():
    _cols, rows = sqlmini.run(
        "SELECT c.name, o.amount / 2 AS half FROM customers c JOIN orders o "
        "ON o.customer_id = c.id ORDER BY o.id",
        TABLES,
    )
    assert rows == [("Ada", -3), ("Chloe", 6), ("Ada", 15)]
