-- 0053_telephony_extension_map: the extension map's version, so that two admins saving the map
-- from the same reading cannot both win (the map is replaced whole).
CREATE TABLE telephony_extension_map (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	version BIGINT NOT NULL,
	updated_by BIGINT REFERENCES users (id),
	updated_ms BIGINT NOT NULL
);
INSERT INTO telephony_extension_map (id, version, updated_ms) VALUES (1, 1, 0);
