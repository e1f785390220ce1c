# people_load.sh: sourced by the benchmarks that load generated profiles (area_people.sh,
# area_contacts.sh): the objects people_gen/people_bench link against, and the SQL that loads
# bench/people_gen.c's files ($data/*.tsv, $N profiles) into the tables and the name index.

# people_objs: the layers below api/, with their area folders (obj/<layer>/<area>/*.o), into objs[]
people_objs() {
	mapfile -t objs < <(find "$build/obj/core" "$build/obj/domain" "$build/obj/store" -name '*.o' | sort)
	objs+=("$build/obj/gen/embedded.o")
}

# load_sql ENGINE: the SQL (sqlite3 or psql script) that loads the generated files
load_sql() {
	if [ "$1" = sqlite ]; then
		cat <<SQL
PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;
CREATE TEMP TABLE tp (id INTEGER, d TEXT, f TEXT, l TEXT, a TEXT, nf TEXT);
CREATE TEMP TABLE tt (id INTEGER, terms TEXT);
CREATE TEMP TABLE th (pid INTEGER, pos INTEGER, e164 TEXT, raw TEXT, type TEXT);
.mode tabs
.import $data/profiles.tsv tp
.import $data/terms.tsv tt
.import $data/phones.tsv th
BEGIN;
INSERT INTO profiles (id, display_name, first_name, last_name, anonymous, name_fold, created_ms, updated_ms, version)
SELECT id, d, f, l, 0, nf, 0, 0, 1 FROM tp;
INSERT INTO profile_phones (profile_id, position, e164, raw, type) SELECT pid, pos, e164, raw, type FROM th;
INSERT INTO profile_name_fts (rowid, terms) SELECT id, terms FROM tt;
CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, profile_name_fts, 'row');
INSERT INTO profile_name_words (word) SELECT term FROM temp.v WHERE substr(term, 1, 1) <> '_';
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
	else
		cat <<SQL
SET synchronous_commit = off; SET maintenance_work_mem = '256MB';
BEGIN;
CREATE TEMP TABLE tp (id BIGINT, d TEXT, f TEXT, l TEXT, a TEXT, nf TEXT);
CREATE TEMP TABLE tt (id BIGINT, terms TEXT);
\\copy tp FROM '$data/profiles.tsv'
\\copy tt FROM '$data/terms.tsv'
INSERT INTO profiles (id, display_name, first_name, last_name, anonymous, name_fold, created_ms, updated_ms, version)
SELECT id, d, f, l, 0, nf, 0, 0, 1 FROM tp;
\\copy profile_phones (profile_id, position, e164, raw, type) FROM '$data/phones.tsv'
DROP INDEX profile_name_terms_gin;
INSERT INTO profile_name_terms (profile_id, terms) SELECT id, array_to_tsvector(string_to_array(terms, ' ')) FROM tt;
CREATE INDEX profile_name_terms_gin ON profile_name_terms USING GIN (terms);
INSERT INTO profile_name_words (word) SELECT DISTINCT w FROM (SELECT unnest(string_to_array(terms, ' ')) AS w FROM tt) x
WHERE left(w, 1) <> '_';
COMMIT;
SELECT setval(pg_get_serial_sequence('profiles', 'id'), $N);
VACUUM ANALYZE;
SQL
	fi
}
