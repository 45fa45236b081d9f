package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One order as the API shows it; created_at is an ISO-8601 UTC instant with all six fraction digits. */
@JsonPropertyOrder({"id", "customer", "status", "total_cents", "created_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record OrderItem(
    @JsonProperty("id") long id,
    @JsonProperty("customer") String customer,
    @JsonProperty("status") String status,
    @JsonProperty("total_cents") long totalCents,
    @JsonProperty("created_at") String createdAt) {}
