#include "services.h"

int retryQuery(Db &D, int Fd) {
  int Result = D.query(Fd);
  return Result < 0 ? D.query(Fd) : Result;
}
