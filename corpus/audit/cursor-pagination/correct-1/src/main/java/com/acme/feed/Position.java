package com.acme.feed;

import java.time.Instant;

/** Where a page ends: the (created_at, id) of the last order listed; the next page starts strictly after it. */
record Position(Instant createdAt, long id) {}
