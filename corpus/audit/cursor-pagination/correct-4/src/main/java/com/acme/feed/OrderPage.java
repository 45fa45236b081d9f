package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A page: its orders, and the cursor of the next page (null exactly on the last page, but always present). */
@JsonPropertyOrder({"items", "next_cursor"})
record OrderPage(
    @JsonProperty("items") List<OrderItem> items,
    @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}
