package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One page of the feed: exactly {@code items} and {@code next_cursor} (null on the last page, but present). */
@JsonPropertyOrder({"items", "next_cursor"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record Page(
    @JsonProperty("items") List<OrderItem> items,
    @JsonProperty("next_cursor") String nextCursor) {}
