-- 0045_search_entry_terms: each index entry lists its service's taxonomy
-- terms, ancestors included (" id id ... "), so that a category filter is
-- checked in the entry itself instead of a look-up in search_term for each
-- candidate (store_search.c). The index is derived data: emptied here, it
-- is rebuilt by the first start after this migration.
DELETE FROM search_top;
DELETE FROM search_entry;
DELETE FROM search_term;
DELETE FROM search_phone;
DELETE FROM search_area;
ALTER TABLE search_entry ADD COLUMN terms TEXT;
