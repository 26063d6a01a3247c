/**
 * The career framework (the ladder) in force: loaded and validated at start-up, served at `/api/framework`.
 */
package com.careerledger.api.framework;
