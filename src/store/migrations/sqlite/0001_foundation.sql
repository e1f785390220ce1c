-- 0001_foundation: organisation settings, users, sessions, login throttling, audit chain, live events.
CREATE TABLE org_settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	updated_ms INTEGER NOT NULL
);

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL,
	username_fold TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	email TEXT,
	role TEXT NOT NULL CHECK (role IN ('agent', 'coordinator', 'supervisor', 'admin')),
	language TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
	password_hash TEXT NOT NULL,
	must_change_password INTEGER NOT NULL DEFAULT 0,
	password_expires_ms INTEGER,
	disabled INTEGER NOT NULL DEFAULT 0,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_role ON users (role, disabled);

CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users (id),
	csrf_token TEXT NOT NULL,
	created_ms INTEGER NOT NULL,
	last_seen_ms INTEGER NOT NULL,
	expires_ms INTEGER NOT NULL,
	revoked_ms INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id, revoked_ms);

CREATE TABLE login_attempts (
	id INTEGER PRIMARY KEY,
	username_fold TEXT NOT NULL,
	ip TEXT NOT NULL,
	ts_ms INTEGER NOT NULL,
	ok INTEGER NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts (username_fold, ts_ms);
CREATE INDEX login_attempts_ip ON login_attempts (ip, ts_ms);

CREATE TABLE audit (
	seq INTEGER PRIMARY KEY,
	ts_ms INTEGER NOT NULL,
	actor_user_id INTEGER,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id TEXT NOT NULL,
	detail TEXT NOT NULL,
	request_id TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_object ON audit (object_type, object_id, seq);

-- one row: the head of the chain; updating it serialises writers of the chain
CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	seq INTEGER NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are append-only');
END;

-- live events carry ids only; subscribers refetch through authorised GETs
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	ts_ms INTEGER NOT NULL,
	type TEXT NOT NULL,
	target_user_id INTEGER,
	target_role TEXT,
	target_session_id INTEGER,
	ref_type TEXT,
	ref_id TEXT
);
CREATE INDEX events_ts ON events (ts_ms);

CREATE TABLE announcements (
	id INTEGER PRIMARY KEY,
	author_user_id INTEGER NOT NULL REFERENCES users (id),
	text TEXT NOT NULL,
	created_ms INTEGER NOT NULL
);
