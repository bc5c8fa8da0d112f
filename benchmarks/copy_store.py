"""Copy a corpus store table by table into another backend (e.g. SQLite → PostgreSQL).

    python benchmarks/copy_store.py SOURCE_DB postgresql://user@host/db

For load tests against PostgreSQL on the same corpus as a SQLite run, without analysing
again: the rows are copied as they are (ids included), in dependency order, in chunks; the
target is created by the migrations (its full-text columns fill themselves), its id
sequences are moved past the copied ids, and its statistics are refreshed. The target must
be empty.
"""

from __future__ import annotations

import argparse
import sys

import sqlalchemy as sa

from sourcier.store import open_store, schema

CHUNK = 2000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("target")
    args = parser.parse_args()
    tables = schema.metadata.sorted_tables  # every table of the schema, each after those it refers to
    with open_store(args.source, create=False) as source, open_store(args.target) as target:
        if target.count():
            raise SystemExit(f"{args.target} is not empty")
        with source.engine.connect() as read, target.engine.begin() as write:
            for table in tables:
                rows = read.execution_options(stream_results=True).execute(sa.select(table))
                copied = 0
                while chunk := rows.fetchmany(CHUNK):
                    write.execute(table.insert(), [dict(r._mapping) for r in chunk])
                    copied += len(chunk)
                print(f"{table.name}: {copied} rows", file=sys.stderr)
            if target.dialect == "postgresql":
                for table in tables:
                    if "id" in table.c and table.c.id.autoincrement is True:
                        write.exec_driver_sql(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)")
        if target.dialect == "postgresql":
            with target.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        else:
            target.refresh_statistics()
    return 0


if __name__ == "__main__":
    sys.exit(main())
