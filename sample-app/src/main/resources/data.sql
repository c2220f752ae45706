MERGE INTO customers KEY (id) VALUES ('c-42', 'Ada');
MERGE INTO stock KEY (sku) VALUES ('book-1', 1000000);
MERGE INTO stock KEY (sku) VALUES ('pen-2', 1000000);
