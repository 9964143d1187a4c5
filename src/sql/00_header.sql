-- u16: the U16-monitor Asiel & Integratie inside PostgreSQL.
-- This file is generated from src/sql/NN_*.sql; edit those, not this.
\echo Use "CREATE EXTENSION u16" to load this file. \quit
