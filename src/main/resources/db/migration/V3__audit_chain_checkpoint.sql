-- The last link a verification of the hash chain found intact, and that link's hash: the next
-- verification starts from it (after checking the link still has that hash) instead of
-- re-hashing the whole chain. One row, locked by the verification that runs, so that at most
-- one runs at a time across every instance of the service.
-- Portable between PostgreSQL (production) and H2 (local run).
CREATE TABLE audit_chain_checkpoint (
    id            INT                      NOT NULL PRIMARY KEY,
    verified_seq  BIGINT                   NOT NULL,
    verified_hash CHAR(64)                 NOT NULL,
    verified_at   TIMESTAMP WITH TIME ZONE
);

-- Link 0 is the chain's genesis, so the first verification starts from the beginning.
INSERT INTO audit_chain_checkpoint (id, verified_seq, verified_hash, verified_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);
