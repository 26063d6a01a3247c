/**
 * The embedded PostgreSQL the application starts when no database is configured (README, ADR 0003): unpacked,
 * initialised in `CAREER_DATA_DIR`, started on a free loopback port, stopped after the application.
 */
package com.careerledger.storage.embedded;
