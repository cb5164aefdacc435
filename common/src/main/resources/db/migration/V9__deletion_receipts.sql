-- Receipts of finished deletion requests: one per deletion once every block has ended (confirmed, failed or
-- restored), chained per owner by digest, kept for the compliance period independently of the 30-day per-block
-- bookkeeping in deletion_receipts. Written only by deletion-worker; like deletion_receipts part of the shared record
-- of what happened, read by deletion-api (the receipt call and the chain verification).

-- What the per-block bookkeeping lacked for a receipt: the soft delete's and Google's times and Google's status.
-- Null for rows written before this migration, and (google_*) when Google was not called.
alter table deletion_receipts
    add column soft_deleted_at    timestamptz,
    add column google_answered_at timestamptz,
    add column google_status      integer;

-- One row per finished deletion request. body is the DeletionCompleted event as published (with digest); digest and
-- previous_digest are copies of its fields for the chain's queries. Only ever inserted, except by the retention prune.
create table deletion_request_receipts (
    deletion_id     uuid primary key,
    owner_id        uuid        not null,
    sequence        bigint      not null,
    completed_at    timestamptz not null,
    keep_until      timestamptz not null,
    digest          text        not null,
    previous_digest text,
    body            jsonb       not null,
    constraint deletion_request_receipts_sequence_uq unique (owner_id, sequence)
);
create index deletion_request_receipts_keep_until_idx on deletion_request_receipts (keep_until);

-- The head of each owner's chain: locked (select ... for update) while a receipt is appended, so concurrent
-- completions of one owner's deletions serialise; it also lets verification notice a removed last receipt. The
-- retention prune removes the oldest receipts of a chain and records where the kept part starts.
create table receipt_chains (
    owner_id        uuid primary key,
    last_sequence   bigint not null,
    last_digest     text,                      -- null while the chain is empty
    pruned_sequence bigint not null default 0, -- receipts 1..pruned_sequence passed their retention and were removed
    pruned_digest   text                       -- the digest of receipt pruned_sequence
);
