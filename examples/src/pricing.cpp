// coro-sequential-await: two independent lookups awaited one after another.
#include "task.h"

namespace shop {

Task<int> basePrice(int Item);
Task<int> discount(int Customer);

Task<int> quote(int Item, int Customer) {
  auto Price = co_await basePrice(Item);
  auto Off = co_await discount(Customer); // could run together with basePrice
  co_return Price - Off;
}

} // namespace shop
