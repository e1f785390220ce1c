-- 0012_profile_name_index: name search on a GIN index instead of one row per key. Each profile's
-- terms are one tsvector: its folded name words and, marked with '_', their Spanish sound keys
-- (domain/name_key.c), taken as they are (array_to_tsvector: no parser, no stemming). GIN
-- intersects the words' sorted posting lists, so "maria gonzalez" costs the two lists, not a
-- walk of every María checking for González.
CREATE TABLE profile_name_terms (
	profile_id BIGINT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
	terms TSVECTOR NOT NULL
);
-- every indexed word once: a typed start of four or more characters becomes the few words it
-- can finish as (an OR of exact terms keeps GIN's fast scan; a prefix term would first gather
-- the lists of every word it matches: "gonz" every González)
CREATE TABLE profile_name_words (word TEXT COLLATE "C" PRIMARY KEY);

-- the keys 0010 kept ('w:<word>', 'p:<sound key>') become the same terms
INSERT INTO profile_name_terms (profile_id, terms)
SELECT profile_id, array_to_tsvector(array_agg(CASE WHEN left(key, 2) = 'w:' THEN substr(key, 3)
						   ELSE '_' || substr(key, 3) END))
FROM profile_name_keys GROUP BY profile_id;
INSERT INTO profile_name_words (word)
SELECT DISTINCT substr(key, 3) FROM profile_name_keys WHERE left(key, 2) = 'w:';
DROP TABLE profile_name_keys;
CREATE INDEX profile_name_terms_gin ON profile_name_terms USING GIN (terms);
