package com.acme.feed;

import java.time.Instant;

/**
 * Where a walk stands: the sort key (created_at, id) of the last order already listed, and the status filter the
 * walk was started with (null when none).
 */
record Cursor(Instant createdAt, long id, OrderStatus status) {}
