package com.acme.feed;

/** A request the service refuses with 400 Bad Request. */
class BadRequestException extends RuntimeException {

  BadRequestException(String message) {
    super(message);
  }
}
