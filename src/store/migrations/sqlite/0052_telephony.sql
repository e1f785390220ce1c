-- 0052_telephony: the phone systems that send signed events (integrations, each with its secret),
-- the extension -> user map, the signatures seen lately (replays are refused), each call's contact
-- (one per call id) and every event received, kept whatever became of it.
CREATE TABLE telephony_integrations (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	secret TEXT NOT NULL,            -- hex, the HMAC key; never answered after creation
	active INTEGER NOT NULL DEFAULT 1,
	created_by INTEGER REFERENCES users (id),
	created_ms INTEGER NOT NULL,
	retired_by INTEGER REFERENCES users (id),
	retired_ms INTEGER
);

CREATE TABLE telephony_extensions (
	extension TEXT PRIMARY KEY,      -- digits
	user_id INTEGER NOT NULL REFERENCES users (id),
	updated_by INTEGER REFERENCES users (id),
	updated_ms INTEGER NOT NULL
);
CREATE INDEX telephony_extensions_user ON telephony_extensions (user_id);

-- accepted signatures for 10 minutes: the same signed request twice is a replay
CREATE TABLE telephony_replay (
	integration_id INTEGER NOT NULL,
	signature TEXT NOT NULL,
	seen_ms INTEGER NOT NULL,
	PRIMARY KEY (integration_id, signature)
);
CREATE INDEX telephony_replay_seen ON telephony_replay (seen_ms);

-- one row per call of an integration: the row lock serialises a call's events
CREATE TABLE telephony_calls (
	integration_id INTEGER NOT NULL REFERENCES telephony_integrations (id),
	call_id TEXT NOT NULL,
	contact_id INTEGER,              -- the contact opened for the call (contacts area), or NULL
	agent_user_id INTEGER REFERENCES users (id),
	duration_s INTEGER,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	PRIMARY KEY (integration_id, call_id)
);

CREATE TABLE telephony_events (
	id INTEGER PRIMARY KEY,
	integration_id INTEGER NOT NULL REFERENCES telephony_integrations (id),
	event_key TEXT NOT NULL UNIQUE,  -- src/domain/telephony: the same event twice does nothing twice
	type TEXT NOT NULL CHECK (type IN ('ringing', 'answered', 'ended', 'missed', 'transferred')),
	call_id TEXT NOT NULL,
	from_number TEXT,
	to_number TEXT,
	agent TEXT,
	to_agent TEXT,
	channel TEXT NOT NULL CHECK (channel IN ('voice', 'sms', 'chat')),
	duration_s INTEGER,
	status TEXT NOT NULL CHECK (status IN ('done', 'missed', 'unassigned')),
	reason TEXT,                     -- why supervisors see it: missed, unknown_agent, unknown_line
	agent_user_id INTEGER REFERENCES users (id),
	contact_id INTEGER,
	result TEXT NOT NULL,            -- the answer given, given again to a repeat
	received_ms INTEGER NOT NULL,
	handled_by INTEGER REFERENCES users (id),
	handled_ms INTEGER
);
CREATE INDEX telephony_events_attention ON telephony_events (reason, id);
