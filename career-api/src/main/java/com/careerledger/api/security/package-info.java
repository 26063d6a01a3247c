/**
 * Who may see and decide what. Authentication (HTTP Basic accounts by default, JWT in production), the
 * acting principal recorded in every event, object-level rules over the reporting lines, and rate limits.
 * See docs/security.md.
 */
package com.careerledger.api.security;
