package io.cdclake.cluster.fault;

/**
 * A row of the lake: the change it holds and the Kafka record it came from. The same change under
 * two offsets was sent to Kafka twice (by the source side); the same change from one offset was
 * written twice by the job.
 */
record LakeRow(ChangeEvent event, int partition, long offset) {}
