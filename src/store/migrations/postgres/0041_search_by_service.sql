-- 0041_search_by_service: a directory edit reindexes only the services it
-- touches (store_search_reindex_services): their index rows are found by
-- service and by entry, and new entries take ids from search_seq, whose one
-- row also serializes writers of the index (PostgreSQL runs edits at READ
-- COMMITTED; SQLite has one writer anyway).

CREATE INDEX search_phone_entry ON search_phone (entry_id);
CREATE INDEX search_term_service ON search_term (service_id);

CREATE TABLE search_seq (
	id INTEGER PRIMARY KEY,
	last_id BIGINT NOT NULL
);
INSERT INTO search_seq (id, last_id) VALUES (1, 0);
