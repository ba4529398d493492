// coro-dangling-reference, coro-capturing-lambda, coro-await-in-loop: a
// catalog that keeps tasks for later and loads items one at a time.
#include "task.h"
#include <string>
#include <vector>

namespace shop {

Task<int> loadItem(int Id);

Task<int> countWords(const std::string &Text) {
  int Words = 0;
  for (char C : Text)
    Words += C == ' ';
  co_return Words + 1;
}

Task<int> describe(int Id) {
  auto Count = countWords("a fresh description"); // the std::string dies here
  auto Load = [Id]() -> Task<int> { co_return co_await loadItem(Id); }(); // so does the lambda
  co_return co_await Count + co_await Load;
}

Task<std::vector<int>> loadAll(std::vector<int> Ids) {
  std::vector<int> Items;
  for (int Id : Ids)
    Items.push_back(co_await loadItem(Id)); // one at a time
  co_return Items;
}

} // namespace shop
