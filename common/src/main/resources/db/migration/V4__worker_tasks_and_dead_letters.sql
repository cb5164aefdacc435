-- deletion-worker's own bookkeeping: the deletions it has been asked to carry out (tasks), the ones it gave up on
-- (dead letters), and dependants it removed before their own event arrived. Only deletion-worker writes these tables;
-- the blocks, deletion_receipts and outbox tables stay the shared record of what happened.

-- One row per block whose BlockSoftDeleted the worker has taken in and not yet finished. Waiting for the grace
-- period, waiting for a retry and the lease of an attempt in flight are all "due_at in the future", so a restart
-- loses nothing and no thread waits. The original Kafka record is kept for the dead-letter topic.
create table deletion_tasks (
    block_id          uuid primary key,
    source_event_id   uuid        not null,
    deletion_id       uuid        not null,
    owner_id          uuid        not null,
    calendar_id       text        not null,
    google_event_id   text,                   -- as the event said; the claimed row's value is the one used
    soft_deleted_at   timestamptz not null,
    purge_after       timestamptz not null,
    due_at            timestamptz not null,
    attempts          integer     not null default 0, -- Google attempts of this task (a redrive starts again at 0)
    first_claimed_at  timestamptz,
    first_failure_at  timestamptz,
    last_failure_at   timestamptz,
    last_http_status  integer,
    last_reason       text,
    last_detail       text,
    source_topic      text        not null,
    source_partition  integer     not null,
    source_offset     bigint      not null,
    record_key        text,
    record_value      bytea       not null,
    record_headers    jsonb       not null, -- [{"name":..,"value":base64}], in record order
    created_at        timestamptz not null default now()
);
create index deletion_tasks_due_idx on deletion_tasks (due_at);
create index deletion_tasks_owner_due_idx on deletion_tasks (owner_id, due_at);

-- Every record the worker dead-lettered, with the reason headers it carries on blocks.deletion-dead-letters.v1.
-- published_at is null until Kafka acknowledged the dead-letter record (a relay retries); redriven_at is set once.
create table dead_letters (
    id                uuid primary key,
    block_id          uuid,          -- null for a poison record whose block is unknown
    source_event_id   uuid,
    deletion_id       uuid,
    owner_id          uuid,
    reason            text        not null,
    detail            text,
    last_http_status  integer,
    attempts          integer     not null,
    first_failure_at  timestamptz not null,
    last_failure_at   timestamptz not null,
    redrivable        boolean     not null,
    source_topic      text,
    source_partition  integer,
    source_offset     bigint,
    record_key        text,
    record_value      bytea,
    record_headers    jsonb       not null,
    dead_lettered_at  timestamptz not null,
    published_at      timestamptz,
    redriven_at       timestamptz,
    redriven_by       text
);
create index dead_letters_unpublished_idx on dead_letters (dead_lettered_at) where published_at is null;
create index dead_letters_block_idx on dead_letters (block_id) where block_id is not null;
create index dead_letters_recent_idx on dead_letters (dead_lettered_at desc);

-- Dependants (children without a Google event of their own, instances of a deleted series) that were hard-deleted
-- with their parent before their own BlockSoftDeleted was taken in: when it arrives, its receipt and confirmation are
-- written from this row, so every soft-deleted block still gets exactly one confirmation.
create table removed_dependants (
    block_id           uuid primary key,
    parent_block_id    uuid        not null,
    deletion_id        uuid        not null,
    owner_id           uuid        not null,
    calendar_id        text        not null,
    google_event_id    text,
    outcome            text        not null, -- ALREADY_GONE | NOT_SYNCED
    google_answered_at timestamptz,
    hard_deleted_at    timestamptz not null
);
