package com.acme.feed;

/** A query parameter the API refuses: answered with 400 Bad Request. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message, null, false, false);
  }
}
