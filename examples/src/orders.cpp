// coro-discarded-task: a lazy task created and dropped never runs.
#include "task.h"

namespace shop {

Task<int> submitOrder(int Item);
Task<> notifyWarehouse(int Order);

Task<int> checkout(int Item) {
  int Order = co_await submitOrder(Item);
  notifyWarehouse(Order); // never runs: the task is discarded
  co_return Order;
}

} // namespace shop
