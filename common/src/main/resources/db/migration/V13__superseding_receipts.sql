-- A deletion may have more than one receipt: when a block ends again after its deletion's receipt was sealed
-- (hard-deleted after a redrive of its dead letter, or restored), deletion-worker appends a new receipt for the same
-- deletion to the owner's chain, naming the one it replaces (supersedes); the earlier receipt is kept as it was.
-- A receipt is now identified by its place in its owner's chain; the latest of a deletion is the one with the highest
-- sequence.
alter table deletion_request_receipts drop constraint deletion_request_receipts_pkey;
alter table deletion_request_receipts drop constraint deletion_request_receipts_sequence_uq;
alter table deletion_request_receipts add primary key (owner_id, sequence);
alter table deletion_request_receipts add column supersedes text;
create index deletion_request_receipts_deletion_idx on deletion_request_receipts (deletion_id, sequence);
