#include "helper.h"
void user() {}
