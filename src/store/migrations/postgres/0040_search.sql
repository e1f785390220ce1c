-- 0040_search: the resource search index, rebuilt from the HSDS tables by
-- store_search_reindex (store_search_index.c). One entry per service at a
-- location (or per service without one); a weighted tsvector over name (A),
-- taxonomy (B), organization (C) and the rest (D), each in Spanish and
-- English (Snowball stems after unaccent) and unstemmed (prefix matching).

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION faro_es (COPY = pg_catalog.spanish);
ALTER TEXT SEARCH CONFIGURATION faro_es
	ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
CREATE TEXT SEARCH CONFIGURATION faro_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION faro_en
	ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION faro_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION faro_simple
	ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE TABLE search_entry (
	id BIGINT PRIMARY KEY,
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
	latitude DOUBLE PRECISION,
	longitude DOUBLE PRECISION,
	tz TEXT,
	hours TEXT,
	phones TEXT,
	top_terms TEXT,
	name_fold TEXT NOT NULL,
	fts TSVECTOR NOT NULL
);
CREATE INDEX search_entry_service ON search_entry (service_id);
CREATE INDEX search_entry_geo ON search_entry (latitude, longitude);
CREATE INDEX search_entry_name ON search_entry (name_fold, id);
CREATE INDEX search_entry_fts ON search_entry USING GIN (fts);

CREATE TABLE search_term (
	term_id TEXT NOT NULL,
	service_id TEXT NOT NULL,
	PRIMARY KEY (term_id, service_id)
);

CREATE TABLE search_phone (
	tail TEXT NOT NULL,
	digits TEXT NOT NULL,
	entry_id BIGINT NOT NULL
);
CREATE INDEX search_phone_tail ON search_phone (tail);

CREATE TABLE search_area (
	key TEXT NOT NULL,
	service_id TEXT NOT NULL,
	label TEXT NOT NULL,
	PRIMARY KEY (key, service_id)
);
CREATE INDEX search_area_service ON search_area (service_id);
