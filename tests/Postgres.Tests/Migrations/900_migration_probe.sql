-- A migration of another assembly than the runtime's, to prove the migrator applies those too.
CREATE TABLE migration_probe (id integer PRIMARY KEY);
