"""Infrastructure: settings, database, migrations, auth, roles and audit log."""
