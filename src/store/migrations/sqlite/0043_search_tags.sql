-- 0043_search_tags: each index entry carries filter tags (its service's
-- taxonomy terms and its place's map cells, search_tags.h), so that keywords
-- with a category or a radius intersect inside the text index. The index is
-- derived data: emptied here, it is rebuilt from the directory by the first
-- start after this migration (main.c, search_reindex_if_empty).
DELETE FROM search_entry;
DELETE FROM search_term;
DELETE FROM search_phone;
DELETE FROM search_area;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(name, taxonomy, organization, body, tags, tokenize = 'faro');
