-- Schema of the deletion pipeline. Applied by deletion-api (Flyway); read and written by every module.
-- Soft-deleted rows carry one deletion_id per deletion, so that a restore brings back exactly what that deletion
-- removed. Ordinary blocks get deleted_at; cancellation markers get item_status = 'DELETED' and stay visible.

create table owners (
    id           uuid primary key,
    handle       text        not null,
    display_name text,
    created_at   timestamptz not null default now(),
    deleted_at   timestamptz,
    deletion_id  uuid,
    -- after this instant a withdrawn owner's data goes through the pipeline for good
    purge_after  timestamptz
);
-- a handle is reusable once its holder is withdrawn
create unique index owners_handle_live_uq on owners (handle) where deleted_at is null;

-- Session tokens (the jti of issued bearer tokens). Withdrawal hard-deletes them so they stop working at once.
create table session_tokens (
    id         uuid primary key,
    owner_id   uuid        not null references owners (id) on delete cascade,
    issued_at  timestamptz not null default now(),
    expires_at timestamptz not null
);
create index session_tokens_owner_idx on session_tokens (owner_id);

-- Google credentials of an owner, encrypted at rest. Kept through a withdrawal until the purge has finished.
create table google_credentials (
    owner_id                uuid primary key references owners (id) on delete cascade,
    kind                    text        not null, -- OAUTH_REFRESH_TOKEN | SERVICE_ACCOUNT_DELEGATION
    subject                 text,                 -- the user to impersonate for service-account delegation
    refresh_token_encrypted bytea,
    updated_at              timestamptz not null default now()
);

-- One row per deletion request (single, cascade, bulk, withdrawal purge, command from another service).
create table deletions (
    id           uuid primary key,
    owner_id     uuid        not null,
    scope        text        not null, -- BLOCK | CALENDAR | OWNER | WITHDRAWAL
    target       text,                 -- the block id, calendar id or owner id asked for
    requested_by text        not null, -- the caller: an owner, an admin, or another service
    requested_at timestamptz not null,
    purge_after  timestamptz not null,
    block_count  integer     not null default 0
);
create index deletions_owner_idx on deletions (owner_id);

create table blocks (
    id                uuid primary key,
    owner_id          uuid        not null references owners (id),
    calendar_id       text        not null,
    kind              text        not null default 'ORDINARY',
    title             text,
    starts_at         timestamptz,
    ends_at           timestamptz,
    google_event_id   text,  -- null: never synced to Google
    google_event_data jsonb, -- Google's event as last synced; recurringEventId marks an instance of a series
    -- the block this one was derived from; no foreign key: a child may outlive its parent and the sweep must find it
    original_id       uuid,
    item_status       text        not null default 'ACTIVE',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),

    -- phase 1: soft delete
    deleted_at        timestamptz,
    deletion_id       uuid references deletions (id),
    purge_after       timestamptz,
    -- phase 2 bookkeeping: null while live, then SOFT_DELETED -> CLAIMED -> (row gone) or FAILED
    deletion_state    text,
    claimed_by        text,
    claim_expires_at  timestamptz,
    attempts          integer     not null default 0,
    failure_reason    text,
    constraint blocks_kind_ck check (kind in ('ORDINARY', 'CANCELLATION_MARKER')),
    constraint blocks_item_status_ck check (item_status in ('ACTIVE', 'DELETED')),
    constraint blocks_deletion_state_ck check (deletion_state in ('SOFT_DELETED', 'CLAIMED', 'FAILED'))
);
-- a Google event id is reusable per calendar once its block is deleted (either kind of soft delete)
create unique index blocks_google_event_live_uq on blocks (calendar_id, google_event_id)
    where deletion_state is null and google_event_id is not null;
create index blocks_owner_calendar_idx on blocks (owner_id, calendar_id) where deleted_at is null;
create index blocks_original_idx on blocks (original_id) where original_id is not null;
create index blocks_recurring_idx on blocks (owner_id, (google_event_data ->> 'recurringEventId'))
    where google_event_data ? 'recurringEventId';
create index blocks_deletion_idx on blocks (deletion_id) where deletion_id is not null;
create index blocks_pending_idx on blocks (deletion_state, purge_after) where deletion_state is not null;

-- What every ordinary query reads: blocks not soft-deleted. Cancellation markers stay visible with their item_status.
create view visible_blocks as
select * from blocks where deleted_at is null;

-- A receipt per hard-deleted block, written in the hard delete's transaction: a redelivery re-emits the same
-- confirmation id from it, and GET /v1/deletions/{id} reports blocks that no longer exist.
create table deletion_receipts (
    block_id           uuid primary key,
    deletion_id        uuid        not null,
    owner_id           uuid        not null,
    source_event_id    uuid        not null,
    confirmation_id    uuid        not null unique,
    outcome            text        not null, -- DELETED | ALREADY_GONE | NOT_SYNCED
    dependants_removed integer     not null,
    hard_deleted_at    timestamptz not null
);
create index deletion_receipts_deletion_idx on deletion_receipts (deletion_id);

-- Transactional outbox, captured by Debezium's outbox EventRouter: aggregatetype names the topic, aggregateid is the
-- record key, id and type go to the ce_id and ce_type headers, payload is the event's JSON.
create table outbox (
    id            uuid primary key,
    aggregatetype text        not null,
    aggregateid   text        not null,
    type          text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now()
);
create index outbox_created_idx on outbox (created_at);

-- The CDC relay captures the outbox only.
create publication deletion_outbox for table outbox;
