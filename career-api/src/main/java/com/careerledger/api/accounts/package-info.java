/**
 * `/api/accounts`: the Basic mode's accounts (ADMIN), and `/api/accounts/me` (who the caller is). The accounts
 * themselves live in `security/storage/AccountStore`; one account per person.
 */
package com.careerledger.api.accounts;
