-- Legal holds (deletion-api, admin only): while an active hold covers a block, the block may be soft-deleted (hidden)
-- but the worker does not claim it, Google is not called, it is not hard-deleted and a withdrawal's purge does not
-- remove it. A hold is active until released_at is set or ends_at has passed.

create table legal_holds (
    id             uuid primary key,
    scope          text        not null, -- OWNER | CALENDAR | BLOCK (HoldScope)
    owner_id       uuid        not null,
    calendar_id    text,                 -- set for CALENDAR, and for BLOCK (the block's calendar)
    block_id       uuid,                 -- set for BLOCK
    reason         text        not null,
    placed_by      text        not null, -- the admin's token subject
    placed_at      timestamptz not null,
    ends_at        timestamptz,          -- null: until released
    released_at    timestamptz,          -- by an admin, or ends_at once the expiry was processed
    released_by    text,
    release_reason text,
    constraint legal_holds_scope_ck check (scope in ('OWNER', 'CALENDAR', 'BLOCK'))
);
create index legal_holds_owner_idx on legal_holds (owner_id) where released_at is null;
create index legal_holds_ends_idx on legal_holds (ends_at) where released_at is null and ends_at is not null;

-- The one test of "held", used by every service's SQL: the active holds on the owner, the calendar or the block, oldest
-- first (empty: not held). An array, so that a release can tell "held by this hold alone".
create function active_holds_on(p_owner uuid, p_calendar text, p_block uuid, p_now timestamptz) returns uuid[]
    language sql stable as
$$
select coalesce(array_agg(h.id order by h.placed_at, h.id), '{}')
  from legal_holds h
 where h.owner_id = p_owner
   and h.released_at is null
   and (h.ends_at is null or h.ends_at > p_now)
   and (h.scope = 'OWNER'
     or (h.scope = 'CALENDAR' and h.calendar_id = p_calendar)
     or (h.scope = 'BLOCK' and h.block_id = p_block))
$$;

create function block_held(p_owner uuid, p_calendar text, p_block uuid, p_now timestamptz) returns boolean
    language sql stable as
$$
select cardinality(active_holds_on(p_owner, p_calendar, p_block, p_now)) > 0
$$;
