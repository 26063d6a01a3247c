/**
 * Read models built from the domain's events, one package per read model, each holding its event handlers
 * and its queries together. Projections see events and value objects, never aggregates.
 */
package com.careerledger.projections;
