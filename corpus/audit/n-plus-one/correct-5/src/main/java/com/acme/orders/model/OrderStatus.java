package com.acme.orders.model;

/** Where an order is in its life. */
public enum OrderStatus {
  PLACED,
  PAID,
  SHIPPED,
  DELIVERED,
  CANCELLED
}
