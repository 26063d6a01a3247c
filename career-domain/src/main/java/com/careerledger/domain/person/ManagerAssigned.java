package com.careerledger.domain.person;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record ManagerAssigned(UUID personId, UUID managerId, UUID previousManagerId) {
}
