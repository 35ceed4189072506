-- Confirmation jobs (portable between PostgreSQL and H2): one row per job, one per selected user. Items are split into lanes
-- (seq modulo the job's lanes); each lane is one execution of the cluster's scheduler, so a
-- lane runs on one replica at a time and is taken over when that replica dies.
CREATE TABLE confirmation_job (
    id                     UUID                     NOT NULL PRIMARY KEY,
    user_pool_id           VARCHAR(64)                     NOT NULL,
    state                  VARCHAR(32)                     NOT NULL,
    dry_run                BOOLEAN                  NOT NULL,
    selection              VARCHAR(16)                     NOT NULL,
    query_status           VARCHAR(32),
    query_created_after    TIMESTAMP WITH TIME ZONE,
    query_created_before   TIMESTAMP WITH TIME ZONE,
    query_attribute_name   VARCHAR(64),
    query_attribute_prefix VARCHAR(256),
    -- the next ListUsers page of a query job; listed = every page is in
    listing_token          VARCHAR(4000),
    listed                 BOOLEAN                  NOT NULL,
    reason                 VARCHAR(1000),
    -- passed on to each AdminConfirmSignUp; never answered, logged or audited
    client_metadata        VARCHAR(32000),
    mark_email_verified    BOOLEAN                  NOT NULL,
    actor_subject          VARCHAR(255)                     NOT NULL,
    actor_issuer           VARCHAR(1024),
    actor_client_id        VARCHAR(255),
    actor_roles            VARCHAR(4000)                     NOT NULL,
    correlation_id         VARCHAR(64)                     NOT NULL,
    source_ip              VARCHAR(64),
    user_agent             VARCHAR(512),
    lanes                  INT                      NOT NULL,
    total                  BIGINT                   NOT NULL,
    confirmed              BIGINT                   NOT NULL DEFAULT 0,
    already_confirmed      BIGINT                   NOT NULL DEFAULT 0,
    would_confirm          BIGINT                   NOT NULL DEFAULT 0,
    failed                 BIGINT                   NOT NULL DEFAULT 0,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at             TIMESTAMP WITH TIME ZONE,
    finished_at            TIMESTAMP WITH TIME ZONE,
    audit_event_id         UUID                     NOT NULL
);

CREATE INDEX confirmation_job_pool_created ON confirmation_job (user_pool_id, created_at DESC, id DESC);
CREATE INDEX confirmation_job_state ON confirmation_job (state);

CREATE TABLE confirmation_job_item (
    job_id         UUID                     NOT NULL REFERENCES confirmation_job (id) ON DELETE CASCADE,
    seq            BIGINT                   NOT NULL,
    lane           INT                      NOT NULL,
    username       VARCHAR(256)                     NOT NULL,
    -- PENDING, IN_FLIGHT (attempt_id names the audit event it is written or about to be
    -- written under), DONE
    state          VARCHAR(16)                     NOT NULL,
    attempt_id     UUID,
    outcome        VARCHAR(32),
    problem        VARCHAR(4000),
    audit_event_id UUID,
    completed_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (job_id, seq),
    CONSTRAINT confirmation_job_item_username UNIQUE (job_id, username)
);

CREATE INDEX confirmation_job_item_lane ON confirmation_job_item (job_id, lane, state, seq);
CREATE INDEX confirmation_job_item_outcome ON confirmation_job_item (job_id, outcome, seq);
