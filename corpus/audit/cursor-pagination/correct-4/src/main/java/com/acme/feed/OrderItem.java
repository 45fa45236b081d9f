package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One order as the API shows it. */
@JsonPropertyOrder({"id", "customer", "status", "total_cents", "created_at"})
record OrderItem(
    @JsonProperty("id") long id,
    @JsonProperty("customer") String customer,
    @JsonProperty("status") String status,
    @JsonProperty("total_cents") long totalCents,
    @JsonProperty("created_at") String createdAt) {}
