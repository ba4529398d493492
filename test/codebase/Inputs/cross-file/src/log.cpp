#include "services.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>

void audit(const char *What) {
  std::fputs(What, stderr);
  if (std::strcmp(What, "fatal") == 0) {
    std::system("dump-core");
    std::exit(1);
  }
}
