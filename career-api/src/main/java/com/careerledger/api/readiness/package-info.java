/**
 * `/api/readiness`: the readiness board, filtered to the people the caller may see.
 */
package com.careerledger.api.readiness;
