/**
 * The career ladder as versioned reference data: levels per track, titles per discipline, the IC/manager
 * equivalences used for track switches, and the promotion policy. Loaded from a file, validated once, and
 * identified by id, version and content hash so that every decision can be judged by the rules of its day.
 */
package com.careerledger.domain.framework;
