-- Which Google event a hard-deleted block held, so that the reconciler's safety-net sweep can prove that a recurring
-- series is gone at Google: its instances left behind in blocks (google_event_data ->> 'recurringEventId' = the
-- series' google_event_id, same owner and calendar) may then be removed locally, because Google deletes a series'
-- instances with it. Null for receipts written before this migration and for blocks never synced to Google.
alter table deletion_receipts
    add column google_event_id text,
    add column calendar_id     text;

-- The sweep's lookup: the receipt of a series, by owner, calendar and Google event id.
create index deletion_receipts_google_event_idx on deletion_receipts (owner_id, calendar_id, google_event_id)
    where google_event_id is not null;
