//! The two migration sets build the same schema: tables, columns with the
//! types the app reads them as, keys, unique constraints, indexes and
//! triggers. A migration added to one set only turns this test red.

use std::collections::{BTreeMap, BTreeSet};

use vern::db::Db;

use super::helpers::{Backend, TestDatabase};

/// A column: (table, column, type as the app sees it, not null, in the primary key).
type Column = (String, String, String, bool, bool);
/// An index or unique constraint: (table, name, unique, partial) → its columns.
type Index = ((String, String, bool, bool), Vec<String>);
/// A trigger: (table, event, timing).
type Trigger = (String, String, String);

#[derive(Debug, PartialEq, Eq)]
struct Schema {
    columns: BTreeSet<Column>,
    indexes: BTreeSet<Index>,
    unique_constraints: BTreeSet<(String, Vec<String>)>,
    triggers: BTreeSet<Trigger>,
}

/// How the app reads a column: integers as `i64`, texts as `String`. A
/// PostgreSQL `INTEGER` is 32 bits, unlike SQLite's, so it keeps its own
/// name, as does any other type, and shows up as a difference.
fn app_type(backend: Backend, declared: &str) -> String {
    match (backend, declared.to_ascii_lowercase().as_str()) {
        (Backend::Sqlite, "integer" | "bigint") | (Backend::Postgres, "bigint") => "i64".to_owned(),
        (_, "text") => "String".to_owned(),
        (_, other) => other.to_owned(),
    }
}

/// Index rows (one per column, in key order) grouped into indexes.
fn grouped(rows: Vec<(String, String, i64, i64, String)>) -> BTreeSet<Index> {
    let mut indexes: BTreeMap<_, Vec<String>> = BTreeMap::new();
    for (table, name, unique, partial, column) in rows {
        indexes
            .entry((table, name, unique != 0, partial != 0))
            .or_default()
            .push(column);
    }
    indexes.into_iter().collect()
}

/// Unique constraints by table and columns (their names differ by backend).
fn constraint_columns(indexes: BTreeSet<Index>) -> BTreeSet<(String, Vec<String>)> {
    indexes
        .into_iter()
        .map(|((table, ..), columns)| (table, columns))
        .collect()
}

async fn rows<T>(db: &Db, sql: &str) -> Vec<T>
where
    T: Send + Unpin + for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    sqlx::query_as(sql)
        .fetch_all(db.pool())
        .await
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
}

const SQLITE_TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'";

async fn sqlite_schema(db: &Db) -> Schema {
    let columns: Vec<(String, String, String, i64, i64)> = rows(
        db,
        &format!(
            "SELECT t.name, c.name, c.type, c.\"notnull\", c.pk
         FROM ({SQLITE_TABLES}) t JOIN pragma_table_info(t.name) c"
        ),
    )
    .await;
    let indexes = |origin: &str| {
        format!(
            "SELECT t.name, l.name, l.\"unique\", l.partial, COALESCE(i.name, '(expression)')
         FROM ({SQLITE_TABLES}) t JOIN pragma_index_list(t.name) l JOIN pragma_index_xinfo(l.name) i
         WHERE l.origin = '{origin}' AND i.key = 1 ORDER BY t.name, l.name, i.seqno"
        )
    };
    let triggers: Vec<(String, String)> = rows(
        db,
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'",
    )
    .await;
    Schema {
        columns: columns
            .into_iter()
            .map(|(table, column, declared, not_null, pk)| {
                // A SQLite key column may be declared without NOT NULL; PostgreSQL implies it.
                (
                    table,
                    column,
                    app_type(Backend::Sqlite, &declared),
                    not_null != 0 || pk != 0,
                    pk != 0,
                )
            })
            .collect(),
        indexes: grouped(rows(db, &indexes("c")).await),
        unique_constraints: constraint_columns(grouped(rows(db, &indexes("u")).await)),
        triggers: triggers
            .into_iter()
            .map(|(table, sql)| sqlite_trigger(table, &sql))
            .collect(),
    }
}

/// The timing and event of a SQLite `CREATE TRIGGER` (one event each).
fn sqlite_trigger(table: String, sql: &str) -> Trigger {
    let words: Vec<String> = sql
        .split_whitespace()
        .map(str::to_ascii_uppercase)
        .collect();
    let timing = words
        .iter()
        .position(|word| ["BEFORE", "AFTER", "INSTEAD"].contains(&word.as_str()))
        .unwrap_or_else(|| panic!("no timing in {sql}"));
    let event = if words[timing] == "INSTEAD" {
        timing + 2
    } else {
        timing + 1
    };
    let timing_name = if words[timing] == "INSTEAD" {
        "INSTEAD OF"
    } else {
        &words[timing]
    };
    (table, words[event].clone(), timing_name.to_owned())
}

const PG_INDEX_COLUMNS: &str = "
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
    WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'";

async fn postgres_schema(db: &Db) -> Schema {
    let columns: Vec<(String, String, String, i64, i64)> = rows(
        db,
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text,
                CASE WHEN c.is_nullable = 'NO' THEN 1 ELSE 0 END,
                CASE WHEN EXISTS (
                    SELECT 1 FROM pg_constraint p JOIN pg_class t ON t.oid = p.conrelid
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (p.conkey)
                    WHERE p.contype = 'p' AND t.relname = c.table_name AND a.attname = c.column_name
                ) THEN 1 ELSE 0 END
         FROM information_schema.columns c
         WHERE c.table_schema = 'public' AND c.table_name <> '_sqlx_migrations'",
    )
    .await;
    let indexes = |constraint: &str| {
        format!(
        "SELECT t.relname::text, i.relname::text, CASE WHEN x.indisunique THEN 1 ELSE 0 END,
                CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END, COALESCE(a.attname::text, '(expression)')
         {PG_INDEX_COLUMNS} AND {constraint} EXISTS (SELECT 1 FROM pg_constraint c
             WHERE c.conindid = x.indexrelid AND c.conrelid = t.oid AND c.contype IN ('p', 'u'))
           AND NOT x.indisprimary
         ORDER BY 1, 2, k.ord"
    )
    };
    let triggers: Vec<Trigger> = rows(
        db,
        "SELECT event_object_table::text, event_manipulation::text, action_timing::text
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    .await;
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
        indexes: grouped(rows(db, &indexes("NOT")).await)
            .into_iter()
            .collect(),
        unique_constraints: constraint_columns(grouped(rows(db, &indexes("")).await)),
        triggers: triggers.into_iter().collect(),
    }
}

/// Fails with what each backend has that the other lacks.
fn assert_same<T: Ord + std::fmt::Debug>(what: &str, sqlite: &BTreeSet<T>, postgres: &BTreeSet<T>) {
    let only = |left: &BTreeSet<T>, right: &BTreeSet<T>| -> Vec<String> {
        left.difference(right)
            .map(|item| format!("{item:?}"))
            .collect()
    };
    assert!(
        sqlite == postgres,
        "{what} only on SQLite: {:#?}\n{what} only on PostgreSQL: {:#?}",
        only(sqlite, postgres),
        only(postgres, sqlite)
    );
}

#[tokio::test]
async fn both_migration_sets_build_the_same_schema() {
    let Some(postgres) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let sqlite = TestDatabase::create(Backend::Sqlite).await.expect("SQLite");
    let (lite, pg) = (
        Db::connect(&sqlite.url).await.expect("SQLite"),
        Db::connect(&postgres.url).await.expect("PostgreSQL"),
    );
    lite.migrate().await.expect("migrate SQLite");
    pg.migrate().await.expect("migrate PostgreSQL");
    let (lite_schema, pg_schema) = (sqlite_schema(&lite).await, postgres_schema(&pg).await);
    pg.close().await;
    postgres.drop_now().await;

    assert!(lite_schema.columns.len() > 100, "columns were read");
    assert!(lite_schema.indexes.len() >= 10, "indexes were read");
    assert!(lite_schema.triggers.len() >= 2, "triggers were read");
    assert_same("columns", &lite_schema.columns, &pg_schema.columns);
    assert_same("indexes", &lite_schema.indexes, &pg_schema.indexes);
    assert_same(
        "unique constraints",
        &lite_schema.unique_constraints,
        &pg_schema.unique_constraints,
    );
    assert_same("triggers", &lite_schema.triggers, &pg_schema.triggers);
}
