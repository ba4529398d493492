// coro-cleanup-after-suspend: a file closed after a co_await is never closed
// when the export is cancelled while it waits.
#include "task.h"
#include <cstdio>

namespace shop {

Task<int> nextBatch();

Task<> exportSales(const char *Path) {
  std::FILE *Out = std::fopen(Path, "w");
  int Batch = co_await nextBatch();
  std::fprintf(Out, "%d\n", Batch);
  std::fclose(Out);
}

} // namespace shop
