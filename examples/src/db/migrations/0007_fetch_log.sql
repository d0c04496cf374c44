-- One row per fetch attempt (feed health checks).
CREATE TABLE fetch_log (
  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  fetched_at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX fetch_log_feed_time ON fetch_log (feed_id, fetched_at);
