-- 0040_search: the resource search index, rebuilt from the HSDS tables by
-- store_search_reindex (store_search_index.c). One entry per service at a
-- location (or per service without one); FTS5 with the "faro" tokenizer
-- (folding, Spanish and English stems) over name, taxonomy, organization, body.

CREATE TABLE search_entry (
	id INTEGER PRIMARY KEY,
	service_id TEXT NOT NULL,
	location_id TEXT,
	sal_id TEXT,
	organization_id TEXT NOT NULL,
	name TEXT NOT NULL,
	organization TEXT NOT NULL,
	description TEXT,
	address TEXT,
	postal_code TEXT,
	country TEXT,
	latitude REAL,
	longitude REAL,
	tz TEXT,
	hours TEXT,
	phones TEXT,
	top_terms TEXT,
	name_fold TEXT NOT NULL
);
CREATE INDEX search_entry_service ON search_entry (service_id);
CREATE INDEX search_entry_geo ON search_entry (latitude, longitude);
CREATE INDEX search_entry_name ON search_entry (name_fold, id);

CREATE VIRTUAL TABLE search_fts USING fts5(name, taxonomy, organization, body, tokenize = 'faro');

-- a service's taxonomy terms and every ancestor of them, so a category finds its children
CREATE TABLE search_term (
	term_id TEXT NOT NULL,
	service_id TEXT NOT NULL,
	PRIMARY KEY (term_id, service_id)
);

-- every phone that reaches an entry (its own, its service's, location's, organization's)
CREATE TABLE search_phone (
	tail TEXT NOT NULL,
	digits TEXT NOT NULL,
	entry_id INTEGER NOT NULL
);
CREATE INDEX search_phone_tail ON search_phone (tail);

-- what a service serves: "p:<postal code>" and "n:<folded area name>"
CREATE TABLE search_area (
	key TEXT NOT NULL,
	service_id TEXT NOT NULL,
	label TEXT NOT NULL,
	PRIMARY KEY (key, service_id)
);
CREATE INDEX search_area_service ON search_area (service_id);
