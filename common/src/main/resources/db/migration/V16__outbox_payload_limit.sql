-- An outbox row becomes one Kafka record, and Kafka refuses a record over its limit (1 MB by default): the relay then
-- fails on that row again after every restart, and no event behind it is relayed. A payload that cannot fit is
-- refused here, in its writer's transaction, which fails loudly instead. The bound is the text Debezium reads
-- (jsonb's text form), with room left for the key and the headers; Topics.OUTBOX_PAYLOAD_MAX_BYTES is the same number.
-- NOT VALID: rows already in the table are not checked, so that this migration cannot fail on a database whose
-- relay a payload of that size already stopped; every row written from now on is.
alter table outbox add constraint outbox_payload_fits_one_kafka_record
    check (octet_length(payload::text) <= 900000) not valid;
