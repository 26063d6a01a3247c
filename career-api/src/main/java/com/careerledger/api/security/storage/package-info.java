/** Accounts in PostgreSQL (`account`; never in events): the one class of `security` that speaks SQL. */
package com.careerledger.api.security.storage;
