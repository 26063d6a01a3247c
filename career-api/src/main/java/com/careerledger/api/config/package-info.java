/**
 * The Axon wiring: event store on PostgreSQL (jsonb), processors and their transactions, the aggregate cache,
 * upcasters, the event clock and the calendar, the OpenAPI document. The only place that wires modules together.
 */
package com.careerledger.api.config;
