//! Reads the schema of a migrated SQLite database.

use vern::db::Db;

use super::{Backend, Schema, Trigger, app_type, constraint_columns, foreign_keys, grouped, rows};

const TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'";

pub(super) async fn schema(db: &Db) -> Schema {
    let columns: Vec<(String, String, String, i64, i64)> = rows(
        db,
        &format!(
            "SELECT t.name, c.name, c.type, c.\"notnull\", c.pk
             FROM ({TABLES}) t JOIN pragma_table_info(t.name) c"
        ),
    )
    .await;
    let indexes = |origin: &str| {
        format!(
            "SELECT t.name, l.name, l.\"unique\", l.partial, COALESCE(i.name, '(expression)')
             FROM ({TABLES}) t JOIN pragma_index_list(t.name) l JOIN pragma_index_xinfo(l.name) i
             WHERE l.origin = '{origin}' AND i.key = 1 ORDER BY t.name, l.name, i.seqno"
        )
    };
    let keys = format!(
        "SELECT t.name, CAST(f.id AS TEXT), f.\"from\", f.\"table\", COALESCE(f.\"to\", '(primary key)'),
                f.on_delete
         FROM ({TABLES}) t JOIN pragma_foreign_key_list(t.name) f ORDER BY t.name, f.id, f.seq"
    );
    let triggers: Vec<(String, String)> = rows(
        db,
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'",
    )
    .await;
    Schema {
        columns: columns
            .into_iter()
            .map(|(table, column, declared, not_null, pk)| {
                // A key column may be declared without NOT NULL (see the module doc).
                let not_null = not_null != 0 || pk != 0;
                (
                    table,
                    column,
                    app_type(Backend::Sqlite, &declared),
                    not_null,
                    pk != 0,
                )
            })
            .collect(),
        indexes: grouped(rows(db, &indexes("c")).await),
        unique_constraints: constraint_columns(grouped(rows(db, &indexes("u")).await)),
        foreign_keys: foreign_keys(rows(db, &keys).await),
        triggers: triggers
            .into_iter()
            .map(|(table, sql)| trigger(table, &sql))
            .collect(),
    }
}

/// The event and timing of a `CREATE TRIGGER` (SQLite triggers have one
/// event each and always run for each row).
fn trigger(table: String, sql: &str) -> Trigger {
    let words: Vec<String> = sql
        .split_whitespace()
        .map(str::to_ascii_uppercase)
        .collect();
    let timing = words
        .iter()
        .position(|word| ["BEFORE", "AFTER", "INSTEAD"].contains(&word.as_str()))
        .unwrap_or_else(|| panic!("no timing in {sql}"));
    let (timing_name, event) = if words[timing] == "INSTEAD" {
        ("INSTEAD OF".to_owned(), timing + 2)
    } else {
        (words[timing].clone(), timing + 1)
    };
    (table, words[event].clone(), timing_name, "ROW".to_owned())
}
