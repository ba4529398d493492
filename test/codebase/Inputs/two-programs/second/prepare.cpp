#include "../prepare.h"

// The second program prepares without blocking.
void prepare() {}
