/** Idempotency keys in PostgreSQL (`idempotency_keys`): claims, recorded results, expiry. */
package com.careerledger.api.concurrency.storage;
