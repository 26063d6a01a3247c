/**
 * The career ladder and the aggregates whose events record careers against it.
 * <p>
 * Depends on Axon's modelling API and the JDK only: no Spring, no JPA (ModuleBoundariesTest keeps it so).
 */
package com.careerledger.domain;
