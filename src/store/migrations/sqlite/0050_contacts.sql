-- 0050_contacts: contacts (Contactos, seed 003): one interaction (call, chat, SMS, e-mail, walk-in)
-- of a profile, its service needs, tags and referrals, and the organisation's lines, tag list and
-- options (choices, closing requirements, force-close policy: one JSON value, versioned).
-- Force-close requests will be a table of their own (contact_force_close) pointing at contacts;
-- nothing here needs to change for them.
CREATE TABLE contact_settings (
	id INTEGER PRIMARY KEY CHECK (id = 1), -- one row; none until an admin saves (defaults in C)
	options TEXT NOT NULL,
	updated_by INTEGER REFERENCES users (id),
	updated_ms INTEGER NOT NULL,
	version INTEGER NOT NULL
);

CREATE TABLE contact_lines (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	phone TEXT UNIQUE,               -- E.164; NULL for lines without a number (chat)
	channel TEXT NOT NULL CHECK (channel IN ('voice', 'sms', 'chat', 'email', 'walk_in')),
	active INTEGER NOT NULL DEFAULT 1,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL
);

CREATE TABLE contact_tags_list (
	id INTEGER PRIMARY KEY,
	label_es TEXT NOT NULL,
	label_en TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL
);

CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	profile_id INTEGER REFERENCES profiles (id),
	case_id INTEGER REFERENCES cases (id),
	agent_user_id INTEGER NOT NULL REFERENCES users (id),
	channel TEXT NOT NULL CHECK (channel IN ('voice', 'sms', 'chat', 'email', 'walk_in')),
	direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
	source_line_id INTEGER REFERENCES contact_lines (id),
	call_id TEXT UNIQUE,             -- the phone system's id of the call (screen pop), else NULL
	caller_number TEXT,              -- E.164 as the phone system gave it
	status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'incomplete')),
	started_ms INTEGER NOT NULL,
	ended_ms INTEGER,
	closed_ms INTEGER,
	closed_by INTEGER REFERENCES users (id),
	service_provided TEXT,           -- a code of the organisation's list
	caller_served TEXT,              -- a code of the organisation's list
	primary_term_id TEXT,            -- the agent's own primary mark, over the derived one
	notes TEXT NOT NULL DEFAULT '',
	notes_version INTEGER NOT NULL DEFAULT 1, -- autosaves have their own version (see docs)
	notes_updated_ms INTEGER,
	notes_updated_by INTEGER REFERENCES users (id),
	created_by INTEGER REFERENCES users (id),
	updated_by INTEGER REFERENCES users (id),
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_started ON contacts (started_ms, id);
CREATE INDEX contacts_agent ON contacts (agent_user_id, status, id);
CREATE INDEX contacts_profile ON contacts (profile_id, id);
CREATE INDEX contacts_status ON contacts (status, id);
CREATE INDEX contacts_line ON contacts (source_line_id, id);

CREATE TABLE contact_tags (
	contact_id INTEGER NOT NULL REFERENCES contacts (id),
	tag_id INTEGER NOT NULL REFERENCES contact_tags_list (id),
	PRIMARY KEY (contact_id, tag_id)
);
CREATE INDEX contact_tags_tag ON contact_tags (tag_id, contact_id);

-- a referral is never deleted: removing it stamps who, when and why
CREATE TABLE contact_referrals (
	id INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id),
	service_id TEXT NOT NULL,        -- HSDS ids: no foreign key, the directory may drop the row later
	service_at_location_id TEXT,
	term_id TEXT,
	created_ms INTEGER NOT NULL,
	created_by INTEGER REFERENCES users (id),
	removed_ms INTEGER,
	removed_by INTEGER REFERENCES users (id),
	removed_reason TEXT
);
CREATE INDEX contact_referrals_contact ON contact_referrals (contact_id, id);

-- the needs as derived (src/domain/contacts/contact_rules.c): rewritten whole on every change
CREATE TABLE contact_needs (
	contact_id INTEGER NOT NULL REFERENCES contacts (id),
	term_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	is_primary INTEGER NOT NULL DEFAULT 0,
	origin TEXT NOT NULL CHECK (origin IN ('referral', 'manual')),
	referral_id INTEGER REFERENCES contact_referrals (id),
	PRIMARY KEY (contact_id, term_id)
);
CREATE INDEX contact_needs_term ON contact_needs (term_id, contact_id);
