package com.acme.orders.view;

/** One line as the order history shows it. Part of the contract: do not change. */
public record LineView(int lineNo, String sku, String productName, int quantity, long unitPriceCents) {}
