/**
 * What every read model uses: the one way to write (`Table` declares a table's columns once, `ReadModel` reads,
 * changes and writes a batch's rows, `ColumnType`, `ReadModelJson`; ADR 0011), tied to the processor's batch by
 * `ProjectionBatch` and sent by `BulkSql`; read-your-writes, selective replay of one read model, the person
 * sequencing policy, paging. Holds no table.
 */
package com.careerledger.projections.support;
