// coro-lock-across-suspend: a std::mutex held across co_await.
#include "task.h"
#include <map>
#include <mutex>

namespace shop {

Task<int> loadStock(int Item);

class Inventory {
public:
  Task<int> refresh(int Item) {
    std::lock_guard<std::mutex> Guard(Mutex);
    int Fresh = co_await loadStock(Item); // suspends with Mutex held
    Stock[Item] = Fresh;
    co_return Fresh;
  }

private:
  std::mutex Mutex;
  std::map<int, int> Stock;
};

Task<int> refreshOne(Inventory &I) { co_return co_await I.refresh(1); }

} // namespace shop
