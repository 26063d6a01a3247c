/**
 * The problem+json vocabulary every room uses: `Problems` builds and writes every problem body, `Failures` tells
 * kinds of failure apart, `ApiRule`s are the API's own refusals. Knows no other package of the API.
 */
package com.careerledger.api.error;
