-- 0010_profiles: the people who reach the line (Perfiles): names, phones, emails, the full form's
-- details, and the keys name search uses. Lists of records (support network, flags, demographics)
-- are JSON text the API validates; phones and emails get their own rows because they are searched.
CREATE TABLE profiles (
	id INTEGER PRIMARY KEY,
	display_name TEXT NOT NULL,      -- alias, else first and last name, else '' (anonymous)
	first_name TEXT,
	last_name TEXT,
	alias TEXT,
	anonymous INTEGER NOT NULL DEFAULT 0,
	name_fold TEXT NOT NULL,         -- every name folded (lowercase, no accents), for ranking
	address TEXT,
	postal_code TEXT,
	language TEXT,
	birth_date TEXT,                 -- YYYY-MM-DD, or NULL when only an age range is known
	age_range TEXT,
	gender TEXT,
	demographics TEXT NOT NULL DEFAULT '{}',
	health_history TEXT,
	support_network TEXT NOT NULL DEFAULT '[]',
	flags TEXT NOT NULL DEFAULT '[]',
	notes TEXT,
	created_by INTEGER REFERENCES users (id),
	updated_by INTEGER REFERENCES users (id),
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX profiles_updated ON profiles (updated_ms, id);

CREATE TABLE profile_phones (
	id INTEGER PRIMARY KEY,
	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	e164 TEXT NOT NULL,              -- normalised with the organisation's default country
	raw TEXT NOT NULL,               -- what the agent typed, for display
	type TEXT NOT NULL CHECK (type IN ('mobile', 'home', 'work', 'other'))
);
CREATE INDEX profile_phones_e164 ON profile_phones (e164, profile_id);
CREATE INDEX profile_phones_profile ON profile_phones (profile_id, position);

CREATE TABLE profile_emails (
	id INTEGER PRIMARY KEY,
	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	email TEXT NOT NULL,
	email_fold TEXT NOT NULL         -- lowercase, for search
);
CREATE INDEX profile_emails_fold ON profile_emails (email_fold, profile_id);
CREATE INDEX profile_emails_profile ON profile_emails (profile_id, position);

-- name search: 'w:<word>' for each folded name word (prefix search), 'p:<key>' its Spanish sound key
CREATE TABLE profile_name_keys (
	key TEXT NOT NULL,
	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	PRIMARY KEY (key, profile_id)
) WITHOUT ROWID;
CREATE INDEX profile_name_keys_profile ON profile_name_keys (profile_id, key);
