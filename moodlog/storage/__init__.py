"""The journal file: SQLite, its schema and migrations, and the queries on it."""
