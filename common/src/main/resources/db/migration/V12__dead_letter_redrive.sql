-- Redrive by filter (deletion-worker): each dead letter's status, the audit entry of the redrive that took it, and the
-- filter and count of an audited bulk action.

-- OPEN until redriven; a record that is dead-lettered again after a redrive of the same event starts PARKED (no loop).
alter table dead_letters
    add column status           text not null default 'OPEN',
    add column redrive_audit_id uuid, -- the admin_audit row of the redrive that took it
    add constraint dead_letters_status_ck check (status in ('OPEN', 'REDRIVEN', 'PARKED'));
update dead_letters set status = 'REDRIVEN' where redriven_at is not null;
create index dead_letters_status_reason_idx on dead_letters (status, reason);
create index dead_letters_owner_idx on dead_letters (owner_id, dead_lettered_at) where owner_id is not null;
create index dead_letters_deletion_idx on dead_letters (deletion_id) where deletion_id is not null;
create index dead_letters_source_event_idx on dead_letters (source_event_id) where source_event_id is not null;

-- A bulk action's filter as given ({"reason": .., "ownerId": .., ...}) and how many rows it changed; null for a
-- decision on a single subject.
alter table admin_audit
    add column filter     jsonb,
    add column item_count integer;
