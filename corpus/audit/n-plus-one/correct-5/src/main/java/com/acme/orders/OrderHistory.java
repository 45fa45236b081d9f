package com.acme.orders;

import com.acme.orders.view.OrderSummary;
import java.util.List;
import org.hibernate.SessionFactory;

/** The order history screen's read path: all orders, newest first, a page at a time. */
public final class OrderHistory {

  /** The largest page the screen asks for. */
  public static final int MAX_PAGE_SIZE = 500;

  private final SessionFactory sessionFactory;
  private final OrderRepository repository = new OrderRepository();
  private final OrderMapper mapper = new OrderMapper();

  public OrderHistory(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  /**
   * Page {@code pageNumber} (0 is the newest) of all orders, {@code pageSize} per page, newest first: by
   * placed_at descending, then id descending. A page past the end is empty.
   *
   * @throws IllegalArgumentException if {@code pageNumber < 0} or {@code pageSize} is not 1..{@value #MAX_PAGE_SIZE}
   */
  public List<OrderSummary> page(int pageNumber, int pageSize) {
    if (pageNumber < 0) {
      throw new IllegalArgumentException("pageNumber must be 0 or more, was " + pageNumber);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
    }
    return sessionFactory.fromTransaction(session -> {
      session.setDefaultReadOnly(true);
      // long: pageNumber * pageSize can pass Integer.MAX_VALUE (such a page is past the end, hence empty)
      long firstOrder = (long) pageNumber * pageSize;
      return mapper.toSummaries(repository.findPage(session, firstOrder, pageSize));
    });
  }
}
