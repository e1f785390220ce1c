-- 0044_search_top (PostgreSQL only): the words of each index entry's name,
-- taxonomy and organization, and its filter tags, in a narrow table of
-- their own. A keyword search takes its candidates here first, a bounded
-- number, instead of ranking every entry whose description also holds the
-- word (store_search.c), and ranks them on these few words; the columns a
-- candidate is ranked and counted by come along (no look-up of each entry,
-- 3 ms of 9 for a common word). SQLite ranks
-- inside FTS5 and needs no such table. The index is derived data: emptied
-- here, it is rebuilt by the first start after this migration.
--
-- A GIN index's list of pending entries ("fast update"), up to 4 MB, is
-- read by every search until merged (9 ms of a 10 ms query at 165,000
-- entries): the search indexes are merged at the end of each reindex
-- (store_search_index.c), which keeps a rebuild's bulk merge; profile names
-- are written one at a time, so their index takes each write at once.
DELETE FROM search_entry;
DELETE FROM search_term;
DELETE FROM search_phone;
DELETE FROM search_area;
CREATE TABLE search_top (
	id BIGINT PRIMARY KEY,
	service_id TEXT NOT NULL,
	latitude DOUBLE PRECISION,
	longitude DOUBLE PRECISION,
	tz TEXT,
	hours TEXT,
	top_terms TEXT,
	name_fold TEXT NOT NULL,
	tsv TSVECTOR NOT NULL
);
CREATE INDEX search_top_tsv ON search_top USING GIN (tsv);
-- every word of the index (it may keep a word no entry holds any more),
-- in byte order so that a start is a range:
-- a typed start is asked as the few words it finishes as (store_search.c)
CREATE TABLE search_word (word TEXT COLLATE "C" PRIMARY KEY);
ALTER INDEX profile_name_terms_gin SET (fastupdate = off);
SELECT gin_clean_pending_list('profile_name_terms_gin'::regclass);
