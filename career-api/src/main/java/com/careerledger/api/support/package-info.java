/**
 * Sending commands with the acting principal's id in the metadata (`Commands`), and new ids.
 */
package com.careerledger.api.support;
