#include "BlockingCallCheck.h"
