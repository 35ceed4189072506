-- Who the attempt acted on, as Cognito knows them: target_username becomes the canonical
-- username once Cognito has answered (the identifier as given until then), target_sub the
-- user's immutable sub, target_identifier what the caller typed (an alias, the sub or the
-- username). job_id ties a confirmation job's items and actions to their job. Hashed into
-- the chain when set (AuditRow.chainHash), so that links written before them still verify.
ALTER TABLE audit_event ADD COLUMN target_sub VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN target_identifier VARCHAR(256);
ALTER TABLE audit_event ADD COLUMN job_id UUID;

-- GET /audit-events?username= finds an event by any of the three names of its user.
CREATE INDEX audit_event_by_sub ON audit_event (target_sub, occurred_at DESC, id DESC);
CREATE INDEX audit_event_by_identifier ON audit_event (target_identifier, occurred_at DESC, id DESC);
CREATE INDEX audit_event_by_job ON audit_event (job_id, occurred_at DESC, id DESC);
