-- 0021_calls_tasks: calls (Llamadas) and tasks (Tareas) of seed 000, with the Activar Ruta request a task may carry.

CREATE TABLE calls (
	id INTEGER PRIMARY KEY,
	subject TEXT NOT NULL,
	direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
	status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'not_held')),
	start_ms INTEGER NOT NULL,
	duration_min INTEGER NOT NULL DEFAULT 0,
	case_id INTEGER REFERENCES cases (id),
	profile_id INTEGER REFERENCES profiles (id),
	assigned_user_id INTEGER NOT NULL REFERENCES users (id),
	reminder_minutes INTEGER,
	notes TEXT,
	created_by INTEGER NOT NULL REFERENCES users (id),
	updated_by INTEGER NOT NULL REFERENCES users (id),
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX calls_profile ON calls (profile_id, start_ms);
CREATE INDEX calls_case ON calls (case_id, start_ms);
CREATE INDEX calls_assigned ON calls (assigned_user_id, status, start_ms);

CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	subject TEXT NOT NULL,
	description TEXT,
	due_ms INTEGER,
	status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'completed', 'deferred')),
	priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	case_id INTEGER REFERENCES cases (id),
	profile_id INTEGER REFERENCES profiles (id),
	assigned_user_id INTEGER NOT NULL REFERENCES users (id),
	reminder_minutes INTEGER,
	completed_ms INTEGER,
	-- Activar Ruta: NULL route_type means the task asks for no care route
	route_type TEXT,
	route_state TEXT CHECK (route_state IN ('requested', 'acknowledged', 'completed')),
	route_requested_ms INTEGER,
	route_acknowledged_ms INTEGER,
	route_acknowledged_by INTEGER REFERENCES users (id),
	route_completed_ms INTEGER,
	route_completed_by INTEGER REFERENCES users (id),
	created_by INTEGER NOT NULL REFERENCES users (id),
	updated_by INTEGER NOT NULL REFERENCES users (id),
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tasks_profile ON tasks (profile_id, due_ms);
CREATE INDEX tasks_case ON tasks (case_id, due_ms);
CREATE INDEX tasks_assigned ON tasks (assigned_user_id, status, due_ms);
CREATE INDEX tasks_route ON tasks (route_state, route_requested_ms) WHERE route_type IS NOT NULL;
