/**
 * Policies that span aggregates: what one aggregate's event makes another do. Each reacts to events with
 * commands, through Axon's messaging API only; the application decides where and in which transaction it runs.
 */
package com.careerledger.domain.policy;
