-- deletion-worker's housekeeping removes receipts and removed-dependant rows older than their retention, in batches
-- of the oldest first: without these the batch select reads each table whole, once per batch.
create index deletion_receipts_hard_deleted_idx on deletion_receipts (hard_deleted_at);
create index removed_dependants_hard_deleted_idx on removed_dependants (hard_deleted_at);
