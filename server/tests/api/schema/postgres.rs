//! Reads the schema of a migrated PostgreSQL database.

use vern::db::Db;

use super::{Backend, Schema, Trigger, app_type, constraint_columns, foreign_keys, grouped, rows};

const INDEX_COLUMNS: &str = "
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
    WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'";

const COLUMNS: &str = "
    SELECT c.table_name::text, c.column_name::text, c.data_type::text,
           CASE WHEN c.is_nullable = 'NO' THEN 1 ELSE 0 END,
           CASE WHEN EXISTS (
               SELECT 1 FROM pg_constraint p JOIN pg_class t ON t.oid = p.conrelid
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (p.conkey)
               WHERE p.contype = 'p' AND t.relname = c.table_name AND a.attname = c.column_name
           ) THEN 1 ELSE 0 END
    FROM information_schema.columns c
    WHERE c.table_schema = 'public' AND c.table_name <> '_sqlx_migrations'";

/// Foreign keys, with ON DELETE named as SQLite names it.
const FOREIGN_KEYS: &str = "
    SELECT t.relname::text, c.conname::text, a.attname::text, r.relname::text, ra.attname::text,
           CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_class r ON r.oid = c.confrelid
    CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, refcol, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.col
    JOIN pg_attribute ra ON ra.attrelid = r.oid AND ra.attnum = k.refcol
    WHERE n.nspname = 'public' AND c.contype = 'f' ORDER BY 1, 2, k.ord";

/// Every trigger written by a migration (TRUNCATE ones included, which
/// `information_schema.triggers` leaves out), as its `tgtype` bits.
const TRIGGERS: &str = "
    SELECT c.relname::text, t.tgtype::bigint FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal";

pub(super) async fn schema(db: &Db) -> Schema {
    let columns: Vec<(String, String, String, i64, i64)> = rows(db, COLUMNS).await;
    let indexes = |constraint: &str| {
        format!(
            "SELECT t.relname::text, i.relname::text, CASE WHEN x.indisunique THEN 1 ELSE 0 END,
                    CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END, COALESCE(a.attname::text, '(expression)')
             {INDEX_COLUMNS} AND {constraint} EXISTS (SELECT 1 FROM pg_constraint c
                 WHERE c.conindid = x.indexrelid AND c.conrelid = t.oid AND c.contype IN ('p', 'u'))
               AND NOT x.indisprimary
             ORDER BY 1, 2, k.ord"
        )
    };
    let triggers: Vec<(String, i64)> = rows(db, TRIGGERS).await;
    Schema {
        columns: columns
            .into_iter()
            .map(|(table, column, declared, not_null, pk)| {
                (
                    table,
                    column,
                    app_type(Backend::Postgres, &declared),
                    not_null != 0,
                    pk != 0,
                )
            })
            .collect(),
        indexes: grouped(rows(db, &indexes("NOT")).await),
        unique_constraints: constraint_columns(grouped(rows(db, &indexes("")).await)),
        foreign_keys: foreign_keys(rows(db, FOREIGN_KEYS).await),
        triggers: triggers
            .into_iter()
            .flat_map(|(table, bits)| events(&table, bits))
            .collect(),
    }
}

/// One trigger per event it fires on, from `pg_trigger.tgtype`: bit 0 row
/// level, bit 1 before, bit 6 instead of, bits 2–5 insert, delete, update,
/// truncate.
fn events(table: &str, bits: i64) -> Vec<Trigger> {
    let level = if bits & 1 != 0 { "ROW" } else { "STATEMENT" };
    let timing = match (bits & 2 != 0, bits & 64 != 0) {
        (_, true) => "INSTEAD OF",
        (true, false) => "BEFORE",
        (false, false) => "AFTER",
    };
    [
        (4, "INSERT"),
        (8, "DELETE"),
        (16, "UPDATE"),
        (32, "TRUNCATE"),
    ]
    .into_iter()
    .filter(|(bit, _)| bits & bit != 0)
    .map(|(_, event)| {
        (
            table.to_owned(),
            event.to_owned(),
            timing.to_owned(),
            level.to_owned(),
        )
    })
    .collect()
}
