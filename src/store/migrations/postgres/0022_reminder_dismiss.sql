-- 0022_reminder_dismiss: a fired reminder stays pending for its agent (shown again at sign-in) until dismissed or snoozed.
ALTER TABLE reminders ADD COLUMN dismissed_ms BIGINT;
CREATE INDEX reminders_pending ON reminders (user_id, fired_ms) WHERE dismissed_ms IS NULL;
