-- 0011_cases: why a person reached out, worked over time (Casos). Numbers are CAS-YYYY-NNNNNN,
-- drawn from one counter row per year: the upsert on it serialises concurrent creators.
CREATE TABLE case_counters (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
);

CREATE TABLE cases (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	profile_id INTEGER NOT NULL REFERENCES profiles (id),
	subject TEXT NOT NULL,
	description TEXT,
	status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'waiting', 'closed')),
	priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	category TEXT,
	assigned_user_id INTEGER REFERENCES users (id),
	opened_ms INTEGER NOT NULL,
	closed_ms INTEGER,
	created_by INTEGER REFERENCES users (id),
	updated_by INTEGER REFERENCES users (id),
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_profile ON cases (profile_id, id);
CREATE INDEX cases_assigned ON cases (assigned_user_id, status, id);
CREATE INDEX cases_status ON cases (status, id);
