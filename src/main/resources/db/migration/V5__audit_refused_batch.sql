-- A batch refused as a whole (no grant, an unknown pool, no reason, an invalid body) is one
-- event: how many usernames it held, and as many of them as fit (a JSON list). Hashed into the
-- chain when set (AuditRow.chainHash).
ALTER TABLE audit_event ADD COLUMN batch_size INT;
ALTER TABLE audit_event ADD COLUMN batch_usernames VARCHAR(8000);
