/**
 * The read models' dead-letter queues (ADR 0008): an event no read model can handle is parked per person, so
 * others stay current; `/api/admin/dead-letters` lists, retries and evicts them (ADMIN), and health reports them.
 */
package com.careerledger.api.deadletters;
