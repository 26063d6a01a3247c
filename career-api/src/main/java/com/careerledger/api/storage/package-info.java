/**
 * The API's storage room: how Axon's event store writes and reads PostgreSQL (`PostgresEventStorageEngine`) and the
 * read models' kind of transaction (`ReadModelTransactionManager`). With the `storage` packages beside the owners of
 * the API's own tables, the only place in this module that speaks SQL (`ModuleBoundariesTest`).
 */
package com.careerledger.api.storage;
