package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An order as the API shows it. created_at is an ISO-8601 instant in UTC, to the microsecond. */
@JsonPropertyOrder({"id", "customer", "status", "total_cents", "created_at"})
record OrderJson(
    @JsonProperty("id") long id,
    @JsonProperty("customer") String customer,
    @JsonProperty("status") String status,
    @JsonProperty("total_cents") long totalCents,
    @JsonProperty("created_at") String createdAt) {}
