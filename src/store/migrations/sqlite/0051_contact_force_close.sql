-- 0051_contact_force_close: force-close requests (seed 003, "Forzar cierre"): an agent asks, a
-- supervisor approves (the contact closes incomplete) or declines (it stays open). One pending
-- request per contact at a time (the partial unique index); decided requests stay, as history.
CREATE TABLE contact_force_close (
	id INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id),
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
	reason TEXT NOT NULL,
	requested_by INTEGER NOT NULL REFERENCES users (id),
	requested_ms INTEGER NOT NULL,
	decided_by INTEGER REFERENCES users (id),
	decided_ms INTEGER,
	decision_reason TEXT
);
CREATE UNIQUE INDEX contact_force_close_pending ON contact_force_close (contact_id)
	WHERE status = 'pending';
CREATE INDEX contact_force_close_contact ON contact_force_close (contact_id, id);
CREATE INDEX contact_force_close_status ON contact_force_close (status, id);
