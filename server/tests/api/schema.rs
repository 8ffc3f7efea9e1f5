//! The two migration sets build the same schema: tables, columns with the
//! types the app reads them as, primary keys, unique constraints, foreign
//! keys (with their ON DELETE), indexes and triggers (event, timing, level).
//! A migration added to one set only turns this test red.
//!
//! Not compared: column defaults, CHECK constraints, index sort order and
//! the text of partial-index predicates or expressions (only that an index is
//! partial, and `(expression)` for an expression column). A SQLite key column
//! that is not `INTEGER PRIMARY KEY` may hold NULL; PostgreSQL's may not.
//! Vern never writes NULL keys, so that difference is accepted.

mod postgres;
mod sqlite;

use std::collections::{BTreeMap, BTreeSet};

use vern::db::Db;

use super::helpers::{Backend, TestDatabase};

/// A column: (table, column, type as the app sees it, not null, in the primary key).
type Column = (String, String, String, bool, bool);
/// An index or unique constraint: (table, name, unique, partial) → its columns.
type Index = ((String, String, bool, bool), Vec<String>);
/// A foreign key: (table, columns, referenced table, referenced columns, on delete).
type ForeignKey = (String, Vec<String>, String, Vec<String>, String);
/// A trigger: (table, event, timing, ROW or STATEMENT).
type Trigger = (String, String, String, String);

#[derive(Debug, PartialEq, Eq)]
struct Schema {
    columns: BTreeSet<Column>,
    indexes: BTreeSet<Index>,
    unique_constraints: BTreeSet<(String, Vec<String>)>,
    foreign_keys: BTreeSet<ForeignKey>,
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

/// Foreign-key rows (one per column pair, in key order, keyed by a
/// per-table constraint name or number) grouped into keys.
fn foreign_keys(
    rows: Vec<(String, String, String, String, String, String)>,
) -> BTreeSet<ForeignKey> {
    let mut keys: BTreeMap<(String, String), ForeignKey> = BTreeMap::new();
    for (table, key, column, referenced, referenced_column, on_delete) in rows {
        let entry = keys
            .entry((table.clone(), key))
            .or_insert_with(|| (table, Vec::new(), referenced, Vec::new(), on_delete));
        entry.1.push(column);
        entry.3.push(referenced_column);
    }
    keys.into_values().collect()
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
    let (lite_schema, mut pg_schema) = (sqlite::schema(&lite).await, postgres::schema(&pg).await);
    pg.close().await;
    postgres.drop_now().await;

    assert!(lite_schema.columns.len() > 100, "columns were read");
    assert!(lite_schema.indexes.len() >= 10, "indexes were read");
    assert!(
        lite_schema.foreign_keys.len() >= 10,
        "foreign keys were read"
    );
    assert!(lite_schema.triggers.len() >= 2, "triggers were read");
    assert_same("columns", &lite_schema.columns, &pg_schema.columns);
    assert_same("indexes", &lite_schema.indexes, &pg_schema.indexes);
    assert_same(
        "unique constraints",
        &lite_schema.unique_constraints,
        &pg_schema.unique_constraints,
    );
    assert_same(
        "foreign keys",
        &lite_schema.foreign_keys,
        &pg_schema.foreign_keys,
    );
    // SQLite has no TRUNCATE; PostgreSQL needs a trigger of its own for it.
    let truncate = (
        "history".into(),
        "TRUNCATE".into(),
        "BEFORE".into(),
        "STATEMENT".into(),
    );
    assert!(
        pg_schema.triggers.remove(&truncate),
        "history refuses TRUNCATE"
    );
    assert_same("triggers", &lite_schema.triggers, &pg_schema.triggers);
}
