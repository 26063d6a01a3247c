/**
 * What every read model uses: batching writes to the end of the processor's batch (`ProjectionBatch`, `BulkSql`),
 * read-your-writes, selective replay of one read model, the person sequencing policy, paging. Holds no table.
 */
package com.careerledger.projections.support;
