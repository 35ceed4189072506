-- What an attempt found out about the user, so that its row says what happened, decided from
-- Cognito's state: the status it last read (UNKNOWN when a read after a failed call failed too),
-- whether it set email_verified, and whether the outcome was settled later by the reconciler
-- for an attempt left PENDING. Hashed into the chain when set (AuditRow.chainHash).
ALTER TABLE audit_event ADD COLUMN user_status VARCHAR(32);
ALTER TABLE audit_event ADD COLUMN email_verified_set BOOLEAN;
ALTER TABLE audit_event ADD COLUMN reconciled BOOLEAN;

-- The reconciler looks for PENDING rows older than a cutoff.
CREATE INDEX audit_event_pending ON audit_event (outcome, occurred_at);
