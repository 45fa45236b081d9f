package com.acme.orders;

import com.acme.orders.model.Customer;
import com.acme.orders.model.OrderLine;
import com.acme.orders.model.Payment;
import com.acme.orders.model.Product;
import com.acme.orders.model.PurchaseOrder;
import com.acme.orders.model.Supplier;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/** Boots Hibernate on a DataSource whose database has the tables of {@code schema.sql}. */
public final class OrdersPersistence {

  private OrdersPersistence() {}

  /**
   * A SessionFactory for the order entities. Hibernate does not create or change tables; the schema is
   * {@code src/main/resources/schema.sql}. The caller closes the factory.
   */
  public static SessionFactory sessionFactory(DataSource dataSource) {
    Configuration configuration = new Configuration()
        .addAnnotatedClass(Supplier.class)
        .addAnnotatedClass(Product.class)
        .addAnnotatedClass(Customer.class)
        .addAnnotatedClass(PurchaseOrder.class)
        .addAnnotatedClass(OrderLine.class)
        .addAnnotatedClass(Payment.class)
        .setProperty(AvailableSettings.HBM2DDL_AUTO, "none")
        .setProperty(AvailableSettings.SHOW_SQL, "false");
    configuration.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
    return configuration.buildSessionFactory();
  }
}
