-- Heartbeat of the CDC relay (deletion-api's embedded Debezium, or the Kafka Connect connector in deploy/debezium).
-- Debezium updates the one row every heartbeat interval (heartbeat.action.query). The change travels through the
-- deletion_outbox publication, so the replication slot receives something to confirm even when no outbox row is
-- written for hours while other tables fill the WAL: a quiet outbox does not pin the WAL of a busy database.
-- The connector captures the outbox only (table.include.list), so a heartbeat never becomes a Kafka event.
create table relay_heartbeat (
    id      smallint primary key,
    beat_at timestamptz not null
);
insert into relay_heartbeat (id, beat_at) values (1, now());

alter publication deletion_outbox add table relay_heartbeat;
