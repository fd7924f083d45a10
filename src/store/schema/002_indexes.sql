-- 002_indexes.sql - indexes for the common queries (case list per
-- förbund newest first, case history, follow-up, login throttling).

CREATE INDEX party_forbund ON party (forbund_id, kind, name);
CREATE INDEX app_user_forbund ON app_user (forbund_id, name);
CREATE INDEX session_last_seen ON session (last_seen);
CREATE INDEX login_failure_key ON login_failure (key, at);
CREATE INDEX api_token_user ON api_token (user_id);
CREATE INDEX need_forbund ON need (forbund_id);
CREATE INDEX arende_forbund_updated ON arende (forbund_id, updated_at);
CREATE INDEX arende_updated ON arende (updated_at);
CREATE INDEX arende_party_party ON arende_party (party_id, deltar);
CREATE INDEX audit_entity ON audit (entity, entity_id, id);
CREATE INDEX meeting_forbund ON meeting (forbund_id, date);
CREATE INDEX agenda_item_case ON agenda_item (case_id);
