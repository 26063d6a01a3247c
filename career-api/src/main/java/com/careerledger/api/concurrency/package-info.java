/**
 * Writes under concurrency: `If-Match` (a write on a version), `Idempotency-Key` (a retried POST answered once, the
 * key stored in the command's transaction), and the answers to lost races (409, or a retry on fresh state).
 */
package com.careerledger.api.concurrency;
