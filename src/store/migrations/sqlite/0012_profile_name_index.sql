-- 0012_profile_name_index: name search on a full-text index instead of one row per key.
-- Each profile is one document, rowid = profile id: its folded name words and, marked with '_',
-- their Spanish sound keys (domain/name_key.c). FTS5 intersects the words' sorted id lists, so
-- "maria gonzalez" costs the two lists, not a walk of every María checking for González.
-- detail=none: only which profiles hold a term (no positions or columns are asked for);
-- prefix indexes of 1-3 characters make the short starts typed in a search box one list each.
CREATE VIRTUAL TABLE profile_name_fts USING fts5(
	terms, detail = none, columnsize = 0, prefix = '1 2 3', tokenize = "ascii tokenchars '_'"
);
-- every indexed word once: a typed start of four or more characters becomes the few words it
-- can finish as (an OR of exact terms keeps the lazy intersection; a prefix term would first
-- gather the lists of every word it matches: "gonz" every González)
CREATE TABLE profile_name_words (word TEXT PRIMARY KEY) WITHOUT ROWID;

-- the keys 0010 kept ('w:<word>', 'p:<sound key>') become the same terms
INSERT INTO profile_name_fts (rowid, terms)
SELECT profile_id, group_concat(CASE WHEN substr(key, 1, 2) = 'w:' THEN substr(key, 3)
				     ELSE '_' || substr(key, 3) END, ' ')
FROM profile_name_keys GROUP BY profile_id;
INSERT INTO profile_name_words (word)
SELECT DISTINCT substr(key, 3) FROM profile_name_keys WHERE substr(key, 1, 2) = 'w:';
DROP TABLE profile_name_keys;
