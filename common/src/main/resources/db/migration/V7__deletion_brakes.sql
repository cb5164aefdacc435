-- Brakes on mass deletion (deletion-api): confirmations of big REST bulk deletions, commands held for an admin's
-- approval, and the audit trail of the admins' decisions.

-- A 428 answer's confirmation token: binds the caller, the target and the previewed count; short-lived and single-use.
-- deletion_id is set in the transaction that carried the deletion out, so a re-send with the same token finds it.
create table deletion_confirmations (
    token        uuid primary key,
    requested_by text        not null, -- the caller the token was issued to (deletions.requested_by form)
    owner_id     uuid        not null,
    scope        text        not null, -- CALENDAR | OWNER
    target       text        not null, -- the calendar id or owner id previewed
    blocks       integer     not null, -- the previewed count; a target that grew past it is refused
    expires_at   timestamptz not null,
    deletion_id  uuid
);
create index deletion_confirmations_expires_idx on deletion_confirmations (expires_at);

-- A DeletionRequested command above the threshold, held without touching a block. Its id is the command's event id,
-- which becomes the deletions row's id once approved (so a redelivered command is skipped either way).
-- decision is null while the command waits (state PENDING_APPROVAL).
create table deletion_approvals (
    id                uuid primary key,
    owner_id          uuid        not null,
    scope             text        not null, -- BLOCK | CALENDAR | OWNER
    block_id          uuid,
    calendar_id       text,
    requested_by      text        not null,
    held_at           timestamptz not null,
    blocks            integer     not null, -- the preview when held (refreshed when an approval found it grown)
    dependants        integer     not null,
    series_instances  integer     not null,
    synced_to_google  integer     not null,
    decision          text,
    constraint deletion_approvals_decision_ck check (decision in ('APPROVED', 'REJECTED'))
);
create index deletion_approvals_pending_idx on deletion_approvals (held_at) where decision is null;

-- What admins decided, by whom (the token's subject), when and why. Rows are only ever inserted.
create table admin_audit (
    id         uuid primary key,
    action     text        not null, -- APPROVED | REJECTED
    subject_id uuid        not null, -- the deletion approval decided on
    actor      text        not null,
    at         timestamptz not null,
    reason     text        not null
);
create index admin_audit_subject_idx on admin_audit (subject_id);
create index admin_audit_at_idx on admin_audit (at);
