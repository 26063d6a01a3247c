/** The SQL of rebuilds: the shadow tables a rebuild writes, and the switch that puts them in place. */
package com.careerledger.api.admin.storage;
