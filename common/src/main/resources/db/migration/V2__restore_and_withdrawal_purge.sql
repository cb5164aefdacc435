-- deletion-api bookkeeping for restores and for the purge of withdrawn accounts.

-- When a deletion was undone. Restore is all-or-nothing per deletion, so one instant per deletion; the restored blocks
-- keep their deletion_id (with deletion_state null) so that GET /v1/deletions/{id} can report them as RESTORED.
alter table deletions add column restored_at timestamptz;

-- When the scheduled purge sent a withdrawn owner's blocks through the pipeline (their BlockSoftDeleted events went to
-- the outbox). Null while the owner can still restore the account.
alter table owners add column purge_started_at timestamptz;

-- The purge's query: withdrawn owners whose window has passed and whose purge has not started yet.
create index owners_withdrawal_due_idx on owners (purge_after)
    where deleted_at is not null and purge_started_at is null;
