package com.acme.feed;

/** The sort key of the last order of a page, in microseconds since the epoch (the precision PostgreSQL stores). */
record Keyset(byte statusCode, long createdMicros, long id) {}
