-- The SourceIdentity (the caller's subject mapped into STS's characters) that CloudTrail shows
-- on the Cognito calls of an attempt, for pools whose calls are signed with such a session.
-- Hashed into the chain by name and value when set (AuditRow.chainHash), so that older links
-- still verify.
ALTER TABLE audit_event ADD COLUMN actor_source_identity VARCHAR(64);
