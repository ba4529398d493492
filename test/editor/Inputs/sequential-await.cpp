#include "lazy_task.h"

lib::Task<int> price(int);
lib::Task<int> stock(int);

lib::Task<int> quote(int Item) {
  int P = co_await price(Item);
  // Stock comes from the warehouse.
  int S = co_await stock(Item);
  co_return P * S;
}
