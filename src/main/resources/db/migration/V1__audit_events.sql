-- One row per attempted operation. A row is inserted PENDING before Cognito is called and
-- completed afterwards; completing it links it into a hash chain (chain_seq, prev_hash, hash)
-- so that an edited or deleted completed row is detected by the verification.
-- Portable between PostgreSQL (production) and H2 (local run).
CREATE TABLE audit_event (
    id                   UUID                     NOT NULL PRIMARY KEY,
    occurred_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at         TIMESTAMP WITH TIME ZONE,
    action               VARCHAR(32)              NOT NULL,
    outcome              VARCHAR(32)              NOT NULL,
    error_code           VARCHAR(64),
    actor_subject        VARCHAR(255)             NOT NULL,
    actor_issuer         VARCHAR(1024),
    actor_client_id      VARCHAR(255),
    actor_roles          VARCHAR(4000)            NOT NULL,
    target_user_pool_id  VARCHAR(64)              NOT NULL,
    target_username      VARCHAR(256),
    target_app_client_id VARCHAR(128),
    reason               VARCHAR(1000),
    client_metadata_keys VARCHAR(8000)            NOT NULL,
    correlation_id       VARCHAR(64)              NOT NULL,
    cognito_request_id   VARCHAR(128),
    source_ip            VARCHAR(64),
    user_agent           VARCHAR(512),
    duration_ms          BIGINT,
    chain_seq            BIGINT                   UNIQUE,
    prev_hash            CHAR(64),
    hash                 CHAR(64)
);

-- The newest link of the chain, and the last link removed by the retention purge (the
-- verification starts from it). One row; locking it serializes chain appends.
CREATE TABLE audit_chain_head (
    id                  INT      NOT NULL PRIMARY KEY,
    last_seq            BIGINT   NOT NULL,
    last_hash           CHAR(64) NOT NULL,
    purged_through_seq  BIGINT   NOT NULL,
    purged_through_hash CHAR(64) NOT NULL
);

INSERT INTO audit_chain_head (id, last_seq, last_hash, purged_through_seq, purged_through_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0,
        '0000000000000000000000000000000000000000000000000000000000000000');

-- Newest first, keyset-paginated on (occurred_at, id): one index per filter a reader starts from
-- (a username names few events, so username + pool is served by the username index).
CREATE INDEX audit_event_by_time ON audit_event (occurred_at DESC, id DESC);
CREATE INDEX audit_event_by_username ON audit_event (target_username, occurred_at DESC, id DESC);
CREATE INDEX audit_event_by_pool ON audit_event (target_user_pool_id, occurred_at DESC, id DESC);
CREATE INDEX audit_event_by_actor ON audit_event (actor_subject, occurred_at DESC, id DESC);
CREATE INDEX audit_event_by_outcome ON audit_event (outcome, occurred_at DESC, id DESC);
CREATE INDEX audit_event_by_action ON audit_event (action, occurred_at DESC, id DESC);
