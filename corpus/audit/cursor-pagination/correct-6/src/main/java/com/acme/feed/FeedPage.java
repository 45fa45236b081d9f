package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON of a page. Names come from Jackson's snake_case strategy (nextCursor -> next_cursor, totalCents ->
 * total_cents, createdAt -> created_at); next_cursor is written even when null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"items", "next_cursor"})
public record FeedPage(List<Item> items, String nextCursor) {

  /** One order; created_at is the stored instant in UTC with as many fraction digits as it needs (ISO_INSTANT). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"id", "customer", "status", "total_cents", "created_at"})
  public record Item(long id, String customer, String status, long totalCents, String createdAt) {

    public static Item of(long id, String customer, String status, long totalCents, Instant createdAt) {
      return new Item(id, customer, status, totalCents, DateTimeFormatter.ISO_INSTANT.format(createdAt));
    }

    @JsonIgnore
    Instant createdAtInstant() {
      return Instant.parse(createdAt);
    }
  }
}
