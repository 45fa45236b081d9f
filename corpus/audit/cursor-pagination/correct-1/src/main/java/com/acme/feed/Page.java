package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of the API: the orders and the cursor of the next page (null on the last page, but always present). */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Page(@JsonProperty("items") List<OrderJson> items, @JsonProperty("next_cursor") String nextCursor) {}
