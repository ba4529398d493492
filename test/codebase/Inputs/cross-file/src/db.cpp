#include "services.h"
#include <sys/socket.h>

int Db::query(int Fd) {
  char Buffer[64];
  return static_cast<int>(recv(Fd, Buffer, sizeof Buffer, 0));
}
