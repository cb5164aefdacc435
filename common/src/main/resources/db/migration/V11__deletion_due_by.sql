-- The legal clock of a deletion request: when it must be finished. Decided once by deletion-api when it accepts the
-- request (requested + deletion.requests.due-period, per scope overridable; a withdrawal: its purge date + the period)
-- and read by the worker's receipts and, through BlockSoftDeleted.dueBy, by the reconciler's deadline check.

alter table deletions add column due_by timestamptz;

-- Requests accepted before this migration get the default period of 30 days the pipeline promised them.
update deletions
   set due_by = case when scope = 'WITHDRAWAL' then purge_after else requested_at end + interval '30 days';

alter table deletions alter column due_by set not null;
