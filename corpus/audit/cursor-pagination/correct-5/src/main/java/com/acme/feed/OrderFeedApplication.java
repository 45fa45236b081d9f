package com.acme.feed;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The order feed service. Keep this class: the tests start the service through it. */
@SpringBootApplication
public class OrderFeedApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrderFeedApplication.class, args);
  }
}
