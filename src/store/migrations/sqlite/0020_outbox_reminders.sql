-- 0020_outbox_reminders: outgoing email through an outbox, and reminders the scheduler fires exactly once.

-- one row per message; the sender claims a row (status sending, claimed_until_ms) before talking SMTP
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	to_addr TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_ms INTEGER NOT NULL,
	claimed_until_ms INTEGER,
	last_error TEXT,
	ref_type TEXT,
	ref_id INTEGER,
	created_ms INTEGER NOT NULL,
	sent_ms INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_ms);

-- one reminder per planned call or open task; fired_ms set once, atomically, by whichever scheduler claims it
CREATE TABLE reminders (
	id INTEGER PRIMARY KEY,
	owner_type TEXT NOT NULL CHECK (owner_type IN ('call', 'task')),
	owner_id INTEGER NOT NULL,
	user_id INTEGER NOT NULL REFERENCES users (id),
	title TEXT NOT NULL,
	at_ms INTEGER NOT NULL,
	due_ms INTEGER NOT NULL,
	fired_ms INTEGER,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (owner_type, owner_id)
);
CREATE INDEX reminders_due ON reminders (due_ms) WHERE fired_ms IS NULL;
CREATE INDEX reminders_user ON reminders (user_id, fired_ms);
