#ifndef CSQLITE_OPTIONS_H
#define CSQLITE_OPTIONS_H

/// Swift cannot call SQLite's variadic `sqlite3_db_config`; this calls it for Convene.
///
/// Turns on the query planner stability guarantee (SQLITE_DBCONFIG_ENABLE_QPSG) for one
/// connection: a statement's plan no longer depends on the values bound to it, so a kept
/// prepared statement is not compiled again whenever a bound value changes. Returns SQLite's
/// result code.
int convene_sqlite_enable_stable_plans(void *db);

#endif
