#include "../prepare.h"
#include <unistd.h>

// The first program prepares by sleeping.
void prepare() { sleep(1); }
