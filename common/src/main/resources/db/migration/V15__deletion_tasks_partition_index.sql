-- Scaled-out workers divide the tasks by the partition of blocks.lifecycle.v1 each was taken in from
-- (deletion_tasks.source_partition, set since V4): an instance picks only the partitions it holds. This index lets
-- that pick read only those partitions' due tasks, and the idle check find their next due time with one lookup per
-- partition. An instance that holds every partition picks as before (deletion_tasks_due_idx).
create index deletion_tasks_partition_due_idx on deletion_tasks (source_partition, due_at);
