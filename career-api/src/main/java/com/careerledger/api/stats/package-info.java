/**
 * `/api/stats`: organisation statistics, for the committee and admins.
 */
package com.careerledger.api.stats;
