/** The read models' parked events, read straight from Axon's `dead_letter_entry` (paged, across read models). */
package com.careerledger.api.deadletters.storage;
