#include "lazy_task.h"
#include "services.h"

lib::Task<int> handle(Db &D, int Fd) {
  int Rows = D.query(Fd);
  int Again = retryQuery(D, Fd);
  audit("handled");
  defaultSink().flush();
  int Cached = defaultCache().load(Fd);
  co_return Rows + Again + Cached;
}
