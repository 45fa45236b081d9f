package com.acme.orders.view;

/** The customer as the order history shows it. Part of the contract: do not change. */
public record CustomerView(long id, String name, String email) {}
