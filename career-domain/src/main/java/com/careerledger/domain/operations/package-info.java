/**
 * Facts about running the ledger rather than about careers: what an operator did to the read models, recorded as
 * events so the audit trail shows who did it, when and why. No aggregate decides them; they are appended as they
 * happen, each under its own stream id.
 */
package com.careerledger.domain.operations;
