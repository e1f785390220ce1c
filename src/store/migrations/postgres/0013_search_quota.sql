-- 0013_search_quota: how fast each account may search the people directory, so that nobody can
-- script the search box to copy it. One row per account: the "theoretical arrival time" of the
-- generic cell rate algorithm (GCRA): each search moves it one interval (a minute / the cap)
-- past max(it, now); a search that would take it more than a minute ahead is refused. Kept in
-- the database, as sign-in throttling is, so every instance behind a load balancer counts alike.
CREATE TABLE search_quota (
	user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	tat_ms BIGINT NOT NULL
);
