-- ShedLock's lock table: a scheduled job that must run on one instance at a time (housekeeping, the withdrawal purge,
-- hold expiry, the reconciler's sweep) holds its row while it runs; lock_until bounds a lock whose holder died.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
