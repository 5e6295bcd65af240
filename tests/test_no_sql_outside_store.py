"""SQL text lives in app/store only: the services, the command line and the windows ask the
store's queries and repositories, so a schema change is made (and tested) in one package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
# Moved into the store by another change under way; checked again once it has landed.
NOT_YET = {APP / "services" / "core" / "check.py"}
SQL = re.compile(r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b"
                 r"|\bDELETE\s+FROM\b|\bPRAGMA\s+\w+")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings: prose, not SQL."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def sql_in(source: str) -> list[str]:
    """Each piece of SQL text in a module: SQL in a string, or SQLAlchemy's text()."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            # An f-string is read whole, its {fields} as "?", so SQL split by one is still SQL.
            whole = "".join(v.value if isinstance(v, ast.Constant) else "?" for v in node.values)
            skip |= {id(v) for v in node.values}
            if SQL.search(whole):
                found.append((node.lineno, repr(whole.strip()[:60])))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in skip and SQL.search(node.value)):
            found.append((node.lineno, repr(node.value.strip()[:60])))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found += [(node.lineno, "imports text()") for a in node.names if a.name == "text"]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "text" and isinstance(node.func.value, ast.Name)
              and node.func.value.id in ("sqlalchemy", "sa")):
            found.append((node.lineno, f"calls {node.func.value.id}.text()"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def test_the_check_finds_sql_in_strings_f_strings_and_text_calls():
    caught = sql_in('from sqlalchemy import select, text\n'
                    'def f(t):\n'
                    '    """Runs SELECT x FROM y, as prose."""\n'
                    '    a = "SELECT id FROM notes"\n'
                    '    b = f"SELECT id {t} FROM {t} WHERE 1"\n'
                    '    c = "pragma foreign_keys"  # lower case is not how Cairn writes SQL\n'
                    '    return sa.text("PRAGMA integrity_check"), item.text()\n')
    assert [c.split(":")[0] for c in caught] == ["line 1", "line 4", "line 5", "line 7",
                                                 "line 7"]


def test_no_sql_text_outside_the_store():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted(APP.rglob("*.py"))
        if (APP / "store") not in path.parents and path not in NOT_YET
        and (found := sql_in(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
